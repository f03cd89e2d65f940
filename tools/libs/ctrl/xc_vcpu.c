/* SPDX-License-Identifier: LGPL-2.1-only */
/* Operations on one vCPU: its registers, state and affinity. */
#include <errno.h>
#include <string.h>

#include "xc_private.h"

static int vcpucontext(xc_interface *xch, uint32_t cmd, uint32_t domid,
                       uint32_t vcpu, vcpu_guest_context_any_t *ctxt)
{
    struct xc_bounce b = { .user = ctxt, .size = sizeof(*ctxt),
                           .in = cmd == XEN_DOMCTL_setvcpucontext,
                           .out = cmd == XEN_DOMCTL_getvcpucontext };
    struct xen_domctl op = { .cmd = cmd, .domain = domid,
                             .u.vcpucontext.vcpu = vcpu };
    int rc;

    if ( xc_bounce_pre(xch, &b) )
        return -1;
    op.u.vcpucontext.ctxt.q = (uintptr_t)b.hbuf;
    rc = xc_domctl(xch, &op);
    xc_bounce_post(xch, &b, !rc);
    return rc;
}

int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                       vcpu_guest_context_any_t *ctxt)
{
    return vcpucontext(xch, XEN_DOMCTL_setvcpucontext, domid, vcpu, ctxt);
}

int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                       vcpu_guest_context_any_t *ctxt)
{
    return vcpucontext(xch, XEN_DOMCTL_getvcpucontext, domid, vcpu, ctxt);
}

int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                    xc_vcpuinfo_t *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getvcpuinfo, .domain = domid,
                             .u.getvcpuinfo.vcpu = vcpu };

    if ( xc_domctl(xch, &op) )
        return -1;
    *info = op.u.getvcpuinfo;
    return 0;
}

int xc_get_cpumap_size(xc_interface *xch)
{
    xc_physinfo_t info;

    if ( xc_physinfo(xch, &info) )
        return -1;
    return (info.max_cpu_id + 8) / 8;
}

/* Both maps are xc_get_cpumap_size() bytes; the soft one may be NULL. */
static int vcpuaffinity(xc_interface *xch, uint32_t cmd, uint32_t domid,
                        int vcpu, xc_cpumap_t hard, xc_cpumap_t soft,
                        uint32_t flags)
{
    int size = xc_get_cpumap_size(xch), rc;
    bool set = cmd == XEN_DOMCTL_setvcpuaffinity;
    struct xc_bounce bh = { .user = hard, .in = set, .out = true };
    struct xc_bounce bs = { .user = soft, .in = set, .out = true };
    struct xen_domctl op = { .cmd = cmd, .domain = domid };

    if ( size < 0 )
        return -1;
    if ( (flags & XEN_VCPUAFFINITY_HARD) && hard )
        bh.size = size;
    if ( (flags & XEN_VCPUAFFINITY_SOFT) && soft )
        bs.size = size;
    if ( xc_bounce_pre(xch, &bh) )
        return -1;
    if ( xc_bounce_pre(xch, &bs) ) {
        xc_bounce_post(xch, &bh, false);
        return -1;
    }
    op.u.vcpuaffinity.vcpu = vcpu;
    op.u.vcpuaffinity.flags = flags;
    op.u.vcpuaffinity.cpumap_hard.bitmap.q = (uintptr_t)bh.hbuf;
    op.u.vcpuaffinity.cpumap_hard.nr_bits = bh.size * 8;
    op.u.vcpuaffinity.cpumap_soft.bitmap.q = (uintptr_t)bs.hbuf;
    op.u.vcpuaffinity.cpumap_soft.nr_bits = bs.size * 8;
    rc = xc_domctl(xch, &op);
    xc_bounce_post(xch, &bs, !rc);
    xc_bounce_post(xch, &bh, !rc);
    return rc;
}

int xc_vcpu_setaffinity(xc_interface *xch, uint32_t domid, int vcpu,
                        xc_cpumap_t cpumap_hard_inout,
                        xc_cpumap_t cpumap_soft_inout, uint32_t flags)
{
    return vcpuaffinity(xch, XEN_DOMCTL_setvcpuaffinity, domid, vcpu,
                        cpumap_hard_inout, cpumap_soft_inout, flags);
}

int xc_vcpu_getaffinity(xc_interface *xch, uint32_t domid, int vcpu,
                        xc_cpumap_t cpumap_hard, xc_cpumap_t cpumap_soft,
                        uint32_t flags)
{
    return vcpuaffinity(xch, XEN_DOMCTL_getvcpuaffinity, domid, vcpu,
                        cpumap_hard, cpumap_soft, flags);
}
