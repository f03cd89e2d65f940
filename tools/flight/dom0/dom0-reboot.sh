#!/bin/sh
# flight=dom0-reboot: a plain "reboot" in dom0 (busybox's applet signals
# PID 1, busybox init shuts down and reboots).  The command line is the same
# after the reboot, so this reboots on every boot: the host side stops the
# machine after the second boot.
echo "flight: calling reboot"
reboot
sleep 60
echo "flight: reboot did not happen"
exit 1
