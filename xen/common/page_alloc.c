/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frame table and buddy heap allocator.
 *
 * Every frame in [ram_start, ram_end) has a struct page_info in the frame
 * table.  Heap memory is kept as free blocks of 2^order frames, naturally
 * aligned in machine frame numbers, on one free list per order.  A block's
 * buddy is the other half of the block of the next order up (frame number
 * XOR 2^order); freeing merges with the buddy as long as it is free and of
 * the same order, allocating splits larger blocks down.  With merging done
 * eagerly, a fully free region always ends up as its unique decomposition
 * into maximal aligned blocks.
 *
 * Page states (count_info & PGC_state_mask):
 *   reserved  never given to the heap (holes, image, frame table, ...);
 *   free      part of a free block; the block's first page carries the
 *             order and sits on a free list, the others have
 *             PAGE_ORDER_NONE so they can never be mistaken for a buddy;
 *   inuse     allocated.
 *
 * Every page of a block is checked and updated on allocation and on free:
 * that costs a pass over the frame table entries, but it is what catches a
 * double free or a free of memory the heap never handed out, wherever in a
 * block it lands.  Misuse panics with a message naming the frame.
 *
 * One IRQ-safe spinlock protects the free lists, the counters and the state
 * of free pages.
 */

#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>

struct page_info *frame_table;
unsigned long frametable_base_mfn;
unsigned long frametable_nr;

static DEFINE_SPINLOCK(heap_lock);
static struct list_head heap_free[MAX_ORDER + 1];
static unsigned long heap_free_blocks[MAX_ORDER + 1];
static unsigned long heap_total; /* frames ever given to the heap */
static unsigned long heap_avail; /* frames free now */

/* The count_info layout puts flags in bit 63. */
BUILD_BUG_ON(sizeof(unsigned long) != 8);

static const char *page_state_name(const struct page_info *pg)
{
    switch ( pg->count_info & PGC_state_mask ) {
    case PGC_state_reserved: return "reserved";
    case PGC_state_inuse: return "in use";
    case PGC_state_free: return "free";
    default: return "corrupt";
    }
}

/* Reports misuse of frame pg by fn; the heap lock must not be held. */
static void __noreturn bad_page(const char *fn, const struct page_info *pg,
                                const char *what)
{
    panic("%s: mfn %" PRI_mfn " (%s, count_info %#lx): %s\n", fn,
          mfn_x(page_to_mfn(pg)), page_state_name(pg), pg->count_info, what);
}

static void __noreturn bad_range(const char *fn, mfn_t mfn, unsigned long nr)
{
    panic("%s: frames %" PRI_mfn "+%lu are not covered by the frame table "
          "(%" PRI_mfn "+%lu)\n",
          fn, mfn_x(mfn), nr, frametable_base_mfn, frametable_nr);
}

void init_frametable(paddr_t ram_start, paddr_t ram_end)
{
    unsigned long s = PFN_DOWN(ram_start), e = PFN_UP(ram_end);
    unsigned long nr, pages;
    unsigned int i;
    mfn_t mfn;

    if ( frame_table )
        panic("init_frametable() called twice\n");
    if ( s >= e )
        panic("init_frametable: no RAM in [%" PRIpaddr ", %" PRIpaddr ")\n",
              ram_start, ram_end);

    nr = e - s;
    pages = PFN_UP(nr * sizeof(struct page_info));
    mfn = alloc_boot_pages(pages, 1);

    /* All zero: every frame starts out reserved, with no owner. */
    frame_table = mfn_to_virt(mfn);
    memset(frame_table, 0, pages << PAGE_SHIFT);
    frametable_base_mfn = s;
    frametable_nr = nr;

    for ( i = 0; i <= MAX_ORDER; i++ )
        INIT_LIST_HEAD(&heap_free[i]);

    printk(XENLOG_INFO "Frame table: %lu frames from mfn %" PRI_mfn ", "
                       "%lu KiB at %" PRIpaddr "\n",
           nr, s, pages << (PAGE_SHIFT - 10), mfn_to_maddr(mfn));
}

/*
 * Puts the free block [pg, pg + 2^order), whose pages are already marked
 * free with PAGE_ORDER_NONE, on the free lists, merging it with its buddies
 * for as long as they are free blocks of the same order.
 */
static void heap_insert(struct page_info *pg, unsigned int order)
{
    unsigned long mfn = mfn_x(page_to_mfn(pg));

    while ( order < MAX_ORDER ) {
        mfn_t buddy_mfn = _mfn(mfn ^ (1UL << order));
        struct page_info *buddy;

        if ( !mfn_valid(buddy_mfn) )
            break;
        buddy = mfn_to_page(buddy_mfn);
        if ( !page_state_is(buddy, PGC_state_free) ||
             buddy->u.free_order != order )
            break;

        list_del(&buddy->list);
        heap_free_blocks[order]--;
        buddy->u.free_order = PAGE_ORDER_NONE;
        if ( mfn_x(buddy_mfn) < mfn ) {
            pg = buddy;
            mfn = mfn_x(buddy_mfn);
        }
        order++;
    }

    pg->u.free_order = order;
    list_add(&pg->list, &heap_free[order]);
    heap_free_blocks[order]++;
}

static void mark_pages_free(struct page_info *pg, unsigned long nr)
{
    unsigned long i;

    for ( i = 0; i < nr; i++ ) {
        pg[i].count_info = PGC_state_free;
        pg[i].owner = NULL;
        pg[i].u.raw = 0;
        pg[i].u.free_order = PAGE_ORDER_NONE;
    }
}

/* Returns the first page of [pg, pg + nr) not in the given state, or NULL. */
static struct page_info *find_page_not_in(struct page_info *pg,
                                          unsigned long nr, unsigned long state)
{
    unsigned long i;

    for ( i = 0; i < nr; i++ )
        if ( !page_state_is(&pg[i], state) )
            return &pg[i];
    return NULL;
}

static bool range_in_frametable(mfn_t mfn, unsigned long nr)
{
    return nr <= frametable_nr && mfn_valid(mfn) &&
           mfn_valid(mfn_add(mfn, nr - 1));
}

void init_heap_pages(struct page_info *pg, unsigned long nr)
{
    unsigned long flags, mfn;
    struct page_info *bad;

    if ( nr == 0 )
        return;
    if ( !range_in_frametable(page_to_mfn(pg), nr) )
        bad_range(__func__, page_to_mfn(pg), nr);

    /*
     * With the 1:1 map, frame 0 would be returned as the NULL pointer by
     * alloc_xenheap_pages(), indistinguishable from failure: keep it out.
     */
    if ( page_to_virt(pg) == NULL ) {
        pg++;
        if ( --nr == 0 )
            return;
    }

    spin_lock_irqsave(&heap_lock, flags);

    bad = find_page_not_in(pg, nr, PGC_state_reserved);
    if ( bad ) {
        spin_unlock_irqrestore(&heap_lock, flags);
        bad_page(__func__, bad, "already heap memory");
    }

    mark_pages_free(pg, nr);
    heap_total += nr;
    heap_avail += nr;

    /* Cut the range into the largest naturally aligned blocks that fit. */
    mfn = mfn_x(page_to_mfn(pg));
    while ( nr ) {
        unsigned int order = mfn ? __builtin_ctzl(mfn) : MAX_ORDER;

        order = min(order, (unsigned int)MAX_ORDER);
        while ( (1UL << order) > nr )
            order--;

        heap_insert(pg, order);
        pg += 1UL << order;
        mfn += 1UL << order;
        nr -= 1UL << order;
    }

    spin_unlock_irqrestore(&heap_lock, flags);
}

void init_heap_range(paddr_t ps, paddr_t pe)
{
    mfn_t mfn;
    unsigned long nr;

    ps = ROUNDUP(ps, PAGE_SIZE);
    pe = ROUNDDOWN(pe, PAGE_SIZE);
    if ( ps >= pe )
        return;

    mfn = maddr_to_mfn(ps);
    nr = PFN_DOWN(pe - ps);
    if ( !range_in_frametable(mfn, nr) )
        panic("init_heap_range: [%" PRIpaddr ", %" PRIpaddr ") is outside "
              "the frame table; it must cover all RAM\n",
              ps, pe);

    init_heap_pages(mfn_to_page(mfn), nr);
}

struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg;
    unsigned long flags, i;
    unsigned int j;

    /* No frame table yet means no heap (and no initialised free lists). */
    if ( order > MAX_ORDER || !frame_table )
        return NULL;

    spin_lock_irqsave(&heap_lock, flags);

    /* The smallest free block that is large enough... */
    for ( j = order; j <= MAX_ORDER; j++ )
        if ( !list_empty(&heap_free[j]) )
            break;
    if ( j > MAX_ORDER ) {
        spin_unlock_irqrestore(&heap_lock, flags);
        return NULL;
    }

    pg = list_first_entry(&heap_free[j], struct page_info, list);
    list_del(&pg->list);
    heap_free_blocks[j]--;
    ASSERT(pg->u.free_order == j);

    /* ...split down, keeping the lower half and freeing the upper ones. */
    while ( j > order ) {
        struct page_info *upper;

        j--;
        upper = pg + (1UL << j);
        upper->u.free_order = j;
        list_add(&upper->list, &heap_free[j]);
        heap_free_blocks[j]++;
    }

    /*
     * Marking the pages in use must happen under the lock: a concurrent free
     * of the buddy looks at our first page's state.
     */
    for ( i = 0; i < (1UL << order); i++ ) {
        ASSERT(page_state_is(&pg[i], PGC_state_free));
        pg[i].count_info = PGC_state_inuse;
        pg[i].owner = NULL;
        pg[i].u.raw = 0;
    }
    heap_avail -= 1UL << order;

    spin_unlock_irqrestore(&heap_lock, flags);

    if ( memflags & MEMF_zero )
        memset(page_to_virt(pg), 0, PAGE_SIZE << order);

    return pg;
}

/*
 * Checks that [pg, pg + 2^order) lies in the frame table and is aligned to
 * its order; anything else means the caller passed the wrong page or order.
 */
static void check_block(const char *fn, struct page_info *pg,
                        unsigned int order)
{
    mfn_t mfn = page_to_mfn(pg);

    if ( order > MAX_ORDER )
        panic("%s: order %u > MAX_ORDER\n", fn, order);
    if ( !range_in_frametable(mfn, 1UL << order) )
        bad_range(fn, mfn, 1UL << order);
    if ( mfn_x(mfn) & ((1UL << order) - 1) )
        bad_page(fn, pg, "block not aligned to its order");
}

void free_heap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long flags, i, nr = 1UL << order;

    check_block(__func__, pg, order);

    spin_lock_irqsave(&heap_lock, flags);

    for ( i = 0; i < nr; i++ ) {
        const char *what = NULL;

        if ( page_state_is(&pg[i], PGC_state_free) )
            what = "double free";
        else if ( !page_state_is(&pg[i], PGC_state_inuse) )
            what = "not allocated from the heap";
        else if ( pg[i].count_info & (PGC_allocated | PGC_xen_heap) )
            what = "still marked allocated/xenheap";
        else if ( pg[i].count_info & PGC_count_mask )
            what = "freed while still referenced";
        if ( what ) {
            spin_unlock_irqrestore(&heap_lock, flags);
            bad_page(__func__, &pg[i], what);
        }
    }

    mark_pages_free(pg, nr);
    heap_avail += nr;
    heap_insert(pg, order);

    spin_unlock_irqrestore(&heap_lock, flags);
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(order, memflags);
    unsigned long i;

    if ( !pg )
        return NULL;

    for ( i = 0; i < (1UL << order); i++ )
        pg[i].count_info |= PGC_xen_heap;

    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    struct page_info *pg;
    unsigned long i;
    mfn_t mfn;

    if ( !v )
        return;

    mfn = virt_to_mfn(v);
    if ( !mfn_valid(mfn) )
        bad_range(__func__, mfn, 1UL << order);
    pg = mfn_to_page(mfn);
    check_block(__func__, pg, order);

    /* Check every page before changing any, so a panic names the culprit. */
    for ( i = 0; i < (1UL << order); i++ ) {
        if ( !page_state_is(&pg[i], PGC_state_inuse) )
            bad_page(__func__, &pg[i], "not allocated (double free?)");
        if ( !(pg[i].count_info & PGC_xen_heap) )
            bad_page(__func__, &pg[i], "not a xenheap page");
    }

    for ( i = 0; i < (1UL << order); i++ )
        pg[i].count_info &= ~PGC_xen_heap;

    free_heap_pages(pg, order);
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(order, memflags);
    unsigned long i;

    if ( !pg || !d )
        return pg;

    /*
     * Ownership only.  The caller adds the pages to the domain's page list
     * and tot_pages under the domain's own lock, and undoes it on failure.
     */
    for ( i = 0; i < (1UL << order); i++ ) {
        pg[i].owner = d;
        pg[i].count_info |= PGC_allocated | 1;
    }

    return pg;
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i;

    if ( !pg )
        return;

    check_block(__func__, pg, order);

    for ( i = 0; i < (1UL << order); i++ ) {
        if ( !page_state_is(&pg[i], PGC_state_inuse) )
            bad_page(__func__, &pg[i], "not allocated (double free?)");
        if ( pg[i].count_info & PGC_xen_heap )
            bad_page(__func__, &pg[i], "xenheap page freed as domheap");
        if ( (pg[i].count_info & PGC_count_mask) !=
             ((pg[i].count_info & PGC_allocated) ? 1 : 0) )
            bad_page(__func__, &pg[i], "freed while still referenced");
    }

    for ( i = 0; i < (1UL << order); i++ ) {
        /* Drop the allocation reference, if it is still held. */
        pg[i].count_info &= ~(PGC_allocated | PGC_count_mask);
        pg[i].owner = NULL;
    }

    free_heap_pages(pg, order);
}

unsigned long total_heap_pages(void)
{
    return READ_ONCE(heap_total);
}

unsigned long avail_heap_pages(void)
{
    return READ_ONCE(heap_avail);
}

unsigned long avail_heap_blocks(unsigned int order)
{
    return order <= MAX_ORDER ? READ_ONCE(heap_free_blocks[order]) : 0;
}

void heap_dump(void)
{
    unsigned int i;

    printk(XENLOG_INFO "Heap: %lu of %lu pages free (%lu of %lu MiB)\n",
           avail_heap_pages(), total_heap_pages(),
           avail_heap_pages() >> (20 - PAGE_SHIFT),
           total_heap_pages() >> (20 - PAGE_SHIFT));
    for ( i = 0; i <= MAX_ORDER; i++ )
        if ( avail_heap_blocks(i) )
            printk(XENLOG_INFO "  order %2u: %lu free blocks\n", i,
                   avail_heap_blocks(i));
}

#ifdef XEN_HOST_TEST
void heap_reset_for_test(void)
{
    unsigned int i;

    frame_table = NULL;
    frametable_base_mfn = 0;
    frametable_nr = 0;
    heap_total = heap_avail = 0;
    for ( i = 0; i <= MAX_ORDER; i++ ) {
        INIT_LIST_HEAD(&heap_free[i]);
        heap_free_blocks[i] = 0;
    }
    spin_lock_init(&heap_lock);
}
#endif
