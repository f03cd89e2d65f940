#!/bin/sh
# flight=dom0-poweroff: a plain "poweroff" in dom0 (busybox's applet signals
# PID 1, busybox init shuts down).  The machine must stop without
# "FLIGHT-DONE" showing: that line would mean this script came back.
echo "flight: calling poweroff"
poweroff
sleep 60
echo "flight: poweroff did not happen"
exit 1
