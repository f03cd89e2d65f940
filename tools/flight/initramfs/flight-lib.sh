# shellcheck shell=sh
# /lib/flight/lib.sh in the dom0 initramfs: helpers for the dom0-side flight
# scripts (/flight/<name>.sh, from tools/flight/dom0/).  Busybox ash.
#
#   flight_arg NAME [DEFAULT]   value of flight.NAME=... on the kernel
#                               command line, else DEFAULT
#   check_ok NAME [DETAIL]      prints "CHECK NAME: ok [DETAIL]"
#   check_fail NAME DETAIL      prints "CHECK NAME: FAIL DETAIL", counts it
#   check_done                  exits with the number of failed checks

FLIGHT_FAILED=0

flight_arg() {
	_value=$2
	# shellcheck disable=SC2013 # words, not lines
	for _word in $(cat /proc/cmdline); do
		case $_word in
		flight."$1"=*) _value=${_word#flight."$1"=} ;;
		esac
	done
	echo "$_value"
}

check_ok() {
	echo "CHECK $1: ok${2:+ $2}"
}

check_fail() {
	echo "CHECK $1: FAIL $2"
	FLIGHT_FAILED=$((FLIGHT_FAILED + 1))
}

check_done() {
	exit "$FLIGHT_FAILED"
}

# The toolstack's daemons, as xencommons starts them at boot, with dom0's
# names (as xen-init-dom0 writes them); guests' consoles are logged to
# /var/log/xen/console/guest-<name>.log.
#   start_toolstack             check "toolstack"; non-zero if it failed
#   wait_file_match FILE RE S   wait up to S seconds for a line matching RE
#   xl_state NAME               the State column of xl list for NAME, or ""
start_toolstack() {
	mkdir -p /var/run/xenstored /var/log/xen/console /var/lib/xen /etc/xen
	if ! xenstored --pid-file /var/run/xenstored.pid; then
		check_fail toolstack "xenstored did not start"
		return 1
	fi
	_n=0
	while [ ! -S /var/run/xenstored/socket ] && [ $_n -lt 100 ]; do
		usleep 100000
		_n=$((_n + 1))
	done
	if ! xenstore-write /local/domain/0/name Domain-0 /local/domain/0/domid 0; then
		check_fail toolstack "xenstored is not answering"
		return 1
	fi
	if ! xenconsoled --pid-file=/var/run/xenconsoled.pid --log=guest \
		--log-dir=/var/log/xen/console; then
		check_fail toolstack "xenconsoled did not start"
		return 1
	fi
	check_ok toolstack "xenstored and xenconsoled running"
}

wait_file_match() {
	_n=0
	while [ $_n -lt $(($3 * 10)) ]; do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		usleep 100000
		_n=$((_n + 1))
	done
	return 1
}

xl_state() {
	xl list 2>/dev/null | awk -v n="$1" '$1 == n { print $5 }'
}

# Seconds since boot, with hundredths (for BENCH lines).
uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

# The free_memory line of xl info (MiB).
free_mib() {
	xl info 2>/dev/null | awk '$1 == "free_memory" { print $3 }'
}

# Creates guest NAME from /etc/xen/NAME.cfg and waits for its userspace
# marker in its console log: checks "create-NAME" and "userspace-NAME",
# and a BENCH line with the seconds in between.  Non-zero if either failed.
create_guest() { # <name> [xl create options]
	_name=$1
	shift
	_t0=$(uptime_s)
	if ! _out=$(xl create "$@" "/etc/xen/$_name.cfg" 2>&1); then
		check_fail "create-$_name" "xl create failed: $_out"
		return 1
	fi
	check_ok "create-$_name" "$(echo "$_out" | tr '\n' ' ')"
	_log=/var/log/xen/console/guest-$_name.log
	if wait_file_match "$_log" GUEST-USERSPACE-READY 240; then
		_t1=$(uptime_s)
		check_ok "userspace-$_name" "marker in $_log"
		echo "BENCH xl-create-to-userspace $_name $(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.2f", b - a }') s"
		return 0
	fi
	check_fail "userspace-$_name" "no GUEST-USERSPACE-READY in $_log after 240 s; it ends: $(tail -c 600 "$_log" 2>/dev/null | tr '\n' '|')"
	return 1
}

# Waits up to S seconds for NAME to be gone from xl list.
wait_gone() { # <name> <seconds>
	_n=0
	while [ -n "$(xl_state "$1")" ] && [ $_n -lt $(($2 * 10)) ]; do
		usleep 100000
		_n=$((_n + 1))
	done
	[ -z "$(xl_state "$1")" ]
}
