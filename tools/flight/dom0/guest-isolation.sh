#!/bin/sh
# flight=guest-isolation: dom0-side part of
# tools/flight/steps/guest-isolation.sh.  The guest "isolation" runs
# dom0-abi --isolation (guest-isolation-inside.sh) and powers off; its
# CHECK lines, from its console log, become this script's; then dom0, its
# toolstack and the hypervisor still answer.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

start_toolstack || check_done
create_guest isolation || check_done
_log=/var/log/xen/console/guest-isolation.log
if wait_file_match "$_log" 'FLIGHT-DONE rc=' 120; then
	check_ok guest-ran "$(grep -a 'FLIGHT-DONE' "$_log" | tr -d '\r')"
else
	check_fail guest-ran "no FLIGHT-DONE in $_log: $(tail -c 600 "$_log" | tr '\n' '|')"
fi
# Relayed as they are, so that the step counts them.
grep -a '^CHECK ' "$_log" | tr -d '\r' | sed 's/^CHECK /CHECK guest-/'
FLIGHT_FAILED=$((FLIGHT_FAILED + $(grep -ac '^CHECK [^ ]*: FAIL' "$_log")))

if wait_gone isolation 60; then
	check_ok guest-gone "powered off and destroyed"
else
	check_fail guest-gone "still listed: $(xl list | tr '\n' '|')"
fi
if xl list | grep -q '^Domain-0 ' && [ -n "$(free_mib)" ]; then
	check_ok dom0-healthy "xl list and xl info answer"
else
	check_fail dom0-healthy "the toolstack does not answer"
fi
check_done
