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
