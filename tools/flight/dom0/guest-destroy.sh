#!/bin/sh
# flight=guest-destroy: dom0-side part of tools/flight/steps/guest-destroy.sh.
# A running guest (guest2: gzip-compressed kernel, one vCPU) is destroyed;
# the host's free memory, the domain list and xenstore are what they were.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

start_toolstack || check_done
_free0=$(free_mib)
_tree0=$(xenstore-ls -f /local/domain | grep -v '^/local/domain/0/' | wc -l)
create_guest guest2 || check_done
_free1=$(free_mib)
check_ok memory-taken "free memory $_free0 MiB before, $_free1 MiB with guest2"

_t0=$(uptime_s)
if xl destroy guest2; then
	check_ok destroy "in $(awk -v a="$_t0" -v b="$(uptime_s)" 'BEGIN { printf "%.2f", b - a }') s"
	echo "BENCH xl-destroy $(awk -v a="$_t0" -v b="$(uptime_s)" 'BEGIN { printf "%.2f", b - a }') s"
else
	check_fail destroy "xl destroy guest2 failed"
fi
if wait_gone guest2 10; then
	check_ok gone-from-list
else
	check_fail gone-from-list "still there: $(xl list | tr '\n' '|')"
fi
_free2=$(free_mib)
if [ -n "$_free0" ] && [ "$_free2" = "$_free0" ]; then
	check_ok memory-back "free memory $_free2 MiB, as before"
else
	check_fail memory-back "free memory $_free0 MiB before, $_free2 MiB after"
fi
_tree2=$(xenstore-ls -f /local/domain | grep -v '^/local/domain/0/' | wc -l)
if [ "$_tree2" = "$_tree0" ]; then
	check_ok xenstore-back "no guest nodes left"
else
	check_fail xenstore-back "$(xenstore-ls -f /local/domain | grep -v '^/local/domain/0/' | tr '\n' '|')"
fi
check_done
