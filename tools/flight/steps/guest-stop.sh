# shellcheck shell=bash
# Step guest-stop: `xl shutdown -w` powers guest1 off through its kernel's
# xenbus control node; xl's monitor destroys it, and it leaves `xl list`
# and xenstore (tools/flight/dom0/guest-stop.sh).
guest_step guest-stop 7
