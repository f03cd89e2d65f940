/* xen-sources: common/boot_allocator.c common/page_alloc.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Frame table and buddy heap: conversions, every order, split and merge back
 * to the canonical free lists, unaligned initial ranges, exhaustion, a long
 * pseudo-random alloc/free mix checked for overlaps, xenheap/domheap flags,
 * and the panics on double free and other misuse.
 *
 * "RAM" is a block of host address space (machine address == host address,
 * see the host asm/mm.h), mapped without reserve: only the frame table and
 * the pages a test writes are ever backed.  Up to 2 GiB aligned to 1 GiB, so
 * that a MAX_ORDER (1 GiB) block exists next to the frame table.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "harness.h"
#include <xen/atomic.h>
#include <xen/mm.h>

#define PG       ((paddr_t)PAGE_SIZE)
#define MiB      ((paddr_t)1 << 20)
#define GiB      ((paddr_t)1 << 30)
#define HOST_RAM (2 * GiB)

static paddr_t ram; /* base of the host "RAM" */
static unsigned long base_blocks[MAX_ORDER + 1];
static unsigned long base_avail;

static void map_host_ram(void)
{
    char *p;

    if ( ram )
        return;
    p = mmap(NULL, HOST_RAM + GiB, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if ( p == MAP_FAILED ) {
        perror("mmap");
        exit(2);
    }
    ram = ROUNDUP((paddr_t)(uintptr_t)p, GiB);
}

static void snapshot(void)
{
    unsigned int i;

    for ( i = 0; i <= MAX_ORDER; i++ )
        base_blocks[i] = avail_heap_blocks(i);
    base_avail = avail_heap_pages();
}

/* Fresh allocator state with [ram, ram + size) as the only RAM bank. */
static void setup(paddr_t size)
{
    map_host_ram();
    boot_allocator_reset_for_test();
    heap_reset_for_test();
    init_boot_pages(ram, ram + size);
    init_frametable(ram, ram + size);
    end_boot_allocator();
    snapshot();
}

/* The free lists are back to what snapshot() saw. */
static void check_restored(int line)
{
    unsigned int i;
    bool ok = avail_heap_pages() == base_avail;

    for ( i = 0; i <= MAX_ORDER; i++ )
        if ( avail_heap_blocks(i) != base_blocks[i] )
            ok = false;
    if ( ok )
        return;
    fprintf(stderr, "  line %d: heap not restored: avail %lu, expected %lu\n",
            line, avail_heap_pages(), base_avail);
    for ( i = 0; i <= MAX_ORDER; i++ )
        if ( avail_heap_blocks(i) != base_blocks[i] )
            fprintf(stderr, "    order %u: %lu blocks, expected %lu\n", i,
                    avail_heap_blocks(i), base_blocks[i]);
    harness_failures++;
}

#define CHECK_RESTORED() check_restored(__LINE__)

static bool block_state_is(struct page_info *pg, unsigned int order,
                           unsigned long state)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ )
        if ( !page_state_is(&pg[i], state) )
            return false;
    return true;
}

/* Deterministic pseudo-random numbers (64-bit LCG, high bits). */
static unsigned long rng_state;

static unsigned long rnd(unsigned long n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (rng_state >> 33) % n;
}

/* ---- frame table ---- */

TEST(frametable_conversions)
{
    mfn_t first, last;
    struct page_info *pg;
    char *va;

    setup(64 * MiB);
    first = maddr_to_mfn(ram);
    last = maddr_to_mfn(ram + 64 * MiB - 1);

    CHECK_EQ(frametable_nr, 64 * MiB / PG);
    CHECK(mfn_valid(first));
    CHECK(mfn_valid(last));
    CHECK(!mfn_valid(mfn_add(first, -1UL)));
    CHECK(!mfn_valid(mfn_add(last, 1)));
    CHECK(!mfn_valid(INVALID_MFN));

    pg = mfn_to_page(mfn_add(first, 1234));
    CHECK_EQ(pg - frame_table, 1234);
    CHECK(mfn_eq(page_to_mfn(pg), mfn_add(first, 1234)));
    CHECK_EQ(page_to_maddr(pg), ram + 1234 * PG);
    va = page_to_virt(pg);
    CHECK_EQ((uintptr_t)va, ram + 1234 * PG);
    CHECK(virt_to_page(va) == pg);
    CHECK(virt_to_page(va + PG - 1) == pg);
    CHECK(virt_to_page(va + PG) == pg + 1);
    CHECK(mfn_eq(virt_to_mfn(va), page_to_mfn(pg)));
    CHECK(mfn_to_virt(page_to_mfn(pg)) == va);

    /* The frame table's own frames are not heap memory. */
    CHECK(page_state_is(virt_to_page(frame_table), PGC_state_reserved));
    CHECK_EQ(total_heap_pages(),
             frametable_nr - PFN_UP(frametable_nr * sizeof(struct page_info)));
    CHECK_EQ(avail_heap_pages(), total_heap_pages());
}

TEST(frame_helpers)
{
    CHECK_EQ(PFN_DOWN(PG * 3 + 1), 3);
    CHECK_EQ(PFN_UP(PG * 3 + 1), 4);
    CHECK_EQ(PFN_UP(PG * 3), 3);
    CHECK_EQ(mfn_to_maddr(_mfn(5)), 5 * PG);
    CHECK_EQ(mfn_x(maddr_to_mfn(5 * PG + 7)), 5);
    CHECK_EQ(gfn_x(gfn_add(_gfn(7), 3)), 10);
    CHECK(gfn_eq(INVALID_GFN, _gfn(~0UL)));
    CHECK(!mfn_eq(INVALID_MFN, _mfn(0)));
    CHECK_EQ(gfn_to_gaddr(gaddr_to_gfn(9 * PG + 5)), 9 * PG);
    CHECK_EQ(get_order_from_pages(0), 0);
    CHECK_EQ(get_order_from_pages(1), 0);
    CHECK_EQ(get_order_from_pages(2), 1);
    CHECK_EQ(get_order_from_pages(3), 2);
    CHECK_EQ(get_order_from_pages(1UL << 18), 18);
    CHECK_EQ(get_order_from_pages((1UL << 18) + 1), 19);
    CHECK_EQ(get_order_from_bytes(1), 0);
    CHECK_EQ(get_order_from_bytes(PG), 0);
    CHECK_EQ(get_order_from_bytes(PG + 1), 1);
}

TEST(no_heap_before_frametable)
{
    boot_allocator_reset_for_test();
    heap_reset_for_test();
    CHECK(alloc_heap_pages(0, 0) == NULL);
    CHECK(alloc_xenheap_page() == NULL);
    CHECK_EQ(total_heap_pages(), 0);
}

/* ---- initial ranges ---- */

static unsigned long expect_blocks[MAX_ORDER + 1];

/* Adds the maximal aligned blocks covering [ps, pe) to expect_blocks. */
static void decompose(paddr_t ps, paddr_t pe, void *data)
{
    unsigned long mfn = mfn_x(maddr_to_mfn(ps)), end = mfn_x(maddr_to_mfn(pe));

    (void)data;
    while ( mfn < end ) {
        unsigned int order = MAX_ORDER;

        while ( (mfn & ((1UL << order) - 1)) || mfn + (1UL << order) > end )
            order--;
        expect_blocks[order]++;
        mfn += 1UL << order;
    }
}

static void check_expected_blocks(int line)
{
    unsigned int i;

    for ( i = 0; i <= MAX_ORDER; i++ )
        if ( avail_heap_blocks(i) != expect_blocks[i] ) {
            fprintf(stderr,
                    "  line %d: order %u: %lu free blocks, expected "
                    "%lu\n",
                    line, i, avail_heap_blocks(i), expect_blocks[i]);
            harness_failures++;
        }
}

TEST(unaligned_init_ranges)
{
    unsigned long free;

    map_host_ram();
    boot_allocator_reset_for_test();
    heap_reset_for_test();
    init_boot_pages(ram + 3 * PG + 100, ram + 5 * MiB - 7);
    init_boot_pages(ram + 5 * MiB + 2 * PG, ram + 17 * MiB + 3 * PG);
    init_boot_pages(ram + 20 * MiB + 5 * PG, ram + 32 * MiB - 9 * PG);
    boot_pages_reserve(ram + 2 * MiB + 77, ram + 2 * MiB + 5 * PG);
    boot_pages_reserve(ram + 9 * MiB - PG, ram + 11 * MiB + 3);
    init_frametable(ram, ram + 32 * MiB);

    memset(expect_blocks, 0, sizeof(expect_blocks));
    boot_pages_for_each(decompose, NULL);
    free = boot_pages_free();
    end_boot_allocator();

    CHECK_EQ(total_heap_pages(), free);
    CHECK_EQ(avail_heap_pages(), free);
    check_expected_blocks(__LINE__);

    /*
     * Freeing a reserved region later (a boot module once dom0 is built)
     * merges it with its neighbours: the free lists become the
     * decomposition of the union.
     */
    init_heap_range(ram + 9 * MiB - PG, ram + 11 * MiB + PG);
    memset(expect_blocks, 0, sizeof(expect_blocks));
    decompose(ram + 5 * MiB + 2 * PG, ram + 17 * MiB + 3 * PG, NULL);
    decompose(ram + 4 * PG, ram + 2 * MiB, NULL);
    decompose(ram + 2 * MiB + 5 * PG, ram + 5 * MiB - PG, NULL);
    CHECK_EQ(total_heap_pages(), free + 2 * MiB / PG + 2);
    {
        /* Everything but the frame table (at the top of the last bank). */
        struct page_info *ft = virt_to_page(frame_table);
        unsigned long ft_pages =
            PFN_UP(frametable_nr * sizeof(struct page_info));

        decompose(ram + 20 * MiB + 5 * PG, page_to_maddr(ft), NULL);
        CHECK_EQ(page_to_maddr(ft) + ft_pages * PG, ram + 32 * MiB - 9 * PG);
    }
    check_expected_blocks(__LINE__);

    /* Freeing it twice is caught. */
    harness_quiet_panic = 1;
    init_heap_range(ram + 10 * MiB, ram + 10 * MiB + PG);
    CHECK(!"init_heap_range() returned instead of panicking");
}

/* ---- orders, split and merge ---- */

TEST(every_order)
{
    struct page_info *held[MAX_ORDER];
    unsigned int order;

    setup(HOST_RAM);

    for ( order = 0; order <= MAX_ORDER; order++ ) {
        struct page_info *pg = alloc_heap_pages(order, 0);

        CHECK(pg != NULL);
        if ( !pg )
            continue;
        CHECK_EQ(mfn_x(page_to_mfn(pg)) & ((1UL << order) - 1), 0);
        CHECK(block_state_is(pg, order, PGC_state_inuse));
        CHECK_EQ(avail_heap_pages(), base_avail - (1UL << order));
        free_heap_pages(pg, order);
        CHECK(block_state_is(pg, order, PGC_state_free));
        CHECK_RESTORED();
    }
    CHECK(alloc_heap_pages(MAX_ORDER + 1, 0) == NULL);
    CHECK(alloc_heap_pages(~0U, 0) == NULL);

    /* One block of each order below MAX_ORDER held at once: disjoint. */
    for ( order = 0; order < MAX_ORDER; order++ ) {
        held[order] = alloc_heap_pages(order, 0);
        CHECK(held[order] != NULL);
    }
    for ( order = 1; order < MAX_ORDER; order++ ) {
        unsigned int o;

        for ( o = 0; o < order; o++ ) {
            unsigned long a = mfn_x(page_to_mfn(held[o]));
            unsigned long b = mfn_x(page_to_mfn(held[order]));

            CHECK(a + (1UL << o) <= b || b + (1UL << order) <= a);
        }
    }
    CHECK_EQ(avail_heap_pages(), base_avail - ((1UL << MAX_ORDER) - 1));
    for ( order = 0; order < MAX_ORDER; order++ )
        free_heap_pages(held[order], order);
    CHECK_RESTORED();
}

TEST(split_and_merge)
{
    struct page_info *a, *b;
    unsigned int j, i;

    setup(64 * MiB);

    /* Splitting the smallest free block leaves one block of each order below. */
    for ( j = 0; j <= MAX_ORDER && !base_blocks[j]; j++ )
        ;
    CHECK(j > 0); /* a fresh heap has no single pages here */
    a = alloc_heap_pages(0, 0);
    CHECK_EQ(avail_heap_blocks(j), base_blocks[j] - 1);
    for ( i = 0; i < j; i++ )
        CHECK_EQ(avail_heap_blocks(i), base_blocks[i] + 1);

    /* The next single page is a's buddy. */
    b = alloc_heap_pages(0, 0);
    CHECK_EQ(mfn_x(page_to_mfn(b)), mfn_x(page_to_mfn(a)) ^ 1);
    CHECK_EQ(avail_heap_blocks(0), base_blocks[0]);

    /* Freeing one cannot merge (its buddy is in use)... */
    free_heap_pages(a, 0);
    CHECK_EQ(avail_heap_blocks(0), base_blocks[0] + 1);
    /* ...freeing the other merges all the way up again. */
    free_heap_pages(b, 0);
    CHECK_RESTORED();

    /* An order-3 block freed as two halves and four quarters merges too. */
    a = alloc_heap_pages(3, 0);
    free_heap_pages(a + 4, 2);
    free_heap_pages(a + 2, 0);
    free_heap_pages(a, 1);
    free_heap_pages(a + 3, 0);
    CHECK_RESTORED();
}

TEST(exhaustion_and_shuffled_free)
{
    struct page_info **pages;
    unsigned long n, i, total;

    setup(64 * MiB);
    total = total_heap_pages();
    pages = calloc(total + 1, sizeof(*pages));

    for ( n = 0; n <= total; n++ ) {
        pages[n] = alloc_heap_pages(0, 0);
        if ( !pages[n] )
            break;
    }
    CHECK_EQ(n, total);
    CHECK_EQ(avail_heap_pages(), 0);
    for ( i = 0; i <= MAX_ORDER; i++ ) {
        CHECK_EQ(avail_heap_blocks(i), 0);
        CHECK(alloc_heap_pages(i, 0) == NULL);
    }

    /* Free in a (deterministically) random order. */
    rng_state = 42;
    for ( i = n; i > 1; i-- ) {
        unsigned long j = rnd(i);
        struct page_info *t = pages[i - 1];

        pages[i - 1] = pages[j];
        pages[j] = t;
    }
    for ( i = 0; i < n; i++ )
        free_heap_pages(pages[i], 0);
    CHECK_RESTORED();
    free(pages);
}

TEST(large_orders_exhaust)
{
    struct page_info *held[64];
    unsigned int n = 0, i;

    setup(HOST_RAM);

    /* 2 GiB less the frame table: exactly one free 1 GiB block. */
    CHECK_EQ(base_blocks[MAX_ORDER], 1);
    while ( n < 64 && (held[n] = alloc_heap_pages(MAX_ORDER - 1, 0)) )
        n++;
    /* Two from the 1 GiB block, one from the top 1 GiB (less the table). */
    CHECK_EQ(n, 3);
    CHECK(alloc_heap_pages(MAX_ORDER, 0) == NULL);
    for ( i = 0; i < n; i++ )
        free_heap_pages(held[i], MAX_ORDER - 1);
    CHECK_RESTORED();
}

/* What a stress allocation writes into its first page. */
static unsigned long step_tag(unsigned int s, const struct page_info *pg)
{
    return 0x5eed000000000000UL ^ ((unsigned long)s << 32) ^
           (unsigned long)(pg - frame_table);
}

#define STRESS_SLOTS  512
#define STRESS_STEPS  200000
#define STRESS_MAXORD 9

TEST(stress_random_mix)
{
    static struct page_info *slot_pg[STRESS_SLOTS];
    static unsigned int slot_order[STRESS_SLOTS];
    unsigned long *bitmap, held = 0, step, nr;
    unsigned long dry = 0; /* allocations refused */
    unsigned int s;

    /* Small enough that the heap runs dry now and then. */
    setup(16 * MiB);
    nr = frametable_nr;
    bitmap = calloc(BITS_TO_LONGS(nr), sizeof(long));
    memset(slot_pg, 0, sizeof(slot_pg));
    rng_state = 2024;

    for ( step = 0; step < STRESS_STEPS && !harness_failures; step++ ) {
        unsigned long first, i;
        unsigned int order;
        struct page_info *pg;

        s = rnd(STRESS_SLOTS);
        pg = slot_pg[s];
        if ( pg ) {
            order = slot_order[s];
            first = pg - frame_table;
            /* The tag written at allocation survived: nobody else wrote. */
            CHECK_EQ(*(unsigned long *)page_to_virt(pg), step_tag(s, pg));
            for ( i = 0; i < (1UL << order); i++ ) {
                CHECK(test_bit(first + i, bitmap));
                __clear_bit(first + i, bitmap);
            }
            free_heap_pages(pg, order);
            held -= 1UL << order;
            slot_pg[s] = NULL;
            continue;
        }

        /* Mostly small orders, sometimes large ones. */
        order = rnd(4) ? rnd(4) : rnd(STRESS_MAXORD + 1);
        pg = alloc_heap_pages(order, 0);
        if ( !pg ) {
            /* Only acceptable when no block of that order is left. */
            for ( i = order; i <= MAX_ORDER; i++ )
                CHECK_EQ(avail_heap_blocks(i), 0);
            dry++;
            continue;
        }
        first = pg - frame_table;
        CHECK_EQ(mfn_x(page_to_mfn(pg)) & ((1UL << order) - 1), 0);
        for ( i = 0; i < (1UL << order); i++ ) {
            CHECK(!test_bit(first + i, bitmap));
            __set_bit(first + i, bitmap);
        }
        *(unsigned long *)page_to_virt(pg) = step_tag(s, pg);
        slot_pg[s] = pg;
        slot_order[s] = order;
        held += 1UL << order;
        CHECK_EQ(avail_heap_pages() + held, base_avail);
    }

    CHECK(dry > 0); /* the exhaustion path was taken */
    for ( s = 0; s < STRESS_SLOTS; s++ )
        if ( slot_pg[s] )
            free_heap_pages(slot_pg[s], slot_order[s]);
    CHECK_RESTORED();
    free(bitmap);
}

/* ---- xenheap and domheap ---- */

TEST(xenheap)
{
    unsigned char *p, *q;
    struct page_info *pg;
    unsigned long i;

    setup(64 * MiB);

    p = alloc_xenheap_pages(2, 0);
    CHECK(p != NULL);
    CHECK_EQ((uintptr_t)p & (4 * PG - 1), 0);
    pg = virt_to_page(p);
    for ( i = 0; i < 4; i++ ) {
        CHECK(pg[i].count_info & PGC_xen_heap);
        CHECK(page_state_is(&pg[i], PGC_state_inuse));
        CHECK(page_get_owner(&pg[i]) == NULL);
    }
    memset(p, 0xaa, 4 * PG);
    free_xenheap_pages(p, 2);
    CHECK(!(pg->count_info & PGC_xen_heap));
    CHECK_RESTORED();

    /* MEMF_zero: the block just dirtied comes back first, cleared. */
    q = alloc_xenheap_pages(2, MEMF_zero);
    CHECK(q == p);
    for ( i = 0; i < 4 * PG; i++ )
        if ( q[i] ) {
            CHECK(!"MEMF_zero page not clear");
            break;
        }
    free_xenheap_pages(q, 2);

    p = alloc_xenheap_page();
    CHECK(p != NULL);
    free_xenheap_page(p);
    free_xenheap_pages(NULL, 3); /* a no-op, like xfree(NULL) */
    CHECK_RESTORED();
}

TEST(domheap)
{
    static char fake_domain;
    struct domain *d = (struct domain *)&fake_domain;
    struct page_info *pg;
    unsigned long i;

    setup(64 * MiB);

    pg = alloc_domheap_pages(d, 3, 0);
    CHECK(pg != NULL);
    for ( i = 0; i < 8; i++ ) {
        CHECK(page_get_owner(&pg[i]) == d);
        CHECK(pg[i].count_info & PGC_allocated);
        CHECK_EQ(pg[i].count_info & PGC_count_mask, 1);
        CHECK(!(pg[i].count_info & PGC_xen_heap));
    }
    free_domheap_pages(pg, 3);
    CHECK(page_get_owner(pg) == NULL);
    CHECK_RESTORED();

    /* Anonymous: no owner, no allocation reference. */
    pg = alloc_domheap_page(NULL, MEMF_zero);
    CHECK(pg != NULL);
    CHECK(page_get_owner(pg) == NULL);
    CHECK_EQ(pg->count_info, PGC_state_inuse);
    free_domheap_page(pg);

    /* A caller that already dropped PGC_allocated (put_page style). */
    pg = alloc_domheap_page(d, 0);
    pg->count_info &= ~(PGC_allocated | PGC_count_mask);
    free_domheap_page(pg);
    free_domheap_pages(NULL, 0);
    CHECK_RESTORED();
}

/* ---- misuse ---- */

TEST(double_free_panics)
{
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_heap_pages(0, 0);
    free_heap_pages(pg, 0);
    harness_quiet_panic = 1;
    free_heap_pages(pg, 0);
    CHECK(!"double free not caught");
}

TEST(double_free_inside_merged_block_panics)
{
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_heap_pages(3, 0);
    free_heap_pages(pg, 3);
    harness_quiet_panic = 1;
    free_heap_pages(pg + 5, 0); /* not a block head, long merged */
    CHECK(!"free of a free page not caught");
}

TEST(double_free_xenheap_panics)
{
    void *p;

    setup(64 * MiB);
    p = alloc_xenheap_pages(1, 0);
    free_xenheap_pages(p, 1);
    harness_quiet_panic = 1;
    free_xenheap_pages(p, 1);
    CHECK(!"xenheap double free not caught");
}

TEST(double_free_domheap_panics)
{
    static char fake_domain;
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_domheap_page((struct domain *)&fake_domain, 0);
    free_domheap_page(pg);
    harness_quiet_panic = 1;
    free_domheap_page(pg);
    CHECK(!"domheap double free not caught");
}

TEST(free_reserved_page_panics)
{
    setup(64 * MiB);
    harness_quiet_panic = 1;
    free_heap_pages(virt_to_page(frame_table), 0);
    CHECK(!"free of a never allocated page not caught");
}

TEST(free_misaligned_block_panics)
{
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_heap_pages(2, 0);
    harness_quiet_panic = 1;
    free_heap_pages(pg + 1, 1);
    CHECK(!"misaligned free not caught");
}

TEST(free_partly_allocated_block_panics)
{
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_heap_pages(1, 0);
    harness_quiet_panic = 1;
    free_heap_pages(pg, 2); /* pages 2 and 3 are free */
    CHECK(!"free of a larger block than allocated not caught");
}

TEST(free_referenced_domheap_panics)
{
    static char fake_domain;
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_domheap_page((struct domain *)&fake_domain, 0);
    pg->count_info++; /* someone still holds a reference */
    harness_quiet_panic = 1;
    free_domheap_page(pg);
    CHECK(!"free of a referenced page not caught");
}

TEST(xenheap_freed_as_domheap_panics)
{
    void *p;

    setup(64 * MiB);
    p = alloc_xenheap_page();
    harness_quiet_panic = 1;
    free_domheap_page(virt_to_page(p));
    CHECK(!"xenheap page freed as domheap not caught");
}

TEST(domheap_freed_as_xenheap_panics)
{
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_domheap_page(NULL, 0);
    harness_quiet_panic = 1;
    free_xenheap_page(page_to_virt(pg));
    CHECK(!"domheap page freed as xenheap not caught");
}

TEST(xenheap_freed_by_free_heap_pages_panics)
{
    void *p;

    setup(64 * MiB);
    p = alloc_xenheap_page();
    harness_quiet_panic = 1;
    free_heap_pages(virt_to_page(p), 0);
    CHECK(!"xenheap page freed with free_heap_pages() not caught");
}

TEST(init_heap_pages_twice_panics)
{
    struct page_info *pg;

    setup(64 * MiB);
    pg = alloc_heap_pages(0, 0);
    harness_quiet_panic = 1;
    init_heap_pages(pg, 1);
    CHECK(!"init_heap_pages() of heap memory not caught");
}

TEST(init_heap_pages_outside_frametable_panics)
{
    setup(64 * MiB);
    harness_quiet_panic = 1;
    init_heap_pages(frame_table + frametable_nr - 2, 4);
    CHECK(!"init_heap_pages() beyond the frame table not caught");
}

TEST(dump)
{
    setup(64 * MiB);
    heap_dump();
    CHECK_RESTORED();
}

TESTS(T(frametable_conversions), T(frame_helpers), T(no_heap_before_frametable),
      T(unaligned_init_ranges), T(every_order), T(split_and_merge),
      T(exhaustion_and_shuffled_free), T(large_orders_exhaust),
      T(stress_random_mix), T(xenheap), T(domheap), T(double_free_panics),
      T(double_free_inside_merged_block_panics), T(double_free_xenheap_panics),
      T(double_free_domheap_panics), T(free_reserved_page_panics),
      T(free_misaligned_block_panics), T(free_partly_allocated_block_panics),
      T(free_referenced_domheap_panics), T(xenheap_freed_as_domheap_panics),
      T(domheap_freed_as_xenheap_panics),
      T(xenheap_freed_by_free_heap_pages_panics),
      T(init_heap_pages_twice_panics),
      T(init_heap_pages_outside_frametable_panics), T(dump))
