#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The library as its users get it: headers that build alone, a program
# built against them and linked with either library, the exported
# symbols, the pkg-config file; and xs-bench's table.  Paths come from
# run.sh: $CC, $STORE_INCLUDE, $XEN_INCLUDE, $TOOLS_LIB, $BENCH.
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
INC="-I$STORE_INCLUDE -I$XEN_INCLUDE"

# header_builds_alone HEADER FLAGS...
header_builds_alone() {
	h=$1
	shift
	echo "#include <$h>" >"$tmp/only.c"
	# shellcheck disable=SC2086
	$CC "$@" $INC -c -o "$tmp/only.o" "$tmp/only.c" 2>"$tmp/cc" ||
		fail "$h with $*: $(head -n1 "$tmp/cc")"
}

headers_alone() {
	for h in xenstore.h xenstore_lib.h; do
		# As Xen checks its library headers, and as a C11 user would.
		header_builds_alone $h -ansi -Wall -Wextra -Werror
		header_builds_alone $h -std=c11 -pedantic -Wall -Wextra -Werror
	done
}

example_static() {
	# shellcheck disable=SC2086
	$CC -std=gnu11 -Wall -Wextra -Werror $INC -o "$tmp/example" \
		"$here/example.c" "$TOOLS_LIB/libxenstore.a" -pthread \
		2>"$tmp/cc" || { fail "build: $(head -n1 "$tmp/cc")"; return; }
	run "$tmp/example"
	expect_run 0 "read 5 bytes: hello
child: greeting" ""
}

example_shared() {
	# shellcheck disable=SC2086
	$CC -std=gnu11 -Wall -Wextra -Werror $INC -o "$tmp/example-so" \
		"$here/example.c" -L"$TOOLS_LIB" -lxenstore 2>"$tmp/cc" ||
		{ fail "build: $(head -n1 "$tmp/cc")"; return; }
	needed=$(readelf -d "$tmp/example-so" | sed -n 's/.*NEEDED.*\[\(libxenstore[^]]*\)\]/\1/p')
	expect "NEEDED" "$needed" "libxenstore.so.4"
	run env LD_LIBRARY_PATH="$TOOLS_LIB" "$tmp/example-so"
	expect_run 0 "read 5 bytes: hello
child: greeting" ""
}

shared_library() {
	soname=$(readelf -d "$TOOLS_LIB/libxenstore.so.4.0" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
	expect "SONAME" "$soname" "libxenstore.so.4"
	expect "libxenstore.so" "$(readlink "$TOOLS_LIB/libxenstore.so")" \
		"libxenstore.so.4"
	expect "libxenstore.so.4" "$(readlink "$TOOLS_LIB/libxenstore.so.4")" \
		"libxenstore.so.4.0"
	# Exactly the API, all under Xen's version node.
	nm -D --defined-only "$TOOLS_LIB/libxenstore.so.4.0" |
		awk '$2 == "T" { print $3 }' | sort >"$tmp/exported"
	sed -n 's/^\t\t\(xs_[a-z_]*\);$/\1@@VERS_4.0/p' \
		"$STORE_INCLUDE/../libxenstore.map" | sort >"$tmp/map"
	cmp -s "$tmp/exported" "$tmp/map" ||
		fail "exports differ from libxenstore.map: $(diff "$tmp/map" "$tmp/exported" | grep '^[<>]' | head -n3 | tr '\n' ' ')"
	[ "$(wc -l <"$tmp/map")" -eq 37 ] || fail "map lists $(wc -l <"$tmp/map") symbols"
}

pkg_config() {
	# Unquoted: pkg-config leaves trailing blanks.
	pc() { echo $(PKG_CONFIG_PATH=$TOOLS_LIB pkg-config "$@" xenstore); }
	expect "--libs" "$(pc --libs)" "-L/usr/local/lib -lxenstore"
	expect "--cflags" "$(pc --cflags)" "-I/usr/local/include"
	expect "--modversion" "$(pc --modversion)" "4.0"
	expect "--static --libs" "$(pc --static --libs)" \
		"-L/usr/local/lib -lxenstore -lpthread"
}

bench_table() {
	run "$BENCH" -n 200
	expect status "$rc" 0
	expect stderr "$err" ""
	expect header "$(echo "$out" | head -n1 | tr -s ' ')" "operation ops/s us/op"
	ops=$(echo "$out" | sed 1d | awk '
		NF == 3 && $2 ~ /^[0-9]+\.[0-9]$/ && $3 ~ /^[0-9]+\.[0-9]$/ &&
		$2 > 0 && $3 > 0 { print $1 }' | tr '\n' ' ')
	expect operations "$ops" "read write directory transaction "
}

daemon_cases="example_static example_shared bench_table"
run_cases build headers_alone example_static example_shared \
	shared_library pkg_config bench_table
