/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hvm_op on Arm: HVM parameters only.  Guests read the ones describing
 * their console, xenstore and event upcall; only a privileged domain (the
 * toolstack) sets them, as in Xen.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

static bool guest_may_read(unsigned int index)
{
    switch ( index ) {
    case HVM_PARAM_CALLBACK_IRQ:
    case HVM_PARAM_STORE_PFN:
    case HVM_PARAM_STORE_EVTCHN:
    case HVM_PARAM_CONSOLE_PFN:
    case HVM_PARAM_CONSOLE_EVTCHN:
        return true;
    }
    return false;
}

long do_hvm_op(uint64_t op, uint64_t arg)
{
    struct xen_hvm_param p;
    struct domain *d;
    bool is_self;
    long rc = 0;

    if ( op != HVMOP_set_param && op != HVMOP_get_param )
        return SUBOP_UNIMPLEMENTED("hvm_op", op);
    if ( raw_copy_from_guest(&p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.index >= HVM_NR_PARAMS )
        return -EINVAL;
    d = get_domain_by_any_id(p.domid);
    if ( !d )
        return -ESRCH;
    is_self = d == current->domain;
    if ( !is_self && !current->domain->is_privileged ) {
        rc = -EPERM;
        goto out;
    }

    if ( op == HVMOP_set_param ) {
        /* A guest may not redirect its own console or xenstore. */
        if ( is_self && !current->domain->is_privileged )
            rc = guest_may_read(p.index) ? -EPERM : -EINVAL;
        else
            d->hvm_params[p.index] = p.value;
        goto out;
    }
    if ( is_self && !current->domain->is_privileged && !guest_may_read(p.index) ) {
        rc = -EINVAL;
        goto out;
    }
    p.value = d->hvm_params[p.index];
    if ( copy_field_to_guest(guest_handle_from_reg(void, arg), &p, value) )
        rc = -EFAULT;
 out:
    put_domain(d);
    return rc;
}
