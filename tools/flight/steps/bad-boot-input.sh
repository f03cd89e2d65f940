# shellcheck shell=bash
# Step bad-boot-input: three boots with bad input for dom0; each must give
# one clear message and no crash dump (CRASH_PATTERN).
#  bad-kernel:   the dom0 kernel module is random bytes;
#  big-dom0-mem: dom0_mem= asks for more than the machine's RAM;
#  no-ramdisk:   a dom0 kernel but no ramdisk: the hypervisor says so (and
#                may still start dom0, whose kernel then finds no root: its
#                panic is dom0's business, not a hypervisor crash).
# After the message, the console is watched SETTLE_SECS more for a crash.
#
# Patterns (grep -E) to align with the hypervisor's messages:
BAD_KERNEL_PATTERN='Dom0 kernel: not a valid arm64 Image'
BIG_DOM0_MEM_PATTERN='dom0_mem=.* larger than'
NO_RAMDISK_PATTERN='[Nn]o (dom0 )?(ramdisk|initrd)'
MACHINE_MEM=1G
BIG_DOM0_MEM=4G
MESSAGE_SECS=120 # boot to the message
SETTLE_SECS=5

require_file "$XEN_IMAGE" "xen/xen not built"
need_dom0_assets

# Boots, waits for the message, then watches for a crash.
boot_expecting() { # <name> <message pattern> <qemu-run args...>
	local name=$1 pattern=$2
	shift 2
	boot "$name" --xen "$XEN_IMAGE" --mem "$MACHINE_MEM" --no-reboot \
		--timeout $((MESSAGE_SECS + SETTLE_SECS + 30)) "$@"
	expect "$pattern" "$MESSAGE_SECS" "message '$pattern'"
	wait_exit "$SETTLE_SECS" || true
	assert_no_crash
	stop_boot
}

case_bad_kernel() {
	# 8 MiB of random bytes; kept for reproducing a failure.
	head -c $((8 * 1024 * 1024)) /dev/urandom >"$STEP_DIR/random-kernel.bin"
	boot_expecting console-bad-kernel "$BAD_KERNEL_PATTERN" \
		--xen-args "dom0_mem=512M" --kernel "$STEP_DIR/random-kernel.bin" \
		--kernel-args "console=hvc0" --initrd "$DOM0_INITRD"
}

case_big_dom0_mem() {
	boot_expecting console-big-dom0-mem "$BIG_DOM0_MEM_PATTERN" \
		--xen-args "dom0_mem=$BIG_DOM0_MEM" --kernel "$DOM0_KERNEL" \
		--kernel-args "console=hvc0" --initrd "$DOM0_INITRD"
}

case_no_ramdisk() {
	boot_expecting console-no-ramdisk "$NO_RAMDISK_PATTERN" \
		--xen-args "dom0_mem=512M" --kernel "$DOM0_KERNEL" \
		--kernel-args "console=hvc0"
}

run_case bad-kernel case_bad_kernel
run_case big-dom0-mem case_big_dom0_mem
run_case no-ramdisk case_no_ramdisk
finish_cases
