/* SPDX-License-Identifier: LGPL-2.1-only */
/* Operations on a domain as a whole. */
#include <errno.h>
#include <string.h>

#include <xen/memory.h>

#include "xc_private.h"

static int simple_domctl(xc_interface *xch, uint32_t cmd, uint32_t domid)
{
    struct xen_domctl op = { .cmd = cmd, .domain = domid };

    return xc_domctl(xch, &op);
}

int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config)
{
    struct xen_domctl op = {
        .cmd = XEN_DOMCTL_createdomain, .domain = *pdomid,
        .u.createdomain = *config,
    };

    if ( xc_domctl(xch, &op) )
        return -1;
    *pdomid = op.domain;
    *config = op.u.createdomain;
    return 0;
}

int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, XEN_DOMCTL_destroydomain, domid);
}

int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, XEN_DOMCTL_pausedomain, domid);
}

int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, XEN_DOMCTL_unpausedomain, domid);
}

int xc_domain_getinfolist(xc_interface *xch, uint32_t first,
                          unsigned int max, xc_domaininfo_t *info)
{
    struct xc_bounce b = { .user = info, .size = max * sizeof(*info),
                           .out = true };
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist };
    int rc;

    if ( max > (1U << 16) ) {
        errno = EINVAL;
        return -1;
    }
    if ( xc_bounce_pre(xch, &b) )
        return -1;
    op.u.getdomaininfolist.first_domain = first;
    op.u.getdomaininfolist.max_domains = max;
    op.u.getdomaininfolist.buffer.q = (uintptr_t)b.hbuf;
    rc = xc_sysctl(xch, &op);
    xc_bounce_post(xch, &b, !rc);
    return rc ? -1 : (int)op.u.getdomaininfolist.num_domains;
}

int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid,
                             xc_domaininfo_t *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo,
                             .domain = domid };

    if ( xc_domctl(xch, &op) )
        return -1;
    /* The hypervisor answers for the next domain when this one is gone. */
    if ( op.domain != domid ) {
        errno = ESRCH;
        return -1;
    }
    *info = op.u.getdomaininfo;
    return 0;
}

int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus, .domain = domid,
                             .u.max_vcpus.max = max };

    return xc_domctl(xch, &op);
}

int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem, .domain = domid,
                             .u.max_mem.max_memkb = max_memkb };

    return xc_domctl(xch, &op);
}

int xc_domain_settimeoffset(xc_interface *xch, uint32_t domid,
                            int32_t time_offset_seconds)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_settimeoffset, .domain = domid,
        .u.settimeoffset.time_offset_seconds = time_offset_seconds };

    return xc_domctl(xch, &op);
}

int xc_domain_set_target(xc_interface *xch, uint32_t domid, uint32_t target)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_set_target, .domain = domid,
                             .u.set_target.target = target };

    return xc_domctl(xch, &op);
}

int xc_domain_cacheflush(xc_interface *xch, uint32_t domid, xen_pfn_t start,
                         xen_pfn_t nr)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_cacheflush, .domain = domid,
        .u.cacheflush = { .start_pfn = start, .nr_pfns = nr } };

    return xc_domctl(xch, &op);
}

int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                               unsigned long nr_extents,
                               unsigned int extent_order,
                               unsigned int mem_flags,
                               xen_pfn_t *extent_start)
{
    struct xc_bounce b = { .user = extent_start,
                           .size = nr_extents * sizeof(*extent_start),
                           .in = true, .out = true };
    struct xen_memory_reservation r = {
        .nr_extents = nr_extents, .extent_order = extent_order,
        .mem_flags = mem_flags, .domid = domid,
    };
    int rc;

    if ( nr_extents > (1UL << 30) ) {
        errno = EINVAL;
        return -1;
    }
    if ( xc_bounce_pre(xch, &b) )
        return -1;
    r.extent_start.q = (uintptr_t)b.hbuf;
    rc = xc_hypercall_struct(xch, __HYPERVISOR_memory_op,
                             XENMEM_populate_physmap, &r, sizeof(r));
    xc_bounce_post(xch, &b, rc >= 0);
    return rc;
}

int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents,
                                     unsigned int extent_order,
                                     unsigned int mem_flags,
                                     xen_pfn_t *extent_start)
{
    int rc = xc_domain_populate_physmap(xch, domid, nr_extents, extent_order,
                                        mem_flags, extent_start);

    if ( rc < 0 )
        return -1;
    /* Fewer extents than asked: the domain's limit or the host's memory. */
    if ( (unsigned long)rc != nr_extents ) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}
