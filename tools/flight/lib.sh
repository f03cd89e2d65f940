#!/bin/bash
# tools/flight/lib.sh: the library of the flight steps (tools/flight/steps).
#
# tools/flight/flight runs each step as
#   bash tools/flight/lib.sh --run-step <step> <log dir>
# which sets the variables below, sources steps/<step>.sh, and exits
#   0 pass, 77 skip (reason in <log dir>/.skip), else fail (reason in
#   <log dir>/.reason).
# A step is a plain script: it runs top to bottom; reaching its end passes.
#
# Variables a step can use (the environment may override the first ones):
#   XEN_IMAGE     hypervisor image (default xen/xen)
#   DOM0_KERNEL   dom0 kernel (default .cache/debian/arm64/Image)
#   DOM0_INITRD   dom0 initramfs (default build/initramfs/dom0.cpio.gz)
#   NATIVE        1: steps that support it boot the dom0 kernel directly,
#                 without the hypervisor (set by the native-* steps)
#   CRASH_PATTERN what a crash dump looks like (grep -E)
#   STEP_DIR      this step's log folder; FLIGHT_ROOT: the repository
#
# Functions:
#   skip REASON                 stop here: the step is skipped
#   fail REASON                 stop here: the step failed
#   require_file PATH REASON    skip unless PATH exists (feature gating)
#   need_file PATH REASON       fail unless PATH exists (missing asset)
#   need_dom0_assets            need_file for DOM0_KERNEL and DOM0_INITRD
#   make_disk PATH MARKER [MiB] raw disk image holding MARKER at offset 0
#   boot NAME QEMU-RUN-ARGS...  start scripts/qemu-run in the background;
#                               console into $STEP_DIR/NAME.log, QEMU's
#                               command line and errors into NAME.qemu
#   wait_for REGEX [SECS]       wait until the console log matches
#   wait_count REGEX N [SECS]   wait until N lines match
#   expect REGEX [SECS] [WHAT]  wait_for, or fail saying what was missing
#     (waits end early when QEMU ends, on a crash, or after IDLE_SECS --
#     default 90, env FLIGHT_IDLE_SECS -- without console output, then
#     hang_report: debug keys and CPU registers, into NAME.hang; or when
#     the log passes 32 MiB)
#   wait_exit [SECS]            wait for QEMU to end; its status in BOOT_RC
#   stop_boot                   stop QEMU (if still running)
#   log_has REGEX, log_count REGEX, log_first REGEX
#   assert_log REGEX WHAT       fail unless the log matches
#   assert_no REGEX WHAT        fail if the log matches (quotes the line)
#   assert_no_crash             assert_no "$CRASH_PATTERN"
#   assert_dom0_checks MIN      no CHECK line FAIL, MIN ok, FLIGHT-DONE rc=0,
#                               no crash (the dom0 scripts' verdict)
#   run_case NAME FUNCTION [ARG...]
#                               run FUNCTION as a sub-check; its failure is
#                               recorded (CASE_FAILURES) and the step goes on
#   finish_cases                at the end: fail if any case failed
#   note MESSAGE                a line in the step's log (step.log)

FLIGHT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FLIGHT_DIR=$FLIGHT_ROOT/tools/flight
QEMU_RUN=$FLIGHT_ROOT/scripts/qemu-run
XEN_IMAGE=${XEN_IMAGE:-$FLIGHT_ROOT/xen/xen}
DOM0_KERNEL=${DOM0_KERNEL:-${CACHE_DIR:-$FLIGHT_ROOT/.cache}/debian/arm64/Image}
DOM0_INITRD=${DOM0_INITRD:-${BUILD_DIR:-$FLIGHT_ROOT/build}/initramfs/dom0.cpio.gz}
NATIVE=${NATIVE:-0}
CRASH_PATTERN='Xen BUG|Panic|FATAL|Unhandled|CPU[0-9]+: .*exception'
STEP_DIR=${STEP_DIR:-}
# Default for the QEMU timeout of a boot (scripts/qemu-run --timeout).
BOOT_TIMEOUT=${BOOT_TIMEOUT:-600}

BOOT_PID=''
BOOT_LOG=''
BOOT_IN_FD=''
BOOT_RUNDIR=''
BOOT_NAME=''
BOOT_RC=''
BOOT_STARTED=''
CASE_FAILURES=()

note() {
	echo "[$(date +%T)] $*" >&2
}

skip() {
	echo "$*" >"$STEP_DIR/.skip"
	note "SKIP: $*"
	exit 77
}

fail() {
	echo "$*" >"$STEP_DIR/.reason"
	note "FAIL: $*"
	exit 1
}

require_file() { # <path> <reason>
	[[ -e $1 ]] || skip "$2"
}

need_file() { # <path> <reason>
	[[ -e $1 ]] || fail "$2"
}

need_dom0_assets() {
	need_file "$DOM0_KERNEL" "no dom0 kernel $DOM0_KERNEL (run scripts/fetch-debian)"
	need_file "$DOM0_INITRD" "no dom0 initramfs $DOM0_INITRD (run scripts/mkinitramfs)"
}

make_disk() { # <path> <marker> [size in MiB]
	printf '%s\n' "$2" >"$1"
	truncate -s "${3:-4}M" "$1"
}

# Seconds since the Unix epoch, with microseconds.
now() {
	echo "$EPOCHREALTIME"
}

# <start> -> seconds elapsed, one decimal.
elapsed() {
	local start=${1/./} end=${EPOCHREALTIME/./}
	local tenths=$(((end - start) / 100000))
	echo "$((tenths / 10)).$((tenths % 10))"
}

boot() { # <name> <qemu-run args...>
	local name=$1
	shift
	[[ -z $BOOT_PID ]] || stop_boot
	BOOT_NAME=$name
	BOOT_LOG=$STEP_DIR/$name.log
	BOOT_RC=''
	rm -f "$BOOT_LOG"
	: >"$BOOT_LOG"
	note "boot $name: qemu-run $*"
	# Console input through a FIFO held open here, and a monitor socket:
	# what hang_report uses to look inside a machine that went quiet.
	BOOT_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/flight.XXXXXX")
	mkfifo "$BOOT_RUNDIR/in"
	exec {BOOT_IN_FD}<>"$BOOT_RUNDIR/in"
	BOOT_STARTED=$(now)
	"$QEMU_RUN" --verbose --timeout "$BOOT_TIMEOUT" --log "$BOOT_LOG" \
		--console-in "$BOOT_RUNDIR/in" --monitor "$BOOT_RUNDIR/mon" "$@" \
		</dev/null >/dev/null 2>"$STEP_DIR/$name.qemu" &
	BOOT_PID=$!
}

# A QEMU monitor command's output (the machine must still be running).
monitor_cmd() { # <command>
	python3 - "$BOOT_RUNDIR/mon" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.settimeout(3)
try:
    s.connect(sys.argv[1])
    s.sendall(sys.argv[2].encode() + b"\n")
    time.sleep(1)
    out = b""
    while True:
        chunk = s.recv(1 << 16)
        if not chunk:
            break
        out += chunk
except OSError:
    pass
sys.stdout.write(out.decode(errors="replace"))
PY
}

# After a hang: the hypervisor's debug keys ('q' domains and vCPUs, 'e'
# event channels) into the console log, if it still answers, and every
# CPU's registers, with hypervisor PCs named, into NAME.hang.
hang_report() {
	local out=$STEP_DIR/$BOOT_NAME.hang regs pc el
	boot_running || return 0
	note "boot $BOOT_NAME: silent: debug keys, registers into $BOOT_NAME.hang"
	if ((!NATIVE)); then
		# Ctrl-a three times gives the console to the hypervisor.
		printf '\001\001\001' >&"$BOOT_IN_FD"
		sleep 0.5
		printf 'qe' >&"$BOOT_IN_FD"
		sleep 3
	fi
	regs=$(monitor_cmd 'info registers -a' | tr -d '\r' | sed '/^(qemu)/d')
	echo "$regs" >"$out"
	echo "$regs" | grep -Eo 'PC=[0-9a-f]+|PSTATE=[0-9a-f]+ [^ ]+ [^ ]+' |
		paste - - | while read -r pc el; do
			pc=${pc#PC=}
			echo "CPU PC $pc $el"
			if [[ $el == *EL2* ]]; then
				aarch64-linux-gnu-addr2line -f -i -e "$XEN_IMAGE-syms" "0x$pc" 2>/dev/null
			fi
		done >>"$out"
}

boot_running() {
	[[ -n $BOOT_PID ]] && kill -0 "$BOOT_PID" 2>/dev/null
}

# Reaps QEMU once it has ended; sets BOOT_RC.
reap_boot() {
	[[ -n $BOOT_PID ]] || return 0
	local rc=0
	wait "$BOOT_PID" 2>/dev/null || rc=$?
	BOOT_RC=$rc
	BOOT_PID=''
	exec {BOOT_IN_FD}>&-
	rm -rf "$BOOT_RUNDIR"
	note "boot $BOOT_NAME: QEMU ended, status $BOOT_RC"
}

log_has() {
	grep -Eq -- "$1" "$BOOT_LOG" 2>/dev/null
}

log_count() {
	local count
	count=$(grep -Ec -- "$1" "$BOOT_LOG" 2>/dev/null) || true
	echo "${count:-0}"
}

log_first() {
	grep -Em1 -- "$1" "$BOOT_LOG" 2>/dev/null | tr -d '\r' || true
}

# Why a wait ended without a match, for failure messages.
WAIT_OUTCOME=''

# Waits are cut short, with WAIT_OUTCOME saying why, when QEMU ends, when
# the console shows a crash (CRASH_PATTERN, unless WATCH_CRASH=0), or when
# the console stays silent IDLE_SECS (a hang; 0: no such limit), or when
# the log grows past MAX_LOG_BYTES (a loop).
IDLE_SECS=${FLIGHT_IDLE_SECS:-90}
# A console printing without end (a loop) is cut off at this size.
MAX_LOG_BYTES=$((32 << 20))
WATCH_CRASH=1

wait_count() { # <regex> <n> [seconds]
	local regex=$1 n=$2 limit=${3:-120} start now_us size last_size=-1 last_change crash
	start=${EPOCHREALTIME/./}
	last_change=$start
	while :; do
		if (($(log_count "$regex") >= n)); then
			note "boot $BOOT_NAME: '$regex' x$n after $(elapsed "$BOOT_STARTED") s"
			return 0
		fi
		if ((WATCH_CRASH)); then
			crash=$(log_first "$CRASH_PATTERN")
			if [[ -n $crash ]]; then
				WAIT_OUTCOME="crash: ${crash:0:100}"
				return 1
			fi
		fi
		if ! boot_running; then
			reap_boot
			(($(log_count "$regex") >= n)) && return 0
			WAIT_OUTCOME="QEMU ended (status $BOOT_RC)"
			return 1
		fi
		now_us=${EPOCHREALTIME/./}
		if (((now_us - start) / 1000000 >= limit)); then
			WAIT_OUTCOME="nothing after ${limit} s"
			return 1
		fi
		size=$(stat -c %s "$BOOT_LOG" 2>/dev/null || echo 0)
		if ((size > MAX_LOG_BYTES)); then
			WAIT_OUTCOME="console flood: log over $((MAX_LOG_BYTES >> 20)) MiB"
			return 1
		fi
		if ((size != last_size)); then
			last_size=$size
			last_change=$now_us
		elif ((IDLE_SECS > 0 && (now_us - last_change) / 1000000 >= IDLE_SECS)); then
			WAIT_OUTCOME="console silent for ${IDLE_SECS} s (hang?)"
			return 1
		fi
		sleep 0.2
	done
}

wait_for() { # <regex> [seconds]
	wait_count "$1" 1 "${2:-120}"
}

expect() { # <regex> [seconds] [what]
	local what=${3:-"'$1'"}
	wait_for "$1" "${2:-120}" && return 0
	[[ $WAIT_OUTCOME != *silent* ]] || hang_report
	fail "no $what in $BOOT_NAME.log: $WAIT_OUTCOME"
}

wait_exit() { # [seconds]
	local limit=${1:-60} start
	start=${EPOCHREALTIME/./}
	while boot_running; do
		if (((${EPOCHREALTIME/./} - start) / 1000000 >= limit)); then
			return 1
		fi
		sleep 0.2
	done
	reap_boot
}

stop_boot() {
	[[ -n $BOOT_PID ]] || return 0
	if boot_running; then
		note "boot $BOOT_NAME: stopping QEMU"
		kill -TERM "$BOOT_PID" 2>/dev/null || true
	fi
	reap_boot
}

assert_log() { # <regex> <what>
	log_has "$1" || fail "no $2 in $BOOT_NAME.log"
}

assert_no() { # <regex> <what>
	local line
	line=$(log_first "$1")
	[[ -z $line ]] || fail "$2 in $BOOT_NAME.log: ${line:0:120}"
}

assert_no_crash() {
	assert_no "$CRASH_PATTERN" "crash"
}

# The verdict on a dom0 flight script's console: no CHECK line says FAIL,
# at least MIN say ok, it ended with FLIGHT-DONE rc=0, nothing crashed.
assert_dom0_checks() { # <min ok>
	local failed ok
	failed=$(log_first '^CHECK [^ ]+: FAIL')
	[[ -z $failed ]] || fail "$failed"
	ok=$(log_count '^CHECK [^ ]+: ok')
	(($1 <= ok)) || fail "only $ok CHECK lines say ok, $1 expected (stopped early?)"
	assert_log 'FLIGHT-DONE rc=0' "FLIGHT-DONE rc=0 (got: $(log_first 'FLIGHT-DONE'))"
	assert_no_crash
}

# Runs a function as one case of the step, in a subshell: its fail() ends
# the case only.  The step fails at the end if any case did.
run_case() { # <name> <function> [arguments]
	local name=$1 fn=$2 rc=0
	shift 2
	rm -f "$STEP_DIR/.reason"
	note "case $name"
	# Not "( ... ) || rc=$?": that would turn off set -e inside.
	set +e
	(
		set -e
		trap 'stop_boot' EXIT
		"$fn" "$@"
	)
	rc=$?
	set -e
	if ((rc != 0)); then
		local reason
		reason=$(cat "$STEP_DIR/.reason" 2>/dev/null || echo "exit status $rc")
		CASE_FAILURES+=("$name: $reason")
	fi
	rm -f "$STEP_DIR/.reason"
}

# At the end of a step that uses run_case.  The reason names the failed
# cases and gives the first one's reason; step.log has them all.
finish_cases() {
	((${#CASE_FAILURES[@]} == 0)) && return 0
	local names='' failure
	for failure in "${CASE_FAILURES[@]}"; do
		names+="${names:+, }${failure%%: *}"
		note "case failed: $failure"
	done
	fail "$names failed; ${CASE_FAILURES[0]}"
}

# The qemu-run arguments that boot the dom0 kernel with KERNEL-ARGS: under
# the hypervisor (with XEN-ARGS), or alone when NATIVE=1.  Into DOM0_BOOT.
# shellcheck disable=SC2034 # DOM0_BOOT is for the steps
dom0_boot_args() { # <kernel args> <xen args>
	if ((NATIVE)); then
		DOM0_BOOT=(--native --kernel "$DOM0_KERNEL" --initrd "$DOM0_INITRD"
			--kernel-args "console=ttyAMA0 $1")
	else
		DOM0_BOOT=(--xen "$XEN_IMAGE" --xen-args "$2" --kernel "$DOM0_KERNEL"
			--initrd "$DOM0_INITRD" --kernel-args "console=hvc0 $1")
	fi
}

# The guests' steps: dom0 boots with the guests' kernel, initramfs and
# configs appended to its initramfs (make guest-assets), runs
# flight=<name> (tools/flight/dom0/<name>.sh), and its CHECK lines are
# the verdict.  BENCH lines go to the step's timing file.
GUEST_STEP_INITRD=${GUEST_STEP_INITRD:-${BUILD_DIR:-$FLIGHT_ROOT/build}/initramfs/dom0-guests.cpio}

guest_step() { # <flight name> <min ok checks>
	require_file "$XEN_IMAGE" "xen/xen not built"
	need_file "${BUILD_DIR:-$FLIGHT_ROOT/build}/dom0/sbin/xl" "xl not built for dom0"
	DOM0_INITRD=$GUEST_STEP_INITRD
	need_file "$DOM0_INITRD" "no $DOM0_INITRD (make guest-assets)"
	need_dom0_assets
	dom0_boot_args "flight=$1" "dom0_mem=512M dom0_max_vcpus=2"
	boot console "${DOM0_BOOT[@]}" --smp 2 --mem 2G --no-reboot --timeout 900
	expect 'DOM0-USERSPACE-READY' 300
	expect 'FLIGHT-DONE rc=[0-9]+' 600 "FLIGHT-DONE line"
	echo "$(elapsed "$BOOT_STARTED") s to FLIGHT-DONE" >"$STEP_DIR/timing"
	grep -a '^BENCH ' "$BOOT_LOG" | tr -d '\r' >>"$STEP_DIR/timing" || true
	assert_dom0_checks "$2"
	wait_exit 10 || true
	stop_boot
}

run_step() { # <step> <log dir>
	FLIGHT_STEP=$1
	STEP_DIR=$2
	local script=$FLIGHT_DIR/steps/$FLIGHT_STEP.sh
	[[ -f $script ]] || fail "no such step ($script)"
	set -euo pipefail
	trap 'stop_boot' EXIT
	trap 'exit 143' TERM
	trap 'exit 130' INT
	note "step $FLIGHT_STEP in $STEP_DIR"
	# shellcheck source=/dev/null
	. "$script"
	stop_boot
	note "PASS"
	exit 0
}

if [[ ${1:-} == --run-step ]]; then
	(($# == 3)) || { echo "usage: lib.sh --run-step <step> <log dir>" >&2; exit 2; }
	run_step "$2" "$3"
fi
