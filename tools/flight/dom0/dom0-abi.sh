#!/bin/sh
# flight=dom0-abi: dom0-side part of tools/flight/steps/dom0-abi.sh.
#
# Checks that Linux took the event ABI the step asked for (flight.events=
# fifo|2l), that xenfs is mounted, that features the hypervisor hides from
# guests are not in /proc/cpuinfo, then runs the ABI test program
# /usr/lib/xen/tests/dom0-abi (tools/tests/dom0-abi), which prints its own
# CHECK lines.  Exits with the number of failed checks.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

events=$(flight_arg events fifo)
case $events in
fifo) want='Using FIFO-based ABI' ;;
*) want='Using 2-level ABI' ;;
esac
if dmesg | grep -q "$want"; then
	check_ok event-abi "$want"
else
	check_fail event-abi "dmesg lacks '$want': $(dmesg | grep -m1 'xen:events')"
fi

if grep -q control_d /proc/xen/capabilities 2>/dev/null; then
	check_ok xenfs "/proc/xen/capabilities: $(cat /proc/xen/capabilities)"
else
	check_fail xenfs "/proc/xen/capabilities does not say control_d"
fi

# Features the hypervisor hides through the ID registers (it neither
# saves their state nor lets their traps through): Linux must not use them.
hidden=
for f in sve sme paca pacg mte wfxt mops; do
	grep -qw "$f" /proc/cpuinfo && hidden="$hidden $f"
done
if [ -z "$hidden" ]; then
	check_ok hidden-cpu-features "$(grep -m1 Features /proc/cpuinfo)"
else
	check_fail hidden-cpu-features "/proc/cpuinfo lists$hidden"
fi

/usr/lib/xen/tests/dom0-abi --events "$events" \
	--balloon-mib "$(flight_arg balloon_mib 64)"
rc=$?
FLIGHT_FAILED=$((FLIGHT_FAILED + rc))
check_done
