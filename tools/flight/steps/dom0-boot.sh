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
# Cases: "pCPUs:vCPUs[:CPU model]".  Fewer vCPUs than pCPUs checks dom0
# gets only what it is given; more (4 on 2) checks the scheduler shares
# pCPUs, and that Linux sees the wait as steal time.  That case runs on
# -cpu max: Linux registers its runstate areas only without KPTI, and
# Cortex-A57 needs KPTI.
CASES="4:2 2:4:max"
DOM0_MEM_MB=512
MACHINE_MEM=2G
XEN_EXTRA_ARGS='' # e.g. console options, once the hypervisor wants them
CHECKS_EXPECTED=4 # hypervisor vcpus memory disk
READY_SECS=300    # boot to DOM0-USERSPACE-READY
DONE_SECS=120     # from there to FLIGHT-DONE

if ((NATIVE)); then
	# Natively the kernel sees the whole machine: one case, 2 CPUs.
	CASES="2:2"
	MACHINE_MEM=${DOM0_MEM_MB}M
	hypervisor=none
else
	require_file "$XEN_IMAGE" "xen/xen not built"
	hypervisor=xen
fi
need_dom0_assets

boot_dom0() { # <machine cpus> <dom0 vcpus> [CPU model]
	local machine_cpus=$1 vcpus=$2 cpu=${3:-cortex-a57} marker
	marker="FLIGHT-DISK-MARKER-$$-$RANDOM"
	make_disk "$STEP_DIR/disk.img" "$marker" 4

	dom0_boot_args "flight=dom0-boot flight.hypervisor=$hypervisor flight.vcpus=$vcpus flight.pcpus=$machine_cpus flight.mem_mb=$DOM0_MEM_MB flight.disk_marker=$marker" \
		"dom0_mem=${DOM0_MEM_MB}M dom0_max_vcpus=$vcpus${XEN_EXTRA_ARGS:+ $XEN_EXTRA_ARGS}"
	boot "console-${machine_cpus}p${vcpus}v" "${DOM0_BOOT[@]}" --smp "$machine_cpus" \
		--cpu "$cpu" --mem "$MACHINE_MEM" --disk "$STEP_DIR/disk.img" --no-reboot \
		--timeout $((READY_SECS + DONE_SECS + 60))

	expect 'DOM0-USERSPACE-READY' "$READY_SECS"
	echo "$(elapsed "$BOOT_STARTED") s to DOM0-USERSPACE-READY (${machine_cpus} pCPUs, $vcpus vCPUs, -cpu $cpu)" >>"$STEP_DIR/timing"
	expect 'FLIGHT-DONE rc=[0-9]+' "$DONE_SECS" "FLIGHT-DONE line"

	assert_dom0_checks "$CHECKS_EXPECTED"
	# Dom0 powers off after the checks; not a condition here (dom0-shutdown).
	wait_exit 10 || true
	stop_boot
}

rm -f "$STEP_DIR/timing"
for c in $CASES; do
	IFS=: read -r pcpus vcpus cpu <<<"$c"
	run_case "$pcpus pCPUs, $vcpus vCPUs${cpu:+, -cpu $cpu}" boot_dom0 "$pcpus" "$vcpus" "$cpu"
done
finish_cases
