/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Each vCPU's vcpu_info (the upcall flag and the 2-level selector), and the
 * upcall itself.  vCPU 0 starts out with the slot in shared_info; any vCPU
 * may move its vcpu_info into a page of its own RAM, once, with
 * VCPUOP_register_vcpu_info.
 */
#include <xen/domain_page.h>
#include <xen/errno.h>
#include <xen/event_channel.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

struct vcpu_info *vcpu_info_of(struct vcpu *v)
{
    struct shared_info *s = v->domain->shared_info;

    if ( v->vcpu_info )
        return v->vcpu_info;
    return s && v->vcpu_id < XEN_LEGACY_MAX_VCPUS
           ? &s->vcpu_info[v->vcpu_id] : NULL;
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    struct vcpu_info *vi = vcpu_info_of(v);

    /* The guest clears the flag before it looks: only 0 -> 1 interrupts. */
    if ( vi && !__atomic_exchange_n(&vi->evtchn_upcall_pending, 1,
                                    __ATOMIC_SEQ_CST) )
        arch_evtchn_inject(v);
}

void evtchn_vcpu_info_registered(struct vcpu *v)
{
    struct vcpu_info *vi = vcpu_info_of(v);

    if ( !vi )
        return;
    /*
     * Events raised before may have left no trace in this copy: have the
     * guest look at everything (it takes one spurious upcall).
     */
    __atomic_store_n(&vi->evtchn_pending_sel, ~(xen_ulong_t)0,
                     __ATOMIC_SEQ_CST);
    __atomic_store_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
    arch_evtchn_inject(v);
}

static bool straddles(const struct vcpu_info *vi)
{
    return ((unsigned long)vi & ~PAGE_MASK) + sizeof(*vi) > PAGE_SIZE;
}

/*
 * Maps the vcpu_info at gfn:offset with a reference on each frame it
 * covers.  One that straddles into gfn + 1 is fine when we see the two
 * frames contiguously, i.e. (1:1 directmap) when they are machine-
 * contiguous, as dom0's RAM always is; otherwise -ENXIO, as Xen says to
 * any straddling vcpu_info.
 */
static int map_vcpu_info_frames(struct domain *d, gfn_t gfn,
                                unsigned int offset, struct vcpu_info **vip,
                                struct page_info **first)
{
    struct page_info *pg, *pg2;
    char *va, *va2;

    va = map_guest_page(d, gfn, &pg);
    if ( !va )
        return -EINVAL;
    if ( offset + sizeof(**vip) > PAGE_SIZE ) {
        va2 = map_guest_page(d, gfn_add(gfn, 1), &pg2);
        if ( !va2 || va2 != va + PAGE_SIZE ) {
            if ( va2 )
                unmap_guest_page(pg2, va2);
            unmap_guest_page(pg, va);
            return va2 ? -ENXIO : -EINVAL;
        }
        /* Keep pg2's reference; we reach it through the first mapping. */
        unmap_domain_page(va2);
    }
    *vip = (struct vcpu_info *)(va + offset);
    *first = pg;
    return 0;
}

int map_vcpu_info(struct vcpu *v, gfn_t gfn, unsigned int offset)
{
    struct domain *d = v->domain;
    struct vcpu_info *new, *old;
    struct page_info *pg;
    unsigned long flags;
    int rc;

    if ( offset >= PAGE_SIZE || !IS_ALIGNED(offset, __alignof__(*new)) )
        return -ENXIO;

    /* Events are raised under the event lock: none slips past the move. */
    spin_lock_irqsave(&d->event_lock, flags);
    if ( !mfn_eq(v->vcpu_info_mfn, INVALID_MFN) )
        rc = -EINVAL;   /* once only */
    else
        rc = map_vcpu_info_frames(d, gfn, offset, &new, &pg);
    if ( !rc ) {
        old = vcpu_info_of(v);
        if ( old )
            memcpy(new, old, sizeof(*new));
        else
            memset(new, 0, sizeof(*new));
        v->vcpu_info = new;
        v->vcpu_info_mfn = page_to_mfn(pg);
        evtchn_vcpu_info_registered(v);
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

void unmap_vcpu_info(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vcpu_info *vi;
    unsigned long flags;
    mfn_t mfn;

    spin_lock_irqsave(&d->event_lock, flags);
    vi = v->vcpu_info;
    mfn = v->vcpu_info_mfn;
    v->vcpu_info = NULL;
    v->vcpu_info_mfn = INVALID_MFN;
    spin_unlock_irqrestore(&d->event_lock, flags);

    if ( mfn_eq(mfn, INVALID_MFN) )
        return;
    if ( straddles(vi) )
        put_page(mfn_to_page(mfn_add(mfn, 1)));
    unmap_guest_page(mfn_to_page(mfn),
                     (void *)((unsigned long)vi & PAGE_MASK));
}
