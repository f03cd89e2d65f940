#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs every suite of the xenstore client tests (make run sets the
# paths), each test needing a daemon with a fresh xenstored of its own.
# Prints the suites' case lines, then "xenstore-client: N passed, N
# failed"; a suite that dies or hangs without its summary line counts as
# a failure.
cd "$(dirname "$0")" || exit 1

total_passed=0
total_failed=0

# Long enough for any suite; a library that loses an event hangs instead.
LIMIT=120

# suite NAME COMMAND...: runs it, passes its case lines on, adds up its
# summary.
suite() {
	name=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	summary=$(echo "$out" | grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed$' | tail -n1)
	echo "$out" | grep -vxF "$summary"
	if [ -z "$summary" ]; then
		echo "$name: crashed or hung (status $rc)"
		total_passed=$((total_passed + $(echo "$out" | grep -c ': pass$')))
		total_failed=$((total_failed + $(echo "$out" | grep -c ': fail') + 1))
		return
	fi
	p=$(echo "$summary" | sed 's/.*: \([0-9]*\) passed.*/\1/')
	f=$(echo "$summary" | sed 's/.* \([0-9]*\) failed$/\1/')
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
}

# with_daemon COMMAND...: runs COMMAND with a fresh xenstored, found
# through XENSTORED_PATH; without one, XS_TEST_NO_DAEMON says why.
with_daemon() {
	if [ ! -x "$XENSTORED" ]; then
		XS_TEST_NO_DAEMON="xenstored not built" timeout $LIMIT "$@"
		return
	fi
	dir=$(mktemp -d /tmp/xs-daemon-XXXXXX)
	"$XENSTORED" -N -D --socket-path "$dir/socket" >"$dir/log" 2>&1 &
	pid=$!
	i=0
	while [ ! -S "$dir/socket" ] && [ $i -lt 50 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -S "$dir/socket" ]; then
		XENSTORED_PATH=$dir/socket timeout $LIMIT "$@"
	else
		XS_TEST_NO_DAEMON="xenstored did not start: $(head -n1 "$dir/log")" \
			timeout $LIMIT "$@"
	fi
	rc=$?
	kill $pid 2>/dev/null
	wait $pid 2>/dev/null
	rm -rf "$dir"
	return $rc
}

export XENSTORE_BIN TOOLS_LIB STORE_INCLUDE XEN_INCLUDE CC BENCH

suite units timeout $LIMIT "$TEST_BIN/test-units"
suite fake-daemon timeout $LIMIT "$TEST_BIN/test-fake-daemon"
suite daemon with_daemon "$TEST_BIN/test-daemon"
suite commands with_daemon ./test-commands.sh
suite build with_daemon ./test-build.sh

echo "xenstore-client: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
