# shellcheck shell=bash
# Step dom0-abi: the guest ABI that dom0's stock Linux drivers use.  Dom0
# runs tools/tests/dom0-abi (flight=dom0-abi, tools/flight/dom0/dom0-abi.sh):
# xen_version sub-ops, event channels through /dev/xen/evtchn (ping-pong,
# VIRQs, the port limit), grants through gntalloc and gntdev, grant copies,
# memory_op and ballooning 64 MiB down and up, a vCPU offline and online,
# bad input everywhere; and at the end dom0's pages, ports and grant
# mappings, as the hypervisor counts them, are what they were.
#
# Cases "events:cpu model": both event ABIs (Linux falls back to 2-level
# with xen.fifo_events=0), on the default CPU and on QEMU's -cpu max.
CASES=${DOM0_ABI_CASES:-"fifo:cortex-a57 2l:cortex-a57 fifo:max 2l:max"}
PCPUS=2
VCPUS=2
DOM0_MEM_MB=512
READY_SECS=300  # boot to DOM0-USERSPACE-READY
DONE_SECS=600   # from there to FLIGHT-DONE

require_file "$XEN_IMAGE" "xen/xen not built"
need_dom0_assets

abi_case() { # <events> <cpu model>
	local events=$1 cpu=$2 name args
	name="console-$events-$cpu"
	args="flight=dom0-abi flight.events=$events"
	[[ $events == fifo ]] || args+=" xen.fifo_events=0"
	dom0_boot_args "$args" "dom0_mem=${DOM0_MEM_MB}M dom0_max_vcpus=$VCPUS"
	boot "$name" "${DOM0_BOOT[@]}" --smp "$PCPUS" --cpu "$cpu" --mem 2G \
		--no-reboot --timeout $((READY_SECS + DONE_SECS + 60))

	expect 'DOM0-USERSPACE-READY' "$READY_SECS"
	expect 'FLIGHT-DONE rc=[0-9]+' "$DONE_SECS" "FLIGHT-DONE line"
	echo "$events $cpu: $(elapsed "$BOOT_STARTED") s to FLIGHT-DONE" >>"$STEP_DIR/timing"
	grep -E '^CHECK (evtchn-ping-pong|evtchn-port-limit|balloon-(down|up)):' \
		"$BOOT_LOG" | sed "s/^/$events $cpu: /" >>"$STEP_DIR/timing" || true

	assert_dom0_checks 60
	wait_exit 10 || true
	stop_boot
}

rm -f "$STEP_DIR/timing"
for c in $CASES; do
	run_case "${c%%:*} events, -cpu ${c##*:}" abi_case "${c%%:*}" "${c##*:}"
done
finish_cases
