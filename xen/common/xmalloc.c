/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xmalloc: small objects from per-size-class pools, large ones from whole
 * xenheap blocks.
 *
 * Size classes are the powers of two from 16 to 2048 bytes.  A pool page
 * holds PAGE_SIZE / size objects of one class, laid out from offset 0, so
 * an object is naturally aligned to its class size: an alignment request is
 * met by picking a class at least that large.  Requests above 2048 bytes get
 * a 2^order block of pages.
 *
 * The bookkeeping lives in the frame table, not in the memory handed out:
 * page_info.u.xmalloc tells xfree() whether a page is a pool page (and of
 * which class) or the start of a large block (and of which order).  So there
 * is no per-object header, 2048-byte objects pack two to a page, and xfree()
 * finds everything from the pointer alone via virt_to_page().
 *
 * Within a pool page, free objects form a singly linked list of object
 * indices threaded through the objects themselves; objects never handed
 * out yet are carved lazily past u.xmalloc.carved, so a new pool page costs
 * nothing to set up.  A free object also carries a poison word, which makes
 * a double free detectable without a walk in the common case.
 *
 * Pool pages with at least one free object sit on their class's partial
 * list; full pages are on no list; a page whose last object is freed goes
 * straight back to the heap, so the page count returns to zero when every
 * object is freed.
 *
 * One IRQ-safe spinlock protects the lists and counters.  It is never held
 * while calling into the page allocator, which has a lock of its own.
 */

#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

#define XM_MIN_SHIFT  4  /* 16-byte objects */
#define XM_MAX_SHIFT  11 /* 2048-byte objects */
#define XM_NR_CLASSES (XM_MAX_SHIFT - XM_MIN_SHIFT + 1)
#define XM_MAX_SMALL  (1UL << XM_MAX_SHIFT)

/* page_info.u.xmalloc.kind; 0 (any page fresh from the heap) is neither. */
#define XM_KIND_POOL  0x9b
#define XM_KIND_LARGE 0xb9

#define XM_NONE   0xffff /* end of a free list */
#define XM_POISON 0xf4eedf4eedf4eed0ULL

/* What a free object holds; smaller than the smallest class. */
struct xm_free {
    uint16_t next; /* index of the next free object, or XM_NONE */
    uint16_t pad[3];
    uint64_t poison; /* XM_POISON while free */
};

BUILD_BUG_ON(sizeof(struct xm_free) > (1U << XM_MIN_SHIFT));
BUILD_BUG_ON((PAGE_SIZE >> XM_MIN_SHIFT) >= XM_NONE);
BUILD_BUG_ON(XM_MAX_SMALL >= PAGE_SIZE);

struct xm_class {
    struct list_head partial; /* pool pages with a free object */
    unsigned long pages;      /* pool pages held */
    unsigned long objects;    /* objects handed out */
};

#define XM_CLASS_INIT(i) \
    [i] = { .partial = LIST_HEAD_INIT(xm_classes[i].partial) }

static struct xm_class xm_classes[XM_NR_CLASSES] = {
    XM_CLASS_INIT(0), XM_CLASS_INIT(1), XM_CLASS_INIT(2), XM_CLASS_INIT(3),
    XM_CLASS_INIT(4), XM_CLASS_INIT(5), XM_CLASS_INIT(6), XM_CLASS_INIT(7),
};
BUILD_BUG_ON(XM_NR_CLASSES != 8);

static DEFINE_SPINLOCK(xm_lock);
static unsigned long xm_large_pages;  /* pages of large allocations */
static unsigned long xm_large_allocs; /* live large allocations */

static inline unsigned int class_size(unsigned int idx)
{
    return 1U << (idx + XM_MIN_SHIFT);
}

static inline unsigned int class_objects(unsigned int idx)
{
    return PAGE_SIZE >> (idx + XM_MIN_SHIFT);
}

/* The smallest class holding need bytes (need <= XM_MAX_SMALL). */
static unsigned int size_to_class(size_t need)
{
    unsigned int shift;

    if ( need <= (1U << XM_MIN_SHIFT) )
        return 0;
    shift = 8 * sizeof(long) - __builtin_clzl(need - 1);
    return shift - XM_MIN_SHIFT;
}

static struct xm_free *pool_object(struct page_info *pg, unsigned int idx,
                                   unsigned int i)
{
    return (struct xm_free *)((char *)page_to_virt(pg) + i * class_size(idx));
}

static struct page_info *pool_page_new(unsigned int idx)
{
    void *v = alloc_xenheap_page();
    struct page_info *pg;

    if ( !v )
        return NULL;

    pg = virt_to_page(v);
    pg->u.xmalloc.kind = XM_KIND_POOL;
    pg->u.xmalloc.index = idx;
    pg->u.xmalloc.inuse = 0;
    pg->u.xmalloc.free = XM_NONE;
    pg->u.xmalloc.carved = 0;
    return pg;
}

/* Takes one object from a pool page known to have one.  Lock held. */
static void *pool_take(struct page_info *pg, unsigned int idx)
{
    struct xm_free *o;

    if ( pg->u.xmalloc.free != XM_NONE ) {
        o = pool_object(pg, idx, pg->u.xmalloc.free);
        ASSERT(o->poison == XM_POISON);
        pg->u.xmalloc.free = o->next;
        /* A stale poison would send xfree() on a free-list walk. */
        o->poison = 0;
    } else {
        ASSERT(pg->u.xmalloc.carved < class_objects(idx));
        o = pool_object(pg, idx, pg->u.xmalloc.carved++);
    }
    pg->u.xmalloc.inuse++;
    return o;
}

static void *pool_alloc(unsigned int idx)
{
    struct xm_class *c = &xm_classes[idx];
    struct page_info *pg;
    unsigned long flags;
    void *p;

    spin_lock_irqsave(&xm_lock, flags);

    if ( list_empty(&c->partial) ) {
        spin_unlock_irqrestore(&xm_lock, flags);
        pg = pool_page_new(idx);
        if ( !pg )
            return NULL;
        /* Another CPU may have added a page meanwhile; both are usable. */
        spin_lock_irqsave(&xm_lock, flags);
        list_add(&pg->list, &c->partial);
        c->pages++;
    }

    pg = list_first_entry(&c->partial, struct page_info, list);
    p = pool_take(pg, idx);
    if ( pg->u.xmalloc.inuse == class_objects(idx) )
        list_del(&pg->list);
    c->objects++;

    spin_unlock_irqrestore(&xm_lock, flags);
    return p;
}

/* Is object i on its page's free list?  Bounded, in case it is corrupt. */
static bool pool_object_is_free(struct page_info *pg, unsigned int idx,
                                unsigned int i)
{
    unsigned int j = pg->u.xmalloc.free, steps;

    for ( steps = 0; j != XM_NONE && steps < class_objects(idx); steps++ ) {
        if ( j == i )
            return true;
        j = pool_object(pg, idx, j)->next;
    }
    return false;
}

/*
 * Returns an object to its pool page.  Lock held.  Returns why p cannot be
 * freed, or NULL; sets *release to a now empty page for the caller to give
 * back once the lock is dropped.
 */
static const char *pool_free(struct page_info *pg, void *p, void **release)
{
    unsigned int idx = pg->u.xmalloc.index, nr, i;
    unsigned long off;
    struct xm_free *o = p;
    struct xm_class *c;
    bool was_full;

    if ( idx >= XM_NR_CLASSES )
        return "corrupt pool page";

    c = &xm_classes[idx];
    nr = class_objects(idx);
    off = (unsigned long)((char *)p - (char *)page_to_virt(pg));
    if ( off & (class_size(idx) - 1) )
        return "not the start of an object";
    i = off >> (idx + XM_MIN_SHIFT);
    if ( i >= pg->u.xmalloc.carved )
        return "object never allocated";
    if ( o->poison == XM_POISON && pool_object_is_free(pg, idx, i) )
        return "double free";

    was_full = pg->u.xmalloc.inuse == nr;
    o->next = pg->u.xmalloc.free;
    o->poison = XM_POISON;
    pg->u.xmalloc.free = i;
    pg->u.xmalloc.inuse--;
    c->objects--;

    if ( pg->u.xmalloc.inuse == 0 ) {
        if ( !was_full )
            list_del(&pg->list);
        c->pages--;
        pg->u.raw = 0;
        *release = page_to_virt(pg);
    } else if ( was_full ) {
        list_add(&pg->list, &c->partial);
    }
    return NULL;
}

static void *large_alloc(size_t need)
{
    unsigned int order;
    unsigned long flags;
    struct page_info *pg;
    void *p;

    /* Checked first: PFN_UP() in get_order_from_bytes() could wrap. */
    if ( need > (PAGE_SIZE << MAX_ORDER) )
        return NULL;
    order = get_order_from_bytes(need);

    p = alloc_xenheap_pages(order, 0);
    if ( !p )
        return NULL;

    pg = virt_to_page(p);
    pg->u.xmalloc.kind = XM_KIND_LARGE;
    pg->u.xmalloc.index = order;

    spin_lock_irqsave(&xm_lock, flags);
    xm_large_pages += 1UL << order;
    xm_large_allocs++;
    spin_unlock_irqrestore(&xm_lock, flags);

    return p;
}

/* Lock held.  As pool_free(), with the block's order in *order. */
static const char *large_free(struct page_info *pg, void *p, void **release,
                              unsigned int *order)
{
    if ( (unsigned long)p & (PAGE_SIZE - 1) )
        return "not the start of an allocation";

    *order = pg->u.xmalloc.index;
    xm_large_pages -= 1UL << *order;
    xm_large_allocs--;
    pg->u.raw = 0;
    *release = p;
    return NULL;
}

void *_xmalloc(size_t size, size_t align)
{
    size_t need;
    void *p;

    if ( align == 0 )
        align = 1;
    if ( align & (align - 1) ) {
        ASSERT(!"xmalloc alignment not a power of two");
        return NULL;
    }

    need = max(size, align);
    if ( need <= XM_MAX_SMALL )
        p = pool_alloc(size_to_class(need));
    else
        p = large_alloc(need);

    /* Past PAGE_SIZE this relies on the 1:1 map preserving alignment. */
    ASSERT(!p || IS_ALIGNED((unsigned long)p, align));
    return p;
}

void *_xzalloc(size_t size, size_t align)
{
    void *p = _xmalloc(size, align);

    if ( p )
        memset(p, 0, size);
    return p;
}

void xfree(void *p)
{
    struct page_info *pg;
    unsigned int order = 0;
    void *release = NULL;
    const char *err;
    unsigned long flags;
    mfn_t mfn;

    if ( !p )
        return;

    mfn = virt_to_mfn(p);
    if ( !mfn_valid(mfn) )
        panic("xfree(%p): not heap memory\n", p);
    pg = mfn_to_page(mfn);

    spin_lock_irqsave(&xm_lock, flags);

    if ( !page_state_is(pg, PGC_state_inuse) ||
         !(pg->count_info & PGC_xen_heap) )
        err = "page not allocated (double free?)";
    else if ( pg->u.xmalloc.kind == XM_KIND_POOL )
        err = pool_free(pg, p, &release);
    else if ( pg->u.xmalloc.kind == XM_KIND_LARGE )
        err = large_free(pg, p, &release, &order);
    else
        err = "not allocated by xmalloc";

    spin_unlock_irqrestore(&xm_lock, flags);

    if ( err )
        panic("xfree(%p): %s\n", p, err);
    if ( release )
        free_xenheap_pages(release, order);
}

void xmalloc_get_stats(struct xmalloc_stats *st)
{
    unsigned long flags;
    unsigned int i;

    spin_lock_irqsave(&xm_lock, flags);

    st->bytes_inuse = xm_large_pages << PAGE_SHIFT;
    st->allocations = xm_large_allocs;
    st->large_pages = xm_large_pages;
    st->pool_pages = 0;
    for ( i = 0; i < XM_NR_CLASSES; i++ ) {
        st->bytes_inuse += xm_classes[i].objects * class_size(i);
        st->allocations += xm_classes[i].objects;
        st->pool_pages += xm_classes[i].pages;
    }
    st->pages = st->pool_pages + st->large_pages;

    spin_unlock_irqrestore(&xm_lock, flags);
}

void xmalloc_dump(void)
{
    struct xmalloc_stats st;
    unsigned int i;

    xmalloc_get_stats(&st);
    printk(XENLOG_INFO "xmalloc: %lu bytes in %lu allocations, %lu pages "
                       "(%lu pool, %lu large)\n",
           st.bytes_inuse, st.allocations, st.pages, st.pool_pages,
           st.large_pages);
    for ( i = 0; i < XM_NR_CLASSES; i++ )
        if ( READ_ONCE(xm_classes[i].pages) )
            printk(XENLOG_INFO "  %4u bytes: %lu objects in %lu pages\n",
                   class_size(i), READ_ONCE(xm_classes[i].objects),
                   READ_ONCE(xm_classes[i].pages));
}

#ifdef XEN_HOST_TEST
void xmalloc_reset_for_test(void)
{
    unsigned int i;

    for ( i = 0; i < XM_NR_CLASSES; i++ ) {
        INIT_LIST_HEAD(&xm_classes[i].partial);
        xm_classes[i].pages = 0;
        xm_classes[i].objects = 0;
    }
    xm_large_pages = 0;
    xm_large_allocs = 0;
    spin_lock_init(&xm_lock);
}
#endif
