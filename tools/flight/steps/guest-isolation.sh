# shellcheck shell=bash
# Step guest-isolation: inside a guest, dom0-abi --isolation issues
# control hypercalls, maps dom0's grants and memory, binds dom0's ports,
# reads the hypervisor's console and shuts dom0 down; each is refused, and
# dom0 and the hypervisor stay healthy (tools/flight/dom0/guest-isolation.sh).
guest_step guest-isolation 20
