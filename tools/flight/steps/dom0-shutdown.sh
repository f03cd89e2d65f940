# shellcheck shell=bash
# Step dom0-shutdown: two boots of dom0 under the hypervisor.
#  poweroff: dom0 runs "poweroff" (flight=dom0-poweroff); QEMU must end by
#            itself with status 0 (not by the timeout), and the flight script
#            must not come back (no FLIGHT-DONE line).
#  reboot:   dom0 runs "reboot" (flight=dom0-reboot); the machine must
#            restart: the hypervisor's banner shows a second time, and dom0
#            reaches user space again.  The command line is the same after a
#            reboot, so dom0 would reboot forever: QEMU is stopped then.
#
# With NATIVE=1 (step native-shutdown) the same, without the hypervisor:
# the kernel's banner stands in for the hypervisor's.
XEN_BANNER_PATTERN='\(XEN\) +(Xen version|Xen-compatible hypervisor)'
LINUX_BANNER_PATTERN='Booting Linux on physical CPU'
XEN_ARGS='dom0_mem=512M dom0_max_vcpus=2'
MACHINE_CPUS=2
MACHINE_MEM=2G
READY_SECS=300    # boot to DOM0-USERSPACE-READY
POWEROFF_SECS=60  # "poweroff" to the end of QEMU

if ((NATIVE)); then
	banner=$LINUX_BANNER_PATTERN
else
	require_file "$XEN_IMAGE" "xen/xen not built"
	banner=$XEN_BANNER_PATTERN
fi
need_dom0_assets

case_poweroff() {
	dom0_boot_args "flight=dom0-poweroff" "$XEN_ARGS"
	boot console-poweroff "${DOM0_BOOT[@]}" --smp "$MACHINE_CPUS" \
		--mem "$MACHINE_MEM" --no-reboot --timeout $((READY_SECS + POWEROFF_SECS))
	expect 'DOM0-USERSPACE-READY' "$READY_SECS"
	expect 'flight: calling poweroff' 60
	wait_exit "$POWEROFF_SECS" ||
		fail "QEMU still running ${POWEROFF_SECS} s after poweroff in dom0"
	case $BOOT_RC in
	0) ;;
	124) fail "QEMU timed out instead of powering off" ;;
	*) fail "QEMU exit status $BOOT_RC after poweroff in dom0" ;;
	esac
	assert_no 'FLIGHT-DONE' "poweroff returned to the flight script"
	assert_no_crash
}

case_reboot() {
	dom0_boot_args "flight=dom0-reboot" "$XEN_ARGS"
	boot console-reboot "${DOM0_BOOT[@]}" --smp "$MACHINE_CPUS" \
		--mem "$MACHINE_MEM" --timeout $((2 * READY_SECS + 60))
	expect 'DOM0-USERSPACE-READY' "$READY_SECS"
	expect 'flight: calling reboot' 60
	wait_count "$banner" 2 "$READY_SECS" ||
		fail "no second banner ('$banner') after reboot in dom0: $WAIT_OUTCOME"
	wait_count 'DOM0-USERSPACE-READY' 2 "$READY_SECS" ||
		fail "dom0 did not come back after the reboot: $WAIT_OUTCOME"
	stop_boot
	assert_no_crash
}

run_case poweroff case_poweroff
run_case reboot case_reboot
finish_cases
