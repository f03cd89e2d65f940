/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op: a domain's reservation (balloon in and out), what appears
 * in its physmap (shared_info, grant-table frames), and page accounting.
 *
 * A direct-mapped domain (dom0: guest physical == machine) keeps its pages
 * when it balloons them out: they are only unmapped, and populating maps
 * the same frame back, as Xen does, so its 1:1 view never breaks.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/memory.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <public/memory.h>

#define MAX_EXTENT_ORDER 9      /* 2 MiB: what a guest may ask for at once */

int assign_pages(struct domain *d, struct page_info *pg, unsigned int order)
{
    unsigned long i, n = 1UL << order;

    spin_lock(&d->page_alloc_lock);
    if ( d->is_dying || d->tot_pages + n > d->max_pages ) {
        spin_unlock(&d->page_alloc_lock);
        return -ENOMEM;
    }
    for ( i = 0; i < n; i++ )
        list_add_tail(&pg[i].list, &d->page_list);
    d->tot_pages += n;
    spin_unlock(&d->page_alloc_lock);
    return 0;
}

void relinquish_page(struct domain *d, struct page_info *pg)
{
    spin_lock(&d->page_alloc_lock);
    list_del_init(&pg->list);
    d->tot_pages--;
    spin_unlock(&d->page_alloc_lock);
    if ( __atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_SEQ_CST) &
         PGC_allocated )
        put_page(pg);
}

void relinquish_all_pages(struct domain *d)
{
    struct page_info *pg, *tmp;

    list_for_each_entry_safe(pg, tmp, &d->page_list, list)
        relinquish_page(d, pg);
}

/* The domain an op names: itself, or any domain if the caller is privileged. */
static struct domain *target_domain(domid_t domid, long *rc)
{
    struct domain *d;

    if ( domid != DOMID_SELF && domid != current->domain->domain_id &&
         !current->domain->is_privileged ) {
        *rc = -EPERM;
        return NULL;
    }
    d = get_domain_by_any_id(domid);
    if ( !d )
        *rc = -ESRCH;
    return d;
}

static bool populate_one(struct domain *d, unsigned long gfn, unsigned int order)
{
    struct page_info *pg;

    if ( d->arch.direct_map ) {
        /* Only frames it owns can come back, at their own address. */
        unsigned long i;

        for ( i = 0; i < (1UL << order); i++ ) {
            mfn_t mfn = _mfn(gfn + i);

            if ( !mfn_valid(mfn) || page_get_owner(mfn_to_page(mfn)) != d )
                return false;
        }
        return !p2m_insert_mapping(d, _gfn(gfn), 1UL << order, _mfn(gfn),
                                   p2m_ram_rw);
    }
    pg = alloc_domheap_pages(d, order, MEMF_zero);
    if ( !pg )
        return false;
    if ( assign_pages(d, pg, order) ) {
        free_domheap_pages(pg, order);
        return false;
    }
    if ( p2m_insert_mapping(d, _gfn(gfn), 1UL << order, page_to_mfn(pg),
                            p2m_ram_rw) ) {
        unsigned long i;

        for ( i = 0; i < (1UL << order); i++ )
            relinquish_page(d, pg + i);
        return false;
    }
    return true;
}

static bool decrease_one(struct domain *d, unsigned long gfn, unsigned int order)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ ) {
        p2m_type_t t;
        mfn_t mfn = p2m_lookup(d, _gfn(gfn + i), &t);

        if ( !p2m_is_ram(t) )
            return false;
        if ( p2m_remove_mapping(d, _gfn(gfn + i), 1) )
            return false;
        if ( !d->arch.direct_map && mfn_valid(mfn) )
            relinquish_page(d, mfn_to_page(mfn));
    }
    return true;
}

static long memory_exchange_reservation(unsigned int op, uint64_t arg)
{
    struct xen_memory_reservation r;
    struct domain *d;
    unsigned long i;
    long rc = 0;

    if ( raw_copy_from_guest(&r, arg, sizeof(r)) )
        return -EFAULT;
    /*
     * As in Xen, trouble with the extents themselves is answered by the
     * number of extents done.  Without continuations, a request larger
     * than any guest makes is refused outright.
     */
    if ( r.extent_order > MAX_EXTENT_ORDER )
        return 0;
    if ( r.nr_extents > (1UL << 30) )
        return -EINVAL;
    d = target_domain(r.domid, &rc);
    if ( !d )
        return rc;

    for ( i = 0; i < r.nr_extents; i++ ) {
        xen_pfn_t gfn;
        bool ok;

        if ( copy_from_guest_offset(&gfn, r.extent_start, i, 1) ||
             (gfn & ((1UL << r.extent_order) - 1)) )
            break;
        ok = op == XENMEM_populate_physmap ? populate_one(d, gfn, r.extent_order)
                                           : decrease_one(d, gfn, r.extent_order);
        if ( !ok )
            break;
    }
    put_domain(d);
    return i;
}

/* Puts one of d's hypervisor-owned pages at gfn, wherever it was before. */
static long add_to_physmap(struct domain *d, unsigned int space,
                           unsigned long idx, unsigned long gfn)
{
    mfn_t mfn;
    int rc;

    switch ( space ) {
    case XENMAPSPACE_shared_info:
        if ( idx != 0 )
            return -EINVAL;
        mfn = virt_to_mfn(d->shared_info);
        if ( !gfn_eq(d->shared_info_gfn, INVALID_GFN) )
            p2m_remove_mapping(d, d->shared_info_gfn, 1);
        rc = p2m_insert_mapping(d, _gfn(gfn), 1, mfn, p2m_xen_page);
        if ( !rc )
            d->shared_info_gfn = _gfn(gfn);
        return rc;
    case XENMAPSPACE_grant_table:
        return gnttab_map_frame(d, idx, _gfn(gfn), &mfn);
    }
    /* As Xen on Arm answers for the spaces it lacks too. */
    return SUBOP_UNIMPLEMENTED("add_to_physmap space", space);
}

static long memory_add_to_physmap(uint64_t arg)
{
    struct xen_add_to_physmap x;
    struct domain *d;
    long rc;

    if ( raw_copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    d = target_domain(x.domid, &rc);
    if ( !d )
        return rc;
    rc = add_to_physmap(d, x.space, x.idx, x.gpfn);
    put_domain(d);
    return rc;
}

static long memory_remove_from_physmap(uint64_t arg)
{
    struct xen_remove_from_physmap x;
    struct domain *d;
    long rc;

    if ( raw_copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    d = target_domain(x.domid, &rc);
    if ( !d )
        return rc;
    rc = p2m_remove_mapping(d, _gfn(x.gpfn), 1);
    put_domain(d);
    return rc;
}

static long memory_reservation_query(unsigned int op, uint64_t arg)
{
    domid_t domid;
    struct domain *d;
    long rc;

    if ( raw_copy_from_guest(&domid, arg, sizeof(domid)) )
        return -EFAULT;
    d = target_domain(domid, &rc);
    if ( !d )
        return rc;
    rc = op == XENMEM_current_reservation ? d->tot_pages : d->max_pages;
    put_domain(d);
    return rc;
}

long do_memory_op(uint64_t cmd, uint64_t arg)
{
    /* Bits above the op carry a continuation start: not used here. */
    unsigned int op = cmd & 0x3f;

    switch ( op ) {
    case XENMEM_populate_physmap:
    case XENMEM_decrease_reservation:
        return memory_exchange_reservation(op, arg);
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        return memory_reservation_query(op, arg);
    case XENMEM_maximum_ram_page:
        return frametable_base_mfn + frametable_nr - 1;
    case XENMEM_add_to_physmap:
        return memory_add_to_physmap(arg);
    case XENMEM_remove_from_physmap:
        return memory_remove_from_physmap(arg);
    }
    return SUBOP_UNIMPLEMENTED("memory_op", op);
}
