#!/bin/sh
# flight=guest-isolation-inside: runs inside the guest "isolation" (see
# guest-isolation.sh): everything reaching beyond the guest is refused.
/usr/lib/xen/tests/dom0-abi --isolation
