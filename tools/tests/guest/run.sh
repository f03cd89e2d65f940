#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs the guest tests (make run), passing their lines on.  A run that
# dies (a sanitizer's report, a crash) before its summary still ends with
# "guest: N passed, N failed", counting itself as one more failure.
test=$1
out=$(mktemp /tmp/guest-tests-XXXXXX)
trap 'rm -f "$out"' EXIT

ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	timeout 600 "$test" >"$out" 2>&1
rc=$?
cat "$out"
if ! tail -n1 "$out" | grep -Eq '^guest: [0-9]+ passed, [0-9]+ failed$'; then
	echo "guest tests: died with status $rc before their summary"
	passed=$(grep -c '^PASS ' "$out")
	failed=$(($(grep -c '^FAIL ' "$out") + 1))
	echo "guest: $passed passed, $failed failed"
	exit 1
fi
exit $rc
