# shellcheck shell=bash
# Step xen-boot: the hypervisor boots alone (no dom0 kernel given) with 1, 2
# and 4 CPUs.  Each boot passes when the console shows all CPUs brought up,
# a memory map, and the final line saying that no dom0 kernel was given;
# QEMU is then stopped (or has stopped by itself): that is a pass.
#
# Patterns (grep -E) to align with the hypervisor's messages; %d in
# CPUS_UP_PATTERN stands for the CPU count.
CPUS_UP_PATTERN='\(XEN\) Brought up %d CPUs'
MEMMAP_PATTERN='\(XEN\) +RAM:? +[0-9a-fA-Fx]+ *- *[0-9a-fA-Fx]+'
NO_DOM0_PATTERN='No dom0 kernel'
CPU_COUNTS="1 2 4"
MEM=1G
WAIT_SECS=120 # for the "No dom0 kernel" line, per boot

require_file "$XEN_IMAGE" "xen/xen not built"

boot_with_cpus() {
	local cpus=$1 up_pattern
	# shellcheck disable=SC2059 # the pattern is the format
	up_pattern=$(printf "$CPUS_UP_PATTERN" "$cpus")
	boot "console-smp$cpus" --xen "$XEN_IMAGE" --smp "$cpus" --mem "$MEM" \
		--no-reboot --timeout $((WAIT_SECS + 30))
	expect "$NO_DOM0_PATTERN" "$WAIT_SECS" "'$NO_DOM0_PATTERN' line"
	sleep 1 # anything printed right after that line
	assert_log "$up_pattern" "'$up_pattern' line"
	assert_log "$MEMMAP_PATTERN" "memory map ('$MEMMAP_PATTERN')"
	assert_no_crash
	stop_boot
}

for cpus in $CPU_COUNTS; do
	run_case "smp $cpus" boot_with_cpus "$cpus"
done
finish_cases
