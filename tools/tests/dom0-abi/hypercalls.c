/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Errors of the hypercalls not covered by their own group: unknown
 * numbers and sub-ops, bad pointers and interface versions.
 */
#include <errno.h>
#include <string.h>

#include <xen/hvm/hvm_op.h>
#include <xen/platform.h>
#include <xen/sched.h>
#include <xen/sysctl.h>

#include "dom0-abi.h"

void test_bad_hypercalls(void)
{
    struct xen_sysctl sysctl;
    struct xen_platform_op pf;
    struct xen_hvm_param param = { .domid = DOMID_SELF, .index = 0xffff };

    check_rc("hypercall-unknown-number", hypercall(60, 0, 0, 0), -ENOSYS);

    memset(&sysctl, 0, sizeof(sysctl));
    sysctl.cmd = XEN_SYSCTL_debug_keys;
    sysctl.interface_version = XEN_SYSCTL_INTERFACE_VERSION - 1;
    check_rc("sysctl-old-interface",
             hypercall(__HYPERVISOR_sysctl, HC_PTR(&sysctl), 0, 0), -EACCES);
    sysctl.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    sysctl.cmd = 200;
    check_rc("sysctl-unknown-cmd",
             hypercall(__HYPERVISOR_sysctl, HC_PTR(&sysctl), 0, 0), -ENOSYS);
    check_rc("sysctl-bad-pointer",
             hypercall(__HYPERVISOR_sysctl, BAD_PTR, 0, 0), -EFAULT);
    sysctl.cmd = XEN_SYSCTL_debug_keys;
    sysctl.u.debug_keys.keys.q = BAD_PTR;
    sysctl.u.debug_keys.nr_keys = 1;
    check_rc("sysctl-debug-keys-bad-pointer",
             hypercall(__HYPERVISOR_sysctl, HC_PTR(&sysctl), 0, 0), -EFAULT);
    sysctl.u.debug_keys.nr_keys = 1u << 31;
    check_rc("sysctl-debug-keys-too-many",
             hypercall(__HYPERVISOR_sysctl, HC_PTR(&sysctl), 0, 0), -E2BIG);

    memset(&pf, 0, sizeof(pf));
    pf.cmd = XENPF_settime64;
    pf.interface_version = XENPF_INTERFACE_VERSION - 1;
    check_rc("platform-op-old-interface",
             hypercall(__HYPERVISOR_platform_op, HC_PTR(&pf), 0, 0), -EACCES);

    check_rc("sched-op-unknown", hypercall(__HYPERVISOR_sched_op, 99, 0, 0),
             -ENOSYS);
    check_rc("sched-op-shutdown-bad-pointer",
             hypercall(__HYPERVISOR_sched_op, SCHEDOP_shutdown, BAD_PTR, 0),
             -EFAULT);
    check_rc("hvm-op-bad-param", hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param,
                                           HC_PTR(&param), 0), -EINVAL);
    check_rc("hvm-op-unknown", hypercall(__HYPERVISOR_hvm_op, 99, HC_PTR(&param),
                                         0), -ENOSYS);
    check_rc("console-io-write-bad-pointer",
             hypercall(__HYPERVISOR_console_io, 0, 16, BAD_PTR), -EFAULT);
    check_rc("console-io-unknown", hypercall(__HYPERVISOR_console_io, 99, 0, 0),
             -ENOSYS);
}
