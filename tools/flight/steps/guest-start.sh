# shellcheck shell=bash
# Step guest-start: in dom0, `xl create` starts guest1 (Debian's arm64
# kernel, a busybox initramfs) on our hypervisor; its console, read
# through xenconsoled's log, shows GUEST-USERSPACE-READY; `xl list` shows
# it running; `xl destroy` ends it (tools/flight/dom0/guest-start.sh).
guest_step guest-start 9
