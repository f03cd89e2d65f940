/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl: control operations on one domain, for the control domain only.
 * Sub-ops not implemented here answer -ENOSYS and are logged once each.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <public/domctl.h>

void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    unsigned int i, online = 0, blocked = 0;
    bool running = false;

    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
    for ( i = 0; i < d->max_vcpus; i++ ) {
        struct vcpu *v = d->vcpu[i];

        if ( !v )
            continue;
        info->max_vcpu_id = i;
        info->cpu_time += vcpu_runstate_time(v, RUNSTATE_running);
        if ( test_bit(_VPF_down, &v->pause_flags) )
            continue;
        online++;
        running |= READ_ONCE(v->is_running);
        blocked += test_bit(_VPF_blocked, &v->pause_flags);
    }
    info->nr_online_vcpus = online;

    if ( d->is_dying )
        info->flags |= XEN_DOMINF_dying;
    if ( d->is_shutting_down )
        info->flags |= XEN_DOMINF_shutdown |
                       (d->shutdown_code & XEN_DOMINF_shutdownmask) <<
                       XEN_DOMINF_shutdownshift;
    if ( d->controller_pause_count )
        info->flags |= XEN_DOMINF_paused;
    if ( running )
        info->flags |= XEN_DOMINF_running;
    if ( online && blocked == online )
        info->flags |= XEN_DOMINF_blocked;

    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = gfn_x(d->shared_info_gfn);
    arch_get_domain_info(d, info);
}

/*
 * As in Xen 4.17, getdomaininfo answers for the first domain at or after
 * the id asked for, and says which in op->domain: that is how older
 * toolstacks walk the list.
 */
static long domctl_getdomaininfo(struct xen_domctl *op)
{
    struct domain *d;

    if ( op->domain >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    d = get_domain_from_id(op->domain);
    if ( !d )
        return -ESRCH;
    getdomaininfo(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    put_domain(d);
    return 0;
}

/* Grant table v1 only (0 means 1), no IOMMU, tracing or CPU pools. */
static int sanitise_config(struct xen_domctl_createdomain *c)
{
    if ( (c->grant_opts & ~1U) || c->iommu_opts || c->vmtrace_size ||
         c->cpupool_id )
        return -EINVAL;
    return arch_sanitise_domain_config(c);
}

static bool domid_in_use(domid_t domid)
{
    struct domain *d = get_domain_by_id(domid);

    if ( d )
        put_domain(d);
    return d;
}

/*
 * A domid the caller named (1 to DOMID_FIRST_RESERVED - 1), or the next
 * free one after the last handed out, as Xen's rover does, so that a new
 * domain does not take the id of one just destroyed.
 */
static long pick_domid(domid_t asked)
{
    static domid_t rover;
    domid_t id = rover;

    if ( asked > 0 && asked < DOMID_FIRST_RESERVED )
        return domid_in_use(asked) ? -EEXIST : asked;
    do {
        id = (unsigned int)id + 1 < DOMID_FIRST_RESERVED ? id + 1 : 1;
        if ( !domid_in_use(id) )
            return rover = id;
    } while ( id != rover );
    return -ENOMEM;
}

static DEFINE_SPINLOCK(domctl_lock);

static long domctl_createdomain(struct xen_domctl *op)
{
    struct domain *d;
    long id;
    int rc;

    rc = sanitise_config(&op->u.createdomain);
    if ( rc )
        return rc;
    id = pick_domid(op->domain);
    if ( id < 0 )
        return id;
    d = domain_create(id, &op->u.createdomain, false);
    if ( !d )
        return -ENOMEM;
    /* Paused for the toolstack, which unpauses it once it is built. */
    d->controller_pause_count = 1;
    domain_pause(d);
    op->domain = id;
    return 0;
}

/*
 * A device model's domain may act on its guest (set_target); it can be
 * set once, to another domain that is neither it nor dom0.
 */
static long set_target(struct domain *d, domid_t target)
{
    struct domain *t;

    if ( d->target )
        return -EINVAL;
    t = get_domain_by_id(target);
    if ( !t )
        return -ESRCH;
    if ( t == d || is_hardware_domain(t) || is_hardware_domain(d) ) {
        put_domain(t);
        return -EINVAL;
    }
    d->target = t;          /* keeps the reference until d is freed */
    return 0;
}

/* At most 2^MAX_ORDER frames a call, as Xen bounds it. */
static long cacheflush(struct domain *d, const struct xen_domctl_cacheflush *c)
{
    if ( c->nr_pfns > (1UL << MAX_ORDER) ||
         c->start_pfn + c->nr_pfns < c->start_pfn )
        return -EINVAL;
    arch_cache_flush_range(d, c->start_pfn, c->nr_pfns);
    return 0;
}

/* The ops on one existing domain. */
static long domctl_on_domain(struct xen_domctl *op)
{
    struct domain *d = get_domain_by_id(op->domain);
    long rc = 0;

    if ( !d )
        return -ESRCH;
    switch ( op->cmd ) {
    case XEN_DOMCTL_destroydomain:
        rc = domain_kill(d);
        break;
    case XEN_DOMCTL_pausedomain:
        if ( d == current->domain || d->controller_pause_count == UINT8_MAX ) {
            rc = -EINVAL;
            break;
        }
        d->controller_pause_count++;
        domain_pause(d);
        break;
    case XEN_DOMCTL_unpausedomain:
        if ( !d->controller_pause_count ) {
            rc = -EINVAL;
            break;
        }
        d->controller_pause_count--;
        domain_unpause(d);
        break;
    case XEN_DOMCTL_max_mem:
        /* Lower than what it holds is allowed: it may only shrink then. */
        spin_lock(&d->page_alloc_lock);
        d->max_pages = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
        spin_unlock(&d->page_alloc_lock);
        break;
    case XEN_DOMCTL_settimeoffset:
        d->time_offset_seconds = op->u.settimeoffset.time_offset_seconds;
        update_domain_wallclock(d);
        break;
    case XEN_DOMCTL_set_target:
        rc = set_target(d, op->u.set_target.target);
        break;
    case XEN_DOMCTL_cacheflush:
        rc = cacheflush(d, &op->u.cacheflush);
        break;
    default:
        rc = domctl_vcpu_op(d, op);
        break;
    }
    put_domain(d);
    return rc;
}

long do_domctl(uint64_t arg)
{
    struct xen_domctl op;
    long rc;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( raw_copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;

    /* One at a time, as in Xen: creation and destruction do not mix. */
    spin_lock(&domctl_lock);
    switch ( op.cmd ) {
    case XEN_DOMCTL_createdomain:
        rc = domctl_createdomain(&op);
        break;
    case XEN_DOMCTL_destroydomain:
    case XEN_DOMCTL_pausedomain:
    case XEN_DOMCTL_unpausedomain:
    case XEN_DOMCTL_max_mem:
    case XEN_DOMCTL_max_vcpus:
    case XEN_DOMCTL_getvcpuinfo:
    case XEN_DOMCTL_setvcpucontext:
    case XEN_DOMCTL_getvcpucontext:
    case XEN_DOMCTL_setvcpuaffinity:
    case XEN_DOMCTL_getvcpuaffinity:
    case XEN_DOMCTL_settimeoffset:
    case XEN_DOMCTL_set_target:
    case XEN_DOMCTL_cacheflush:
        rc = domctl_on_domain(&op);
        break;
    case XEN_DOMCTL_getdomaininfo:
        rc = domctl_getdomaininfo(&op);
        break;
    default:
        rc = SUBOP_UNIMPLEMENTED("domctl", op.cmd);
        break;
    }
    spin_unlock(&domctl_lock);
    if ( !rc && raw_copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
