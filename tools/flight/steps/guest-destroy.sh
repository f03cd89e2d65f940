# shellcheck shell=bash
# Step guest-destroy: a running guest (from a gzip-compressed kernel) is
# destroyed; the host's free memory and xenstore are back to what they
# were (tools/flight/dom0/guest-destroy.sh).
guest_step guest-destroy 8
