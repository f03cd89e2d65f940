# shellcheck shell=bash
# Step native-boot (not in the default flight): dom0-boot without the
# hypervisor: the Debian kernel boots the flight initramfs directly
# (scripts/qemu-run --native), runs the same dom0-side checks (expecting no
# hypervisor), and must power the machine off: QEMU exits with status 0.
NATIVE=1
# shellcheck source=tools/flight/steps/dom0-boot.sh
. "$FLIGHT_DIR/steps/dom0-boot.sh"
wait_exit 60 || fail "QEMU still running 60 s after FLIGHT-DONE (poweroff)"
((BOOT_RC == 0)) || fail "QEMU exit status $BOOT_RC after poweroff"
