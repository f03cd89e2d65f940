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

/* Whether src may act on d's memory: its own, or as control or device model. */
static bool may_control(const struct domain *src, const struct domain *d)
{
    return src == d || src->is_privileged || src->target == d;
}

/* The domain an op names, if the caller may act on it. */
static struct domain *target_domain(domid_t domid, long *rc)
{
    struct domain *d = get_domain_by_any_id(domid);

    if ( !d ) {
        *rc = -ESRCH;
        return NULL;
    }
    if ( !may_control(current->domain, d) ) {
        put_domain(d);
        *rc = -EPERM;
        return NULL;
    }
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
    /* As in Xen, foreign pages are only mapped through the batch op. */
    if ( x.space == XENMAPSPACE_gmfn_foreign )
        return -ENOSYS;
    d = target_domain(x.domid, &rc);
    if ( !d )
        return rc;
    rc = add_to_physmap(d, x.space, x.idx, x.gpfn);
    put_domain(d);
    return rc;
}

/*
 * Maps another domain's RAM page at gfn in d (privcmd's foreign mappings).
 * The page keeps a reference while mapped: the p2m drops it when the entry
 * goes (remove_from_physmap, a replacing mapping, or d's teardown), so a
 * destroyed domain's pages live on until dom0 lets them go.
 */
static int map_foreign_page(struct domain *d, domid_t foreign_domid,
                            unsigned long idx, unsigned long gfn)
{
    struct domain *od;
    struct page_info *pg;
    p2m_type_t t;
    int rc;

    if ( foreign_domid == DOMID_SELF )
        return -EINVAL;
    od = get_domain_by_id(foreign_domid);
    if ( !od )
        return -ESRCH;
    if ( od == d || !may_control(d, od) ) {
        rc = od == d ? -EINVAL : -EPERM;
        goto out;
    }
    pg = get_page_from_gfn(od, _gfn(idx), &t);
    if ( !pg ) {
        rc = -EINVAL;
        goto out;
    }
    rc = p2m_insert_mapping(d, _gfn(gfn), 1, page_to_mfn(pg),
                            t == p2m_ram_rw ? p2m_map_foreign_rw
                                            : p2m_map_foreign_ro);
    if ( rc )
        put_page(pg);
 out:
    put_domain(od);
    return rc;
}

/*
 * Each entry's result goes to errs[]; the call fails only when the batch
 * itself cannot be read or answered, as in Xen.
 */
static long memory_add_to_physmap_batch(uint64_t arg)
{
    struct xen_add_to_physmap_batch b;
    struct domain *d;
    unsigned int i;
    long rc;

    if ( raw_copy_from_guest(&b, arg, sizeof(b)) )
        return -EFAULT;
    if ( b.space == XENMAPSPACE_gmfn_range )
        return -EOPNOTSUPP;
    d = target_domain(b.domid, &rc);
    if ( !d )
        return rc;
    rc = 0;
    for ( i = 0; i < b.size; i++ ) {
        xen_ulong_t idx;
        xen_pfn_t gfn;
        int err;

        if ( copy_from_guest_offset(&idx, b.idxs, i, 1) ||
             copy_from_guest_offset(&gfn, b.gpfns, i, 1) ) {
            rc = -EFAULT;
            break;
        }
        if ( b.space == XENMAPSPACE_gmfn_foreign )
            err = map_foreign_page(d, b.foreign_domid, idx, gfn);
        else
            err = add_to_physmap(d, b.space, idx, gfn);
        if ( copy_to_guest_offset(b.errs, i, &err, 1) ) {
            rc = -EFAULT;
            break;
        }
    }
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
    case XENMEM_add_to_physmap_batch:
        return memory_add_to_physmap_batch(arg);
    case XENMEM_remove_from_physmap:
        return memory_remove_from_physmap(arg);
    }
    return SUBOP_UNIMPLEMENTED("memory_op", op);
}
