#!/bin/sh
# flight=guest-destroy: dom0-side part of tools/flight/steps/guest-destroy.sh.
# A running guest (guest2: gzip-compressed kernel, one vCPU) is destroyed;
# the hypervisor's free pages, the domain list and xenstore are exactly
# what they were.  The free pages counted include the stage-2 table pages
# dom0 holds (dom0-abi --free-pages): those grow with the foreign
# mappings dom0 makes and stay, as on Xen.  A paused guest made and
# destroyed first lets dom0's other tables (its ports) grow likewise.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

free_pages() {
	/usr/lib/xen/tests/dom0-abi --free-pages 2>&1
}

start_toolstack || check_done
if xl create -p /etc/xen/guest2.cfg >/dev/null 2>&1 && xl destroy guest2; then
	check_ok warm-up "a paused guest2 made and destroyed"
else
	check_fail warm-up "xl create -p or xl destroy failed"
fi
_free0=$(free_pages)
_tree0=$(xenstore-ls -f /local/domain | grep -vc '^/local/domain/0/')
create_guest guest2 || check_done
_free1=$(free_pages)
check_ok memory-taken "free pages $_free0 before, $_free1 with guest2"

_t0=$(uptime_s)
if xl destroy guest2; then
	_secs=$(awk -v a="$_t0" -v b="$(uptime_s)" 'BEGIN { printf "%.2f", b - a }')
	check_ok destroy "in $_secs s"
	echo "BENCH xl-destroy $_secs s"
else
	check_fail destroy "xl destroy guest2 failed"
fi
if wait_gone guest2 10; then
	check_ok gone-from-list
else
	check_fail gone-from-list "still there: $(xl list | tr '\n' '|')"
fi
# xenstored and xenconsoled let go of its rings when they notice.
_n=0
while [ "$(free_pages)" != "$_free0" ] && [ $_n -lt 50 ]; do
	usleep 100000
	_n=$((_n + 1))
done
_free2=$(free_pages)
if [ -n "$_free0" ] && [ "$_free2" = "$_free0" ]; then
	check_ok memory-back "free pages $_free2, as before"
else
	check_fail memory-back "free pages $_free0 before, $_free2 after"
fi
_tree2=$(xenstore-ls -f /local/domain | grep -vc '^/local/domain/0/')
if [ "$_tree2" = "$_tree0" ]; then
	check_ok xenstore-back "no guest nodes left"
else
	check_fail xenstore-back "$(xenstore-ls -f /local/domain | grep -v '^/local/domain/0/' | tr '\n' '|')"
fi
check_done
