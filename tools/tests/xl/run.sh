#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs the xl tests (make run sets TEST) and passes their lines on.  The
# run always ends with "xl: N passed, N failed": a program that dies or
# hangs before its summary, or fails after it (a sanitizer's leak report
# at exit), counts one more failure.
LIMIT=120

out=$(timeout $LIMIT "$TEST" 2>&1)
rc=$?
summary=$(printf '%s\n' "$out" | grep -E '^xl: [0-9]+ passed, [0-9]+ failed$' | tail -n1)
printf '%s\n' "$out" | grep -vxF -e "$summary"
failed=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
if [ -z "$summary" ] || { [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
    passed=$(printf '%s\n' "$out" | grep -c '^PASS ')
    failed=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    echo "FAIL test-xl: exit status $rc, see the output above"
    echo "xl: $passed passed, $((failed + 1)) failed"
    exit 1
fi
printf '%s\n' "$summary"
[ "$rc" -eq 0 ]
