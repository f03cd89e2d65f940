# shellcheck shell=bash
# Step guest-bad-config: a missing kernel, more memory than is free, an
# unknown key and syntax errors each get one sentence naming the file and
# line, exit status 1, and leave nothing behind
# (tools/flight/dom0/guest-bad-config.sh).
guest_step guest-bad-config 11
