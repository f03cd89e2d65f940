/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl: control operations on one domain, for the control domain only.
 * Sub-ops not implemented here answer -ENOSYS and are logged once each.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
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
    if ( atomic_read(&d->pause_count) )
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

    switch ( op.cmd ) {
    case XEN_DOMCTL_getdomaininfo:
        rc = domctl_getdomaininfo(&op);
        break;
    default:
        return SUBOP_UNIMPLEMENTED("domctl", op.cmd);
    }
    if ( !rc && raw_copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
