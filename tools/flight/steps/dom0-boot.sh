# shellcheck shell=bash
# Step dom0-boot: the hypervisor boots the Debian kernel with the flight
# initramfs as dom0 (flight=dom0-boot), with a small virtio-mmio disk.  In
# dom0, /flight/dom0-boot.sh (tools/flight/dom0/dom0-boot.sh) checks that
# /sys/hypervisor/type says xen, that the online CPUs and MemTotal match
# dom0_max_vcpus and dom0_mem, and that /dev/vda starts with the marker this
# step wrote.  Passes when every CHECK line says ok and FLIGHT-DONE rc=0.
#
# With NATIVE=1 (step native-boot) the same kernel, initramfs and checks
# run without the hypervisor (expecting no hypervisor).
DOM0_VCPUS=2
DOM0_MEM_MB=512
MACHINE_CPUS=4 # more than dom0 gets, so that the limits are really tested
MACHINE_MEM=2G
XEN_EXTRA_ARGS='' # e.g. console options, once the hypervisor wants them
CHECKS_EXPECTED=4 # hypervisor vcpus memory disk
READY_SECS=300    # boot to DOM0-USERSPACE-READY
DONE_SECS=120     # from there to FLIGHT-DONE

if ((NATIVE)); then
	# Natively the kernel sees the whole machine.
	MACHINE_CPUS=$DOM0_VCPUS
	MACHINE_MEM=${DOM0_MEM_MB}M
	hypervisor=none
else
	require_file "$XEN_IMAGE" "xen/xen not built"
	hypervisor=xen
fi
need_dom0_assets

marker="FLIGHT-DISK-MARKER-$$-$RANDOM"
make_disk "$STEP_DIR/disk.img" "$marker" 4

dom0_boot_args "flight=dom0-boot flight.hypervisor=$hypervisor flight.vcpus=$DOM0_VCPUS flight.mem_mb=$DOM0_MEM_MB flight.disk_marker=$marker" \
	"dom0_mem=${DOM0_MEM_MB}M dom0_max_vcpus=$DOM0_VCPUS${XEN_EXTRA_ARGS:+ $XEN_EXTRA_ARGS}"
boot console "${DOM0_BOOT[@]}" --smp "$MACHINE_CPUS" --mem "$MACHINE_MEM" \
	--disk "$STEP_DIR/disk.img" --no-reboot --timeout $((READY_SECS + DONE_SECS + 60))

expect 'DOM0-USERSPACE-READY' "$READY_SECS"
echo "$(elapsed "$BOOT_STARTED") s to DOM0-USERSPACE-READY" >"$STEP_DIR/timing"
expect 'FLIGHT-DONE rc=[0-9]+' "$DONE_SECS" "FLIGHT-DONE line"

failed_check=$(log_first '^CHECK [^ ]+: FAIL')
[[ -z $failed_check ]] || fail "$failed_check"
ok_checks=$(log_count '^CHECK [^ ]+: ok')
((ok_checks >= CHECKS_EXPECTED)) ||
	fail "only $ok_checks of $CHECKS_EXPECTED CHECK lines say ok"
assert_log 'FLIGHT-DONE rc=0' "FLIGHT-DONE rc=0 (got: $(log_first 'FLIGHT-DONE'))"
assert_no_crash
# Dom0 powers off after the checks; not a condition here (dom0-shutdown).
wait_exit 10 || true
