#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The xenstore commands against the real xenstored (XENSTORED_PATH, set
# by run.sh): their output, messages and exit status, compared with what
# Xen's print.  $XENSTORE_BIN holds the commands.
. "$(dirname "$0")/lib.sh"

B=$XENSTORE_BIN

write_read() {
	run "$B/xenstore-write" /c/a hello /c/b world
	expect_run 0 "" ""
	run "$B/xenstore-read" /c/a
	expect_run 0 "hello" ""
	run "$B/xenstore-read" /c/a /c/b
	expect_run 0 "hello
world" ""
	run "$B/xenstore-read" -p /c/a
	expect_run 0 "/c/a: hello" ""
	# The mode as first argument, and -s.
	run "$B/xenstore" read -s /c/b
	expect_run 0 "world" ""
}

read_missing() {
	run "$B/xenstore-read" /c/none
	expect_run 1 "" "xenstore-read: couldn't read path /c/none"
	# A missing key fails the command, after what came before it.
	"$B/xenstore-write" /c/here 1
	run "$B/xenstore-read" /c/here /c/none /c/a
	expect_run 1 "1" "xenstore-read: couldn't read path /c/none"
}

escaped_values() {
	# Written unescaped, read back escaped.
	run "$B/xenstore-write" /c/esc 'tab\there\nx\101\x42\\'
	expect_run 0 "" ""
	run "$B/xenstore-read" /c/esc
	expect_run 0 'tab\there\nxAB\\' ""
	# -R: bytes as given, both ways, without a newline added.
	run "$B/xenstore-write" -R /c/raw 'a\tb'
	"$B/xenstore-read" -R /c/raw >"$tmp/raw"
	printf 'a\\tb' | cmp -s - "$tmp/raw" || fail "-R read differs"
	"$B/xenstore-write" /c/ctl "$(printf '\001\177')"
	run "$B/xenstore-read" /c/ctl
	expect_run 0 '\001\x7f' ""
}

write_usage() {
	run "$B/xenstore-write" /c/odd
	expect_run 1 "" \
		"xenstore-write: Usage: $B/xenstore-write [-h] [-s] [-R] key value [...]"
	run "$B/xenstore" write -t /c/odd x
	expect status "$rc" 1
	expect "usage" "$(echo "$err" | tail -n1)" \
		"xenstore: Usage: $B/xenstore write [-h] [-s] [-R] key value [...]"
}

usage_errors() {
	run "$B/xenstore-read"
	expect_run 1 "" "xenstore-read: Usage: $B/xenstore-read [-h] [-p] [-s] [-R] key [...]"
	run "$B/xenstore"
	expect_run 1 "" "xenstore: Usage: $B/xenstore <mode> [-h] [...]"
	run "$B/xenstore" frobnicate /c
	expect_run 1 "" "xenstore: unknown mode frobnicate"
	run "$B/xenstore-watch" -h
	expect_run 1 "" "xenstore-watch: Usage: $B/xenstore-watch [-h] [-n NR] key"
}

exists() {
	"$B/xenstore-write" /c/there ""
	run "$B/xenstore-exists" /c/there
	expect_run 0 "" ""
	run "$B/xenstore-exists" /c/not-there
	expect_run 1 "" ""
	run "$B/xenstore-exists" /c/there /c/not-there
	expect_run 1 "" ""
}

list() {
	"$B/xenstore-write" /l/one 1 /l/two 2
	run "$B/xenstore-list" /l
	expect_run 0 "one
two" ""
	run "$B/xenstore-list" -p /l
	expect_run 0 "/l/one
/l/two" ""
	run "$B/xenstore-list" /l/none
	expect_run 1 "" "xenstore-list: could not list path /l/none"
}

ls_tree() {
	"$B/xenstore-write" /ls/a 1
	"$B/xenstore-write" /ls/a/b 2
	"$B/xenstore-write" /ls/c 'tab\there'
	run "$B/xenstore-ls" /ls
	expect_run 0 'a = "1"
 b = "2"
c = "tab\there"' ""
	run "$B/xenstore" ls -f /ls
	expect_run 0 '/ls/a = "1"
/ls/a/b = "2"
/ls/c = "tab\there"' ""
	run "$B/xenstore-ls" -p /ls
	expect_run 0 'a = "1"  . . . . . . . . . . . . . . . . . . . . . . . . . .  (n0)
 b = "2" . . . . . . . . . . . . . . . . . . . . . . . . . .  (n0)
c = "tab\there"  . . . . . . . . . . . . . . . . . . . . . .  (n0)' ""
	run "$B/xenstore-ls" -f -p /ls/a
	expect_run 0 '/ls/a/b = "2"   (n0)' ""
	# No path: the whole store, this tree in it.
	run "$B/xenstore-ls"
	expect status "$rc" 0
	echo "$out" | grep -qx 'ls = ""' || fail "ls of / lacks ls"
}

ls_width() {
	long=$(printf '%0100d' 0 | tr 0 x)
	"$B/xenstore-write" /lw/long "$long"
	# Not a terminal: 80 columns, the value cut to fit.
	run "$B/xenstore-ls" /lw
	expect_run 0 "long = \"$(printf '%068d' 0 | tr 0 x)\\...\"" ""
	run "$B/xenstore-ls" -p /lw
	expect_run 0 "long = \"$(printf '%068d' 0 | tr 0 x)\\...\"  (n0)" ""
	run "$B/xenstore-ls" -f /lw
	expect_run 0 "/lw/long = \"$long\"" ""
}

ls_missing() {
	run "$B/xenstore-ls" /nonexistent
	expect_run 1 "" "xenstore-ls: xs_directory (/nonexistent): No such file or directory"
}

rm_nodes() {
	"$B/xenstore-write" /r/a/b 1 /r/c 2
	run "$B/xenstore-rm" /r/a
	expect_run 0 "" ""
	"$B/xenstore-exists" /r/a/b && fail "/r/a/b survived"
	"$B/xenstore-exists" /r/c || fail "/r/c removed"
	run "$B/xenstore-rm" /no-such-parent/child
	expect_run 1 "" "xenstore-rm: could not remove path /no-such-parent/child"
}

rm_tidy() {
	"$B/xenstore-write" /t1/a/b 1
	run "$B/xenstore-rm" -t /t1/a/b
	expect_run 0 "" ""
	"$B/xenstore-exists" /t1 && fail "empty /t1 left"
	# Parents with a value or other children stay.
	"$B/xenstore-write" /t2/a/b 1 /t2/c 2 /t3 v /t3/a/b 1
	"$B/xenstore-rm" -t /t2/a/b /t3/a/b
	"$B/xenstore-exists" /t2/a && fail "empty /t2/a left"
	"$B/xenstore-exists" /t2/c || fail "/t2/c removed"
	"$B/xenstore-exists" /t3 || fail "/t3 with a value removed"
	"$B/xenstore-exists" /t3/a && fail "empty /t3/a left"
}

# perms_of PATH: its permissions, as xenstore-ls -f -p shows them
perms_of() {
	parent=${1%/*}
	"$B/xenstore-ls" -f -p "${parent:-/}" 2>/dev/null |
		sed -n "s|^$1 = .*  (\(.*\))\$|\1|p"
}

chmod_nodes() {
	"$B/xenstore-write" /cm/a 1 /cm/r/x 1 /cm/r/x/y 2 /cm/u/x/y 3
	run "$B/xenstore-chmod" /cm/a n0 r5
	expect_run 0 "" ""
	expect "/cm/a" "$(perms_of /cm/a)" "n0,r5"
	run "$B/xenstore-chmod" -r /cm/r b0
	expect_run 0 "" ""
	expect "/cm/r/x/y" "$(perms_of /cm/r/x/y)" "b0"
	expect "/cm/r" "$(perms_of /cm/r)" "b0"
	"$B/xenstore-chmod" -u /cm/u/x/y n0 w3
	expect "/cm/u/x" "$(perms_of /cm/u/x)" "n0,w3"
	expect "/cm" "$(perms_of /cm)" "n0,w3"
	expect "/cm/a" "$(perms_of /cm/a)" "n0,r5"
	run "$B/xenstore-chmod" /cm/a x5
	expect_run 1 "" "xenstore-chmod: Invalid permission specification: 'x5'"
	run "$B/xenstore-chmod" /cm/none n0
	expect_run 1 "" \
		"xenstore-chmod: Error occurred setting permissions on '/cm/none': No such file or directory"
}

watch() {
	"$B/xenstore-write" /wt ""
	"$B/xenstore-watch" -n 2 /wt >"$tmp/watch" 2>&1 &
	pid=$!
	# The first event, at once, says the watch is set.
	i=0
	while [ ! -s "$tmp/watch" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	"$B/xenstore-write" /wt/x 1
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		kill $pid
		fail "xenstore-watch -n 2 still running"
	fi
	wait $pid
	expect "exit status" $? 0
	expect "events" "$(cat "$tmp/watch")" "/wt
/wt/x"
}

control() {
	run "$B/xenstore-control"
	expect_run 2 "" "Usage:
$B/xenstore-control <command> [<arg>...]"
	run "$B/xenstore-control" no-such-command
	expect status "$rc" 3
	expect "first line" "$(echo "$err" | head -n1)" \
		"Command not supported. Valid commands are:"
	run "$B/xenstore" control help
	expect status "$rc" 0
	[ -n "$out" ] || fail "help printed nothing"
}

no_daemon() {
	run env XENSTORED_PATH=/nonexistent/socket "$B/xenstore-read" -s /c/a
	expect_run 1 "" "xenstore-read: xs_open: No such file or directory"
	run env XENSTORED_PATH=/nonexistent/socket "$B/xenstore-control" help
	expect_run 1 "" "Failed to contact Xenstored."
}

daemon_cases="write_read read_missing escaped_values exists list ls_tree
	ls_width ls_missing rm_nodes rm_tidy chmod_nodes watch control"
run_cases commands write_read read_missing escaped_values write_usage \
	usage_errors exists list ls_tree ls_width ls_missing rm_nodes rm_tidy \
	chmod_nodes watch control no_daemon
