# shellcheck shell=bash
# Step xenstore-dom0: xenstored runs in dom0 on our hypervisor
# (flight=xenstore-dom0, tools/flight/dom0/xenstore-dom0.sh).  It starts,
# connects to the dom0 kernel's xenbus through /proc/xen/xsd_kva and
# xsd_port, and the xenstore commands read and write /local/domain/0/...
# over its socket and, through /dev/xen/xenbus, over the kernel's ring;
# watches fire; SIGTERM stops it cleanly.  xs-bench's figures (socket and
# kernel ring) go into the step's timing file.
PCPUS=2
VCPUS=2
DOM0_MEM_MB=512
READY_SECS=300  # boot to DOM0-USERSPACE-READY
DONE_SECS=120   # from there to FLIGHT-DONE
CHECKS_EXPECTED=13

require_file "$XEN_IMAGE" "xen/xen not built"
require_file "${BUILD_DIR:-$FLIGHT_ROOT/build}/dom0/sbin/xenstored" \
	"xenstored not built for dom0 (make dom0-tools)"
need_dom0_assets

dom0_boot_args "flight=xenstore-dom0" "dom0_mem=${DOM0_MEM_MB}M dom0_max_vcpus=$VCPUS"
boot console "${DOM0_BOOT[@]}" --smp "$PCPUS" --mem 2G --no-reboot \
	--timeout $((READY_SECS + DONE_SECS + 60))
expect 'DOM0-USERSPACE-READY' "$READY_SECS"
expect 'FLIGHT-DONE rc=[0-9]+' "$DONE_SECS" "FLIGHT-DONE line"
echo "$(elapsed "$BOOT_STARTED") s to FLIGHT-DONE" >"$STEP_DIR/timing"
grep -a '^BENCH ' "$BOOT_LOG" | tr -d '\r' >>"$STEP_DIR/timing" || true

assert_dom0_checks "$CHECKS_EXPECTED"
wait_exit 10 || true
stop_boot
