#!/bin/sh
# flight=xenstore-dom0: dom0-side part of tools/flight/steps/xenstore-dom0.sh.
#
# Starts xenstored as a toolstack would at boot, writes dom0's nodes as
# xen-init-dom0 does, and checks that the xenstore commands work over the
# socket and over /dev/xen/xenbus, that is through the dom0 kernel's own
# xenbus ring to xenstored.  Exits with the number of failed checks.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

SOCKET=/var/run/xenstored/socket
PIDFILE=/var/run/xenstored.pid

wait_for_file() { # <path> <tenths of a second>
	_n=0
	while [ ! -e "$1" ] && [ $_n -lt "$2" ]; do
		usleep 100000
		_n=$((_n + 1))
	done
	[ -e "$1" ]
}

expect_output() { # <check> <expected> <command...>
	_name=$1 _want=$2
	shift 2
	_have=$("$@" 2>&1)
	if [ "$_have" = "$_want" ]; then
		check_ok "$_name" "$*: $_have"
	else
		check_fail "$_name" "$* gave '$_have', expected '$_want'"
	fi
}

mkdir -p /var/run /var/log/xen
if xenstored --pid-file "$PIDFILE" && wait_for_file "$SOCKET" 100; then
	check_ok xenstored-start "socket $SOCKET, pid $(cat "$PIDFILE" 2>/dev/null)"
else
	check_fail xenstored-start "no $SOCKET after 10 s"
	check_done
fi

# Once xenstored has introduced dom0 and rung its event channel, the
# kernel's xenbus comes up and the kernel itself advertises its shutdown
# features under /local/domain/0/control.
_n=0
while [ "$(xenstore-read /local/domain/0/control/feature-poweroff 2>/dev/null)" != 1 ] &&
	[ $_n -lt 50 ]; do
	usleep 100000
	_n=$((_n + 1))
done
if [ "$(xenstore-read /local/domain/0/control/feature-poweroff 2>/dev/null)" = 1 ]; then
	check_ok kernel-xenbus-up "the dom0 kernel wrote $(xenstore-ls -f /local/domain/0/control | tr '\n' ' ')"
else
	check_fail kernel-xenbus-up "no /local/domain/0/control/feature-poweroff from the dom0 kernel after 5 s"
fi

# What xen-init-dom0 writes.
if xenstore-write /local/domain/0/name Domain-0 /local/domain/0/domid 0; then
	check_ok init-dom0 "/local/domain/0/name and domid written"
else
	check_fail init-dom0 "xenstore-write failed"
fi
expect_output socket-read Domain-0 xenstore-read -s /local/domain/0/name
expect_output socket-exists "" xenstore-exists /local/domain/0/domid

# The kernel's ring: XENSTORED_PATH naming a device (not a socket) makes
# libxenstore talk to the kernel's xenbus, which forwards to xenstored.
export XENSTORED_PATH=/dev/xen/xenbus
expect_output kernel-read Domain-0 xenstore-read /local/domain/0/name
if xenstore-write /local/domain/0/flight/via-kernel yes; then
	check_ok kernel-write "/local/domain/0/flight/via-kernel"
else
	check_fail kernel-write "xenstore-write through /dev/xen/xenbus failed"
fi
unset XENSTORED_PATH
expect_output kernel-write-seen yes xenstore-read /local/domain/0/flight/via-kernel

expect_output ls-f '/local/domain/0/flight/via-kernel = "yes"' \
	xenstore-ls -f /local/domain/0/flight

# A watch fires once on registration and once per change.
xenstore-watch -n 2 /local/domain/0/flight/watched >/tmp/watch.out 2>&1 &
watcher=$!
usleep 500000
xenstore-write /local/domain/0/flight/watched 1
_n=0
while kill -0 $watcher 2>/dev/null && [ $_n -lt 50 ]; do
	usleep 100000
	_n=$((_n + 1))
done
if ! kill -0 $watcher 2>/dev/null && [ "$(grep -c watched /tmp/watch.out)" -ge 2 ]; then
	check_ok watch "$(tr '\n' ' ' </tmp/watch.out)"
else
	kill $watcher 2>/dev/null
	check_fail watch "xenstore-watch -n 2 saw: $(tr '\n' ' ' </tmp/watch.out)"
fi

xenstore-rm /local/domain/0/flight/watched
if xenstore-rm -t /local/domain/0/flight/via-kernel && ! xenstore-exists /local/domain/0/flight; then
	check_ok rm-t "/local/domain/0/flight gone with its last child"
else
	check_fail rm-t "xenstore-rm -t left /local/domain/0/flight"
fi

if xenstore-read /no/such/node >/dev/null 2>&1; then
	check_fail missing-node "xenstore-read of a missing node succeeded"
else
	check_ok missing-node "exit status $?"
fi


# Figures for people (the step copies them to its timing file), never a
# condition: over the socket, and through the kernel's ring.
/usr/lib/xen/tests/xs-bench -n 300 | sed 's/^/BENCH socket: /'
XENSTORED_PATH=/dev/xen/xenbus /usr/lib/xen/tests/xs-bench -n 300 |
	sed 's/^/BENCH kernel ring: /'

pid=$(cat "$PIDFILE" 2>/dev/null)
kill -TERM "$pid" 2>/dev/null
_n=0
while kill -0 "$pid" 2>/dev/null && [ $_n -lt 50 ]; do
	usleep 100000
	_n=$((_n + 1))
done
if ! kill -0 "$pid" 2>/dev/null && [ ! -e "$SOCKET" ] && [ ! -e "$PIDFILE" ]; then
	check_ok xenstored-stop "SIGTERM: process, socket and pid file gone"
else
	left=
	for f in "$SOCKET" "$PIDFILE"; do
		[ -e "$f" ] && left="$left $f"
	done
	kill -0 "$pid" 2>/dev/null && left="$left (process $pid)"
	check_fail xenstored-stop "after SIGTERM, still there:$left"
fi
check_done
