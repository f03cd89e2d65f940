#!/bin/sh
# flight=dom0-boot: dom0-side checks of tools/flight/steps/dom0-boot.sh.
#
# Expectations come from the kernel command line:
#   flight.hypervisor=xen|none  what /sys/hypervisor/type must say (default
#                               xen; "none": no hypervisor, native boot)
#   flight.vcpus=N              number of online CPUs
#   flight.mem_mb=N             memory given to this kernel, in MiB; MemTotal
#                               must be within flight.mem_tol_pct percent
#                               below it (default 15: kernel image, memmap...)
#   flight.disk=/dev/vda        the virtio disk (default /dev/vda)
#   flight.disk_marker=STRING   what the disk holds at offset 0
#   flight.pcpus=N              physical CPUs; with fewer than flight.vcpus,
#                               busy vCPUs must wait for one, and Linux must
#                               count that as steal time (from the runstate
#                               area the hypervisor keeps up to date),
#                               unless the kernel runs with KPTI
# Prints one "CHECK <name>: ok|FAIL ..." line per check; exits with the
# number of failed checks.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

check_hypervisor() {
	want=$(flight_arg hypervisor xen)
	have=$(cat /sys/hypervisor/type 2>/dev/null)
	if [ "$want" = none ]; then
		if [ -z "$have" ]; then
			check_ok hypervisor "none"
		else
			check_fail hypervisor "/sys/hypervisor/type says '$have', expected none"
		fi
	elif [ "$have" = "$want" ]; then
		check_ok hypervisor "$have"
	else
		check_fail hypervisor "/sys/hypervisor/type says '${have:-<missing>}', expected '$want'"
	fi
}

# Counts the CPUs in a list such as "0-3,5".
count_cpu_list() {
	echo "$1" | awk -F, '{
		n = 0
		for (i = 1; i <= NF; i++) {
			if (split($i, r, "-") == 2) n += r[2] - r[1] + 1
			else if ($i != "") n++
		}
		print n
	}'
}

check_vcpus() {
	want=$(flight_arg vcpus)
	online=$(cat /sys/devices/system/cpu/online 2>/dev/null)
	have=$(count_cpu_list "$online")
	if [ -z "$want" ]; then
		check_fail vcpus "flight.vcpus not given (online: $online)"
	elif [ "$have" = "$want" ]; then
		check_ok vcpus "$have online ($online)"
	else
		check_fail vcpus "$have online ($online), expected $want"
	fi
}

check_memory() {
	want_mb=$(flight_arg mem_mb)
	tol=$(flight_arg mem_tol_pct 15)
	have_kb=$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)
	if [ -z "$want_mb" ]; then
		check_fail memory "flight.mem_mb not given (MemTotal ${have_kb} kB)"
		return
	fi
	max_kb=$((want_mb * 1024))
	min_kb=$((max_kb * (100 - tol) / 100))
	if [ "$have_kb" -ge "$min_kb" ] && [ "$have_kb" -le "$max_kb" ]; then
		check_ok memory "MemTotal ${have_kb} kB for ${want_mb} MiB"
	else
		check_fail memory "MemTotal ${have_kb} kB, expected ${min_kb}..${max_kb} kB (${want_mb} MiB - ${tol}%)"
	fi
}

check_disk() {
	dev=$(flight_arg disk /dev/vda)
	marker=$(flight_arg disk_marker)
	if [ -z "$marker" ]; then
		check_fail disk "flight.disk_marker not given"
		return
	fi
	# The block device appears when virtio-blk has probed: give it time.
	tries=0
	while [ ! -b "$dev" ] && [ $tries -lt 100 ]; do
		usleep 100000
		tries=$((tries + 1))
	done
	if [ ! -b "$dev" ]; then
		check_fail disk "$dev did not appear (block devices: $(echo /sys/block/* | sed 's|/sys/block/||g'))"
		return
	fi
	have=$(dd if="$dev" bs=512 count=1 2>/dev/null | head -c ${#marker})
	if [ "$have" = "$marker" ]; then
		check_ok disk "$dev starts with $marker"
	else
		check_fail disk "$dev starts with '$have', expected '$marker'"
	fi
}

# Steal time in /proc/stat, in USER_HZ ticks, summed over CPUs.
steal_ticks() {
	awk '$1 == "cpu" { print $9 }' /proc/stat
}

check_steal() {
	pcpus=$(flight_arg pcpus)
	vcpus=$(flight_arg vcpus)
	[ -n "$pcpus" ] && [ -n "$vcpus" ] && [ "$vcpus" -gt "$pcpus" ] || return 0
	# Linux on Arm leaves steal time alone under KPTI (the hypervisor
	# could not reach the area while user page tables are loaded).
	if grep -q PTI /sys/devices/system/cpu/vulnerabilities/meltdown 2>/dev/null; then
		echo "steal: not checked, this kernel runs with KPTI"
		return 0
	fi
	before=$(steal_ticks)
	pids=
	i=0
	while [ $i -lt "$vcpus" ]; do
		sh -c 'while :; do :; done' &
		pids="$pids $!"
		i=$((i + 1))
	done
	sleep 2
	# shellcheck disable=SC2086
	kill $pids
	# shellcheck disable=SC2086
	wait $pids 2>/dev/null
	after=$(steal_ticks)
	if [ "$after" -gt "$before" ]; then
		check_ok steal "$((after - before)) ticks of steal time in 2 s with $vcpus busy vCPUs on $pcpus pCPUs"
	else
		check_fail steal "steal time stayed at $before ticks with $vcpus busy vCPUs on $pcpus pCPUs (runstate area not updated?)"
	fi
}

check_hypervisor
check_vcpus
check_steal
check_memory
check_disk
check_done
