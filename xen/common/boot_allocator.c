/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot allocator: hands out machine memory from the moment the RAM banks are
 * known until the heap allocator takes over in end_boot_allocator().
 *
 * It keeps two sets of page-aligned ranges, each sorted, non-overlapping and
 * with touching neighbours merged:
 *
 *   - free:     RAM that may still be allocated;
 *   - reserved: memory that must never be handed out (image, DTB, modules)
 *               plus everything already allocated here.
 *
 * The invariant is free == (all RAM added) - reserved.  Remembering the
 * reservations is what lets callers reserve before or after adding the RAM
 * around them, and lets a RAM bank be added twice without resurrecting
 * memory that was already allocated from it.
 *
 * Storage is static: there is nothing to allocate from yet.
 */

#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/string.h>

#define NR_BOOT_FREE_RANGES     128
#define NR_BOOT_RESERVED_RANGES 128

struct boot_range {
    paddr_t s, e; /* [s, e), both page aligned */
};

struct boot_range_set {
    const char *name; /* for panic messages */
    unsigned int nr, max;
    struct boot_range *r;
};

static struct boot_range free_ranges[NR_BOOT_FREE_RANGES];
static struct boot_range reserved_ranges[NR_BOOT_RESERVED_RANGES];

static struct boot_range_set boot_free = {
    .name = "free",
    .max = NR_BOOT_FREE_RANGES,
    .r = free_ranges,
};
static struct boot_range_set boot_reserved = {
    .name = "reserved",
    .max = NR_BOOT_RESERVED_RANGES,
    .r = reserved_ranges,
};

/* Set by end_boot_allocator(): later use is a bug in the boot sequence. */
static bool boot_allocator_done;

static void check_not_done(const char *fn)
{
    if ( boot_allocator_done )
        panic("%s() called after end_boot_allocator()\n", fn);
}

static void range_set_full(const struct boot_range_set *set)
{
    panic("Boot allocator: more than %u %s memory ranges; raise "
          "NR_BOOT_%s_RANGES\n",
          set->max, set->name, set == &boot_free ? "FREE" : "RESERVED");
}

/* Makes room for one range at index i (i <= set->nr). */
static void range_set_open(struct boot_range_set *set, unsigned int i)
{
    if ( set->nr == set->max )
        range_set_full(set);
    memmove(&set->r[i + 1], &set->r[i], (set->nr - i) * sizeof(set->r[0]));
    set->nr++;
}

/* Removes ranges [i, j) from the array. */
static void range_set_close(struct boot_range_set *set, unsigned int i,
                            unsigned int j)
{
    memmove(&set->r[i], &set->r[j], (set->nr - j) * sizeof(set->r[0]));
    set->nr -= j - i;
}

/* set |= [s, e), merging with every range it overlaps or touches. */
static void range_set_add(struct boot_range_set *set, paddr_t s, paddr_t e)
{
    unsigned int i = 0, j;

    if ( s >= e )
        return;

    /* Skip the ranges ending strictly before s: they cannot merge. */
    while ( i < set->nr && set->r[i].e < s )
        i++;

    /* Swallow every range starting at or before e. */
    for ( j = i; j < set->nr && set->r[j].s <= e; j++ ) {
        s = min(s, set->r[j].s);
        e = max(e, set->r[j].e);
    }

    if ( j == i )
        range_set_open(set, i);
    else
        range_set_close(set, i + 1, j);
    set->r[i].s = s;
    set->r[i].e = e;
}

/* set -= [s, e), trimming or splitting the ranges it overlaps. */
static void range_set_remove(struct boot_range_set *set, paddr_t s, paddr_t e)
{
    unsigned int i = 0;

    while ( i < set->nr && s < e ) {
        struct boot_range *r = &set->r[i];

        if ( r->e <= s ) { /* entirely below */
            i++;
            continue;
        }
        if ( r->s >= e ) /* this and all later are above */
            return;

        if ( r->s < s && r->e > e ) { /* hole in the middle: split */
            paddr_t top = r->e;

            range_set_open(set, i + 1);
            set->r[i].e = s;
            set->r[i + 1].s = e;
            set->r[i + 1].e = top;
            return;
        }
        if ( r->s < s ) { /* overlap at the top of r */
            r->e = s;
            i++;
            continue;
        }
        if ( r->e > e ) { /* overlap at the bottom of r */
            r->s = e;
            return;
        }
        range_set_close(set, i, i + 1); /* r entirely covered */
    }
}

void init_boot_pages(paddr_t ps, paddr_t pe)
{
    paddr_t cur;
    unsigned int i;

    check_not_done(__func__);

    /* Only whole pages of RAM are usable. */
    ps = ROUNDUP(ps, PAGE_SIZE);
    pe = ROUNDDOWN(pe, PAGE_SIZE);
    if ( ps >= pe )
        return;

    /* Add the parts of [ps, pe) that no reservation covers. */
    cur = ps;
    for ( i = 0; i < boot_reserved.nr && cur < pe; i++ ) {
        const struct boot_range *r = &boot_reserved.r[i];

        if ( r->e <= cur )
            continue;
        if ( r->s >= pe )
            break;
        if ( r->s > cur )
            range_set_add(&boot_free, cur, r->s);
        cur = r->e;
    }
    if ( cur < pe )
        range_set_add(&boot_free, cur, pe);
}

void boot_pages_reserve(paddr_t ps, paddr_t pe)
{
    check_not_done(__func__);

    /* Any page touched by the region is unusable. */
    ps = ROUNDDOWN(ps, PAGE_SIZE);
    pe = ROUNDUP(pe, PAGE_SIZE);
    if ( ps >= pe )
        return;

    range_set_add(&boot_reserved, ps, pe);
    range_set_remove(&boot_free, ps, pe);
}

static unsigned long largest_free_range(void)
{
    unsigned long largest = 0;
    unsigned int i;

    for ( i = 0; i < boot_free.nr; i++ )
        largest = max(largest, (unsigned long)PFN_DOWN(boot_free.r[i].e -
                                                       boot_free.r[i].s));
    return largest;
}

mfn_t alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align)
{
    paddr_t size, align;
    unsigned int i;

    check_not_done(__func__);

    if ( pfn_align == 0 )
        pfn_align = 1;
    BUG_ON(nr_pfns == 0);
    BUG_ON(pfn_align & (pfn_align - 1));

    /* Sizes that do not even fit the address space cannot be satisfied. */
    if ( nr_pfns > PFN_DOWN(~(paddr_t)0) || pfn_align > PFN_DOWN(~(paddr_t)0) )
        goto fail;
    size = (paddr_t)nr_pfns << PAGE_SHIFT;
    align = (paddr_t)pfn_align << PAGE_SHIFT;

    /*
     * Take from the top of the highest range that fits: low memory is the
     * scarcer kind (devices with address limits, 32-bit guests' needs).
     */
    for ( i = boot_free.nr; i-- > 0; ) {
        const struct boot_range *r = &boot_free.r[i];
        paddr_t start;

        if ( r->e - r->s < size )
            continue;
        start = ROUNDDOWN(r->e - size, align);
        if ( start < r->s )
            continue;

        /* Reserve it too, so that re-adding the bank cannot free it. */
        range_set_add(&boot_reserved, start, start + size);
        range_set_remove(&boot_free, start, start + size);
        return maddr_to_mfn(start);
    }

fail:
    panic("Boot allocator: out of memory allocating %lu pages aligned to %lu "
          "pages (%lu pages free, largest free range %lu pages)\n",
          nr_pfns, pfn_align, boot_pages_free(), largest_free_range());
}

void end_boot_allocator(void)
{
    unsigned long pages = boot_pages_free();
    unsigned int i;

    check_not_done(__func__);

    for ( i = 0; i < boot_free.nr; i++ )
        init_heap_range(boot_free.r[i].s, boot_free.r[i].e);

    boot_free.nr = 0;
    boot_reserved.nr = 0;
    boot_allocator_done = true;

    printk(XENLOG_INFO
           "Boot allocator: %lu pages (%lu MiB) handed to the heap\n",
           pages, pages >> (20 - PAGE_SHIFT));
}

void boot_pages_for_each(void (*fn)(paddr_t ps, paddr_t pe, void *data),
                         void *data)
{
    unsigned int i;

    for ( i = 0; i < boot_free.nr; i++ )
        fn(boot_free.r[i].s, boot_free.r[i].e, data);
}

unsigned long boot_pages_free(void)
{
    unsigned long pages = 0;
    unsigned int i;

    for ( i = 0; i < boot_free.nr; i++ )
        pages += PFN_DOWN(boot_free.r[i].e - boot_free.r[i].s);
    return pages;
}

static void dump_range(paddr_t ps, paddr_t pe, void *data)
{
    (void)data;
    printk(XENLOG_INFO " [%" PRIpaddr ", %" PRIpaddr ") %8lu KiB\n", ps, pe,
           (unsigned long)((pe - ps) >> 10));
}

void boot_pages_dump(void)
{
    printk(XENLOG_INFO "Boot allocator free memory (%lu KiB):\n",
           boot_pages_free() << (PAGE_SHIFT - 10));
    boot_pages_for_each(dump_range, NULL);
}

#ifdef XEN_HOST_TEST
void boot_allocator_reset_for_test(void)
{
    boot_free.nr = 0;
    boot_reserved.nr = 0;
    boot_allocator_done = false;
}
#endif
