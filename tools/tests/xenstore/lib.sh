# SPDX-License-Identifier: GPL-2.0-only
#
# Shared by the shell suites: cases are functions that call fail() with
# a reason; run_cases prints "<name>: pass|fail <why>" for each, then
# "<suite>: N passed, N failed".  With $XS_TEST_NO_DAEMON set (run.sh
# could not start xenstored), the cases named in $daemon_cases fail with
# it, unrun.

tmp=$(mktemp -d /tmp/xs-test-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# The first failure of a case is the one reported.
fail() {
	[ -n "$why" ] || why="$*"
}

# Runs a command, keeping its stdout in $out, stderr in $err, status in $rc.
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# expect WHAT GOT WANT
expect() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# Checks the last run(): status, stdout and stderr.
expect_run() {
	expect status "$rc" "$1"
	expect stdout "$out" "$2"
	expect stderr "$err" "$3"
}

# run_cases SUITE CASE...
run_cases() {
	suite=$1
	shift
	passed=0
	failed=0
	# Unquoted: one space between names, whatever the script had.
	needing=" $(echo $daemon_cases) "
	for case in "$@"; do
		why=
		case "$needing" in
		*" $case "*)
			why=$XS_TEST_NO_DAEMON
			;;
		esac
		[ -n "$why" ] || "$case"
		if [ -n "$why" ]; then
			echo "$case: fail $why"
			failed=$((failed + 1))
		else
			echo "$case: pass"
			passed=$((passed + 1))
		fi
	done
	echo "$suite: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
