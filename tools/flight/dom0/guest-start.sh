#!/bin/sh
# flight=guest-start: dom0-side part of tools/flight/steps/guest-start.sh.
# xl create starts guest1; its console, read through xenconsoled, shows
# its userspace marker; xl list shows it running; xl console talks to its
# shell; xl destroy ends it.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

start_toolstack || check_done
create_guest guest1 || check_done

_list=$(xl list)
_state=$(xl_state guest1)
# Running, blocked, or between the two (waiting for a CPU: "------"), but
# not paused, shut down or dying.
if echo "$_state" | grep -q '^[r-][b-]----$'; then
	check_ok xl-list-running "$(echo "$_list" | tr '\n' '|')"
else
	check_fail xl-list-running "guest1's state is '$_state': $(echo "$_list" | tr '\n' '|')"
fi
if echo "$_list" | head -1 | grep -q '^Name  *ID   Mem VCPUs	State	Time(s)$'; then
	check_ok xl-list-header
else
	check_fail xl-list-header "header: $(echo "$_list" | head -1)"
fi
_id=$(xl list guest1 | awk 'NR == 2 { print $2 }')
if [ "$(xenstore-read "/local/domain/$_id/name" 2>/dev/null)" = guest1 ]; then
	check_ok xenstore-name "/local/domain/$_id/name"
else
	check_fail xenstore-name "no /local/domain/$_id/name = guest1"
fi
# xl console shows what the guest wrote (xenconsoled keeps it for the
# pty).  Typed input needs a terminal, or xenconsole --interactive as
# here, as on Xen; the guest computes the answer, so it is not our echo.
timeout 5 xl console guest1 </dev/null >/tmp/console.out 2>&1
if grep -q 'GUEST-USERSPACE-READY' /tmp/console.out; then
	check_ok xl-console "its boot log came through"
else
	check_fail xl-console "nothing through xl console: $(tail -c 400 /tmp/console.out | tr '\n' '|')"
fi
{ sleep 2; echo; sleep 1; echo 'echo CONSOLE-$((6 * 7))'; sleep 4; } |
	timeout 10 /usr/lib/xen/bin/xenconsole --interactive "$_id" >/tmp/console.out 2>&1
if grep -q 'CONSOLE-42' /tmp/console.out; then
	check_ok console-input "the guest's shell answered through xenconsole --interactive"
else
	check_fail console-input "no answer: $(tail -c 400 /tmp/console.out | tr '\n' '|')"
fi
if xl destroy guest1 && wait_gone guest1 10; then
	check_ok destroy-guest1
else
	check_fail destroy-guest1 "still listed: $(xl list | tr '\n' '|')"
fi
check_done
