#!/bin/sh
# flight=guest-start: dom0-side part of tools/flight/steps/guest-start.sh.
# xl create starts guest1; its console, read through xenconsoled, shows
# its userspace marker; xl list shows it running; xl destroy ends it.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

start_toolstack || check_done
create_guest guest1 || check_done

_list=$(xl list)
_state=$(xl_state guest1)
case $_state in
r* | ?b*) check_ok xl-list-running "$(echo "$_list" | tr '\n' '|')" ;;
*) check_fail xl-list-running "guest1's state is '$_state': $(echo "$_list" | tr '\n' '|')" ;;
esac
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
if xl destroy guest1 && wait_gone guest1 10; then
	check_ok destroy-guest1
else
	check_fail destroy-guest1 "still listed: $(xl list | tr '\n' '|')"
fi
check_done
