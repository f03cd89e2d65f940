# shellcheck shell=bash
# Step native-shutdown (not in the default flight): dom0-shutdown without
# the hypervisor, to check the dom0 side (poweroff ends QEMU with status 0;
# reboot restarts the machine).
NATIVE=1
# shellcheck source=tools/flight/steps/dom0-shutdown.sh
. "$FLIGHT_DIR/steps/dom0-shutdown.sh"
