/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl ops on a domain's vCPUs: creating them, their registers, where
 * they may run, and what they are doing.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/domctl.h>

/*
 * Creates the vCPUs createdomain sized the domain for, all down until the
 * builder gives them a context (the dom0 builder starts vCPU 0 itself).
 */
static long max_vcpus(struct domain *d, uint32_t max)
{
    unsigned int i;

    if ( d == current->domain || max != d->max_vcpus )
        return -EINVAL;
    for ( i = 0; i < max; i++ ) {
        struct vcpu *v;

        if ( d->vcpu[i] )
            continue;
        v = vcpu_create(d, i);
        if ( !v )
            return -ENOMEM;
        set_bit(_VPF_down, &v->pause_flags);
    }
    return 0;
}

static struct vcpu *domain_vcpu(struct domain *d, uint32_t id, long *rc)
{
    struct vcpu *v = id < d->max_vcpus ? d->vcpu[id] : NULL;

    if ( !v )
        *rc = id < d->max_vcpus ? -ESRCH : -EINVAL;
    return v;
}

static long getvcpuinfo(struct domain *d, struct xen_domctl_getvcpuinfo *vi)
{
    long rc = 0;
    struct vcpu *v = domain_vcpu(d, vi->vcpu, &rc);

    if ( !v )
        return rc;
    vi->online = !test_bit(_VPF_down, &v->pause_flags);
    vi->blocked = test_bit(_VPF_blocked, &v->pause_flags);
    vi->running = READ_ONCE(v->is_running);
    vi->cpu_time = vcpu_runstate_time(v, RUNSTATE_running);
    vi->cpu = v->processor;
    return 0;
}

/* Registers are only set or read with the whole domain held still. */
static long vcpucontext(struct domain *d, struct xen_domctl_vcpucontext *op,
                        bool set)
{
    struct vcpu_guest_context ctxt;
    long rc = 0;
    struct vcpu *v = domain_vcpu(d, op->vcpu, &rc);

    if ( !v )
        return rc;
    if ( d == current->domain )
        return -EINVAL;
    if ( set && copy_from_guest(&ctxt, op->ctxt, 1) )
        return -EFAULT;

    domain_pause(d);
    if ( set )
        rc = arch_set_vcpu_context(v, &ctxt);
    else
        arch_get_vcpu_context(v, &ctxt);
    domain_unpause(d);

    if ( !set && copy_to_guest(op->ctxt, &ctxt, 1) )
        rc = -EFAULT;
    return rc;
}

/* The mask's bits that name pCPUs we could have (the rest are ignored). */
static long bitmap_to_mask(const struct xenctl_bitmap *b, unsigned long *mask)
{
    uint8_t bytes[sizeof(*mask)] = { 0 };
    unsigned int n = (b->nr_bits + 7) / 8, i;

    if ( n > sizeof(bytes) )
        n = sizeof(bytes);
    if ( n && copy_from_guest(bytes, b->bitmap, n) )
        return -EFAULT;
    /* Bits past nr_bits in the last byte are not the caller's. */
    if ( n * 8 > b->nr_bits )
        bytes[n - 1] &= (1U << (b->nr_bits % 8)) - 1;
    *mask = 0;
    for ( i = 0; i < n; i++ )
        *mask |= (unsigned long)bytes[i] << (8 * i);
    return 0;
}

static long mask_to_bitmap(unsigned long mask, const struct xenctl_bitmap *b)
{
    unsigned int i, n = (b->nr_bits + 7) / 8;

    for ( i = 0; i < n; i++ ) {
        uint8_t byte = i < sizeof(mask) ? mask >> (8 * i) : 0;

        if ( i == n - 1 && b->nr_bits % 8 )
            byte &= (1U << (b->nr_bits % 8)) - 1;
        if ( copy_to_guest_offset(b->bitmap, i, &byte, 1) )
            return -EFAULT;
    }
    return 0;
}

/*
 * Hard affinity only: the scheduler has no soft preferences, so asking
 * for one is refused rather than recorded and ignored.
 */
static long vcpuaffinity(struct domain *d, struct xen_domctl_vcpuaffinity *op,
                         bool set)
{
    unsigned long mask;
    long rc = 0;
    struct vcpu *v = domain_vcpu(d, op->vcpu, &rc);

    if ( !v )
        return rc;
    if ( op->flags & ~(XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_FORCE) )
        return op->flags & XEN_VCPUAFFINITY_SOFT ? -EOPNOTSUPP : -EINVAL;
    if ( !(op->flags & XEN_VCPUAFFINITY_HARD) )
        return -EINVAL;
    if ( set ) {
        rc = bitmap_to_mask(&op->cpumap_hard, &mask);
        if ( !rc )
            rc = vcpu_set_affinity(v, mask);
        if ( rc )
            return rc;
    }
    return mask_to_bitmap(v->cpu_affinity & (set ? cpu_online_map : ~0UL),
                          &op->cpumap_hard);
}

long domctl_vcpu_op(struct domain *d, struct xen_domctl *op)
{
    switch ( op->cmd ) {
    case XEN_DOMCTL_max_vcpus:
        return max_vcpus(d, op->u.max_vcpus.max);
    case XEN_DOMCTL_getvcpuinfo:
        return getvcpuinfo(d, &op->u.getvcpuinfo);
    case XEN_DOMCTL_setvcpucontext:
    case XEN_DOMCTL_getvcpucontext:
        return vcpucontext(d, &op->u.vcpucontext,
                           op->cmd == XEN_DOMCTL_setvcpucontext);
    case XEN_DOMCTL_setvcpuaffinity:
    case XEN_DOMCTL_getvcpuaffinity:
        return vcpuaffinity(d, &op->u.vcpuaffinity,
                            op->cmd == XEN_DOMCTL_setvcpuaffinity);
    }
    return -ENOSYS;
}
