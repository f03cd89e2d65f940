#!/bin/sh
# flight=guest-stop: dom0-side part of tools/flight/steps/guest-stop.sh.
# xl shutdown -w asks guest1's kernel to power off through xenstore and
# waits; xl's monitor then destroys it (on_poweroff=destroy), so it
# leaves xl list and xenstore.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

start_toolstack || check_done
create_guest guest1 || check_done
_id=$(xl list guest1 | awk 'NR == 2 { print $2 }')

# The kernel says it listens for control/shutdown once xenbus is up.
_n=0
while [ "$(xenstore-read "/local/domain/$_id/control/feature-poweroff" 2>/dev/null)" != 1 ] &&
	[ $_n -lt 300 ]; do
	usleep 100000
	_n=$((_n + 1))
done
if _out=$(xl shutdown -w guest1 2>&1); then
	check_ok shutdown-w "$(echo "$_out" | tr '\n' ' ')"
else
	check_fail shutdown-w "xl shutdown -w failed: $_out"
fi
if wait_gone guest1 30; then
	check_ok gone-from-list
else
	check_fail gone-from-list "still there: $(xl list | tr '\n' '|')"
fi
if xenstore-exists "/local/domain/$_id" 2>/dev/null; then
	check_fail xenstore-cleaned "/local/domain/$_id is still there"
else
	check_ok xenstore-cleaned "/local/domain/$_id removed"
fi
if grep -q 'reboot: Power down' "/var/log/xen/console/guest-guest1.log"; then
	check_ok guest-powered-off "its kernel said so"
else
	check_fail guest-powered-off "no 'reboot: Power down' in its console log"
fi
check_done
