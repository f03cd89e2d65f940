/* xen-sources: common/boot_allocator.c common/page_alloc.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot allocator: range bookkeeping (merging, reservations before and after
 * the RAM, splits), top-down aligned allocation, the panics on exhaustion and
 * misuse, and the hand-over of exactly the free pages to the heap.
 *
 * Most tests use made-up addresses: the boot allocator never touches the
 * memory it manages.  The hand-over tests need real memory for the frame
 * table, so they use a block of host memory as "RAM" (machine address ==
 * host address, as in the host asm/mm.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "harness.h"
#include <xen/mm.h>

#define PG  ((paddr_t)PAGE_SIZE)
#define MiB ((paddr_t)1 << 20)
#define B   ((paddr_t)0x40000000) /* fake RAM base, 1 GiB aligned */

static void reset(void)
{
    boot_allocator_reset_for_test();
    heap_reset_for_test();
}

/* ---- collecting and checking the free ranges ---- */

#define MAX_SEEN 256

struct seen {
    unsigned int nr;
    paddr_t s[MAX_SEEN], e[MAX_SEEN];
};

static void seen_fn(paddr_t ps, paddr_t pe, void *data)
{
    struct seen *seen = data;

    if ( seen->nr < MAX_SEEN ) {
        seen->s[seen->nr] = ps;
        seen->e[seen->nr] = pe;
    }
    seen->nr++;
}

static void collect(struct seen *seen)
{
    seen->nr = 0;
    boot_pages_for_each(seen_fn, seen);
}

/* Checks the free ranges are exactly the n [start, end) pairs given. */
static void expect_ranges(int line, unsigned int n, ...)
{
    struct seen seen;
    bool ok;
    va_list ap;
    unsigned int i;

    collect(&seen);
    ok = seen.nr == n;
    va_start(ap, n);
    for ( i = 0; i < n; i++ ) {
        paddr_t s = va_arg(ap, paddr_t), e = va_arg(ap, paddr_t);

        if ( i < seen.nr && (seen.s[i] != s || seen.e[i] != e) )
            ok = false;
    }
    va_end(ap);

    if ( ok )
        return;
    fprintf(stderr, "  line %d: free ranges differ; have %u:\n", line, seen.nr);
    for ( i = 0; i < seen.nr && i < MAX_SEEN; i++ )
        fprintf(stderr, "    [%#lx, %#lx)\n", (unsigned long)seen.s[i],
                (unsigned long)seen.e[i]);
    harness_failures++;
}

#define EXPECT_RANGES(n, ...) expect_ranges(__LINE__, n, ##__VA_ARGS__)

/* ---- real memory for the hand-over tests ---- */

#define RAM_SIZE (64 * MiB)

static paddr_t host_ram(void)
{
    static paddr_t base;

    if ( !base ) {
        size_t align = 2 * MiB;
        char *p = mmap(NULL, RAM_SIZE + align, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

        if ( p == MAP_FAILED ) {
            perror("mmap");
            exit(2);
        }
        base = ROUNDUP((paddr_t)(uintptr_t)p, align);
    }
    return base;
}

/* ---- range bookkeeping ---- */

TEST(add_rounds_inward)
{
    reset();
    init_boot_pages(B + 1, B + 3 * PG + 5);
    EXPECT_RANGES(1, B + PG, B + 3 * PG);

    /* Less than a whole page: nothing. */
    init_boot_pages(B + 10 * PG + 1, B + 11 * PG - 1);
    init_boot_pages(B + 20 * PG, B + 20 * PG);
    init_boot_pages(B + 30 * PG, B + 29 * PG);
    EXPECT_RANGES(1, B + PG, B + 3 * PG);
    CHECK_EQ(boot_pages_free(), 2);
}

TEST(add_merges_and_sorts)
{
    reset();
    init_boot_pages(B, B + 4 * PG);
    init_boot_pages(B + 8 * PG, B + 12 * PG);
    EXPECT_RANGES(2, B, B + 4 * PG, B + 8 * PG, B + 12 * PG);

    /* Touching the first: merged with it. */
    init_boot_pages(B + 4 * PG, B + 6 * PG);
    EXPECT_RANGES(2, B, B + 6 * PG, B + 8 * PG, B + 12 * PG);

    /* Overlapping both: everything becomes one range. */
    init_boot_pages(B + 5 * PG, B + 9 * PG);
    EXPECT_RANGES(1, B, B + 12 * PG);

    /* Added again, entirely inside: no change. */
    init_boot_pages(B + 2 * PG, B + 3 * PG);
    EXPECT_RANGES(1, B, B + 12 * PG);

    /* Lower and higher disjoint banks, added out of order. */
    init_boot_pages(B + 100 * PG, B + 110 * PG);
    init_boot_pages(B - 16 * PG, B - 12 * PG);
    EXPECT_RANGES(3, B - 16 * PG, B - 12 * PG, B, B + 12 * PG, B + 100 * PG,
                  B + 110 * PG);
    CHECK_EQ(boot_pages_free(), 4 + 12 + 10);

    /* One covering all three. */
    init_boot_pages(B - 20 * PG, B + 200 * PG);
    EXPECT_RANGES(1, B - 20 * PG, B + 200 * PG);
}

TEST(reserve_after_ram)
{
    reset();
    init_boot_pages(B, B + 16 * PG);

    /* Unaligned: grown to [4, 6). */
    boot_pages_reserve(B + 4 * PG + 1, B + 5 * PG + 1);
    EXPECT_RANGES(2, B, B + 4 * PG, B + 6 * PG, B + 16 * PG);

    /* Across the bottom of the RAM. */
    boot_pages_reserve(B - PG, B + PG);
    EXPECT_RANGES(2, B + PG, B + 4 * PG, B + 6 * PG, B + 16 * PG);

    /* Across the top of the RAM. */
    boot_pages_reserve(B + 15 * PG, B + 20 * PG);
    EXPECT_RANGES(2, B + PG, B + 4 * PG, B + 6 * PG, B + 15 * PG);

    /* Across the gap between two ranges. */
    boot_pages_reserve(B + 2 * PG, B + 8 * PG);
    EXPECT_RANGES(2, B + PG, B + 2 * PG, B + 8 * PG, B + 15 * PG);

    /* Outside any RAM: no change. */
    boot_pages_reserve(B + 50 * PG, B + 60 * PG);
    EXPECT_RANGES(2, B + PG, B + 2 * PG, B + 8 * PG, B + 15 * PG);

    /* Exactly one range, then everything. */
    boot_pages_reserve(B + PG, B + 2 * PG);
    EXPECT_RANGES(1, B + 8 * PG, B + 15 * PG);
    boot_pages_reserve(0, B + 100 * PG);
    EXPECT_RANGES(0);
    CHECK_EQ(boot_pages_free(), 0);
}

TEST(reserve_before_ram)
{
    reset();
    boot_pages_reserve(B + 4 * PG, B + 6 * PG);
    boot_pages_reserve(B + 10 * PG, B + 11 * PG - 100);
    /* Spanning the boundary of the two banks added below. */
    boot_pages_reserve(B + 15 * PG, B + 17 * PG);
    EXPECT_RANGES(0);

    init_boot_pages(B, B + 16 * PG);
    init_boot_pages(B + 16 * PG, B + 32 * PG);
    EXPECT_RANGES(4, B, B + 4 * PG, B + 6 * PG, B + 10 * PG, B + 11 * PG,
                  B + 15 * PG, B + 17 * PG, B + 32 * PG);

    /* Re-adding a bank does not resurrect reserved memory. */
    init_boot_pages(B, B + 32 * PG);
    EXPECT_RANGES(4, B, B + 4 * PG, B + 6 * PG, B + 10 * PG, B + 11 * PG,
                  B + 15 * PG, B + 17 * PG, B + 32 * PG);

    /* A bank entirely inside a reservation adds nothing. */
    boot_pages_reserve(B + 100 * PG, B + 200 * PG);
    init_boot_pages(B + 120 * PG, B + 130 * PG);
    CHECK_EQ(boot_pages_free(), 4 + 4 + 4 + 15);
}

/* ---- allocation ---- */

TEST(alloc_from_highest)
{
    reset();
    init_boot_pages(B, B + 16 * PG);
    init_boot_pages(B + 64 * PG, B + 72 * PG);

    CHECK_EQ(mfn_to_maddr(alloc_boot_pages(4, 1)), B + 68 * PG);
    CHECK_EQ(mfn_to_maddr(alloc_boot_pages(4, 1)), B + 64 * PG);
    EXPECT_RANGES(1, B, B + 16 * PG);

    /* The top bank is used up: the next comes from the lower one. */
    CHECK_EQ(mfn_to_maddr(alloc_boot_pages(2, 1)), B + 14 * PG);
    EXPECT_RANGES(1, B, B + 14 * PG);

    /* Too large for the top range: skipped for a lower one that fits. */
    init_boot_pages(B + 100 * PG, B + 102 * PG);
    CHECK_EQ(mfn_to_maddr(alloc_boot_pages(3, 1)), B + 11 * PG);

    /* Allocated memory stays allocated when its bank is added again. */
    init_boot_pages(B, B + 16 * PG);
    init_boot_pages(B + 64 * PG, B + 72 * PG);
    EXPECT_RANGES(2, B, B + 11 * PG, B + 100 * PG, B + 102 * PG);
    CHECK_EQ(boot_pages_free(), 13);
}

TEST(alloc_alignment)
{
    reset();
    init_boot_pages(B + 3 * PG, B + 100 * PG);

    CHECK_EQ(mfn_to_maddr(alloc_boot_pages(1, 16)), B + 96 * PG);
    EXPECT_RANGES(2, B + 3 * PG, B + 96 * PG, B + 97 * PG, B + 100 * PG);

    /* [97, 100) is too small for an aligned 5: comes from [3, 96). */
    CHECK_EQ(mfn_to_maddr(alloc_boot_pages(5, 32)), B + 64 * PG);
    EXPECT_RANGES(3, B + 3 * PG, B + 64 * PG, B + 69 * PG, B + 96 * PG,
                  B + 97 * PG, B + 100 * PG);

    /* Alignment 0 means 1. */
    CHECK_EQ(mfn_to_maddr(alloc_boot_pages(1, 0)), B + 99 * PG);
    CHECK_EQ(boot_pages_free(), 97 - 1 - 5 - 1);
}

TEST(alloc_many_aligned_no_overlap)
{
    static bool used[1024];
    unsigned long seed = 12345, total = 0;
    unsigned int n;

    reset();
    init_boot_pages(B + PG, B + 1000 * PG);
    boot_pages_reserve(B + 500 * PG, B + 510 * PG);
    memset(used, 0, sizeof(used));

    for ( n = 0; n < 40; n++ ) {
        unsigned long nr, align, before = boot_pages_free(), pfn, i;
        mfn_t mfn;

        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        nr = 1 + (seed >> 33) % 13;
        align = 1UL << ((seed >> 40) % 5);
        mfn = alloc_boot_pages(nr, align);
        pfn = mfn_x(mfn) - mfn_x(maddr_to_mfn(B));

        CHECK_EQ(mfn_x(mfn) % align, 0);
        CHECK(pfn >= 1 && pfn + nr <= 1000);
        CHECK(pfn + nr <= 500 || pfn >= 510);
        for ( i = 0; i < nr; i++ ) {
            CHECK(!used[pfn + i]);
            used[pfn + i] = true;
        }
        CHECK_EQ(boot_pages_free(), before - nr);
        total += nr;
    }
    CHECK_EQ(boot_pages_free(), 999 - 10 - total);
}

TEST(alloc_out_of_memory_panics)
{
    reset();
    init_boot_pages(B, B + 16 * PG);
    init_boot_pages(B + 32 * PG, B + 48 * PG);
    harness_quiet_panic = 1;
    alloc_boot_pages(17, 1); /* 32 pages free, but not contiguous */
    CHECK(!"alloc_boot_pages() returned instead of panicking");
}

TEST(alloc_unsatisfiable_alignment_panics)
{
    reset();
    init_boot_pages(B + PG, B + 1000 * PG);
    harness_quiet_panic = 1;
    alloc_boot_pages(1, 1024); /* no 4 MiB boundary inside the range */
    CHECK(!"alloc_boot_pages() returned instead of panicking");
}

TEST(alloc_after_end_panics)
{
    reset();
    end_boot_allocator();
    harness_quiet_panic = 1;
    alloc_boot_pages(1, 1);
    CHECK(!"alloc_boot_pages() returned instead of panicking");
}

TEST(too_many_free_ranges_panics)
{
    unsigned int i;

    reset();
    for ( i = 0; i < 128; i++ )
        init_boot_pages(B + 2 * i * PG, B + (2 * i + 1) * PG);
    CHECK_EQ(boot_pages_free(), 128);

    /* Extending a range needs no new slot, even when full. */
    init_boot_pages(B + 255 * PG, B + 256 * PG);
    CHECK_EQ(boot_pages_free(), 129);

    harness_quiet_panic = 1;
    init_boot_pages(B + 1000 * PG, B + 1001 * PG);
    CHECK(!"init_boot_pages() returned instead of panicking");
}

TEST(too_many_reserved_ranges_panics)
{
    unsigned int i;

    reset();
    for ( i = 0; i < 128; i++ )
        boot_pages_reserve(B + 2 * i * PG, B + (2 * i + 1) * PG);
    harness_quiet_panic = 1;
    boot_pages_reserve(B + 1000 * PG, B + 1001 * PG);
    CHECK(!"boot_pages_reserve() returned instead of panicking");
}

TEST(split_needing_a_slot_when_full_panics)
{
    unsigned int i;

    reset();
    for ( i = 0; i < 128; i++ )
        init_boot_pages(B + 4 * i * PG, B + (4 * i + 3) * PG);
    harness_quiet_panic = 1;
    boot_pages_reserve(B + PG, B + 2 * PG);
    CHECK(!"boot_pages_reserve() returned instead of panicking");
}

TEST(dump)
{
    reset();
    init_boot_pages(B, B + 16 * PG);
    boot_pages_reserve(B + 4 * PG, B + 5 * PG);
    boot_pages_dump();
    EXPECT_RANGES(2, B, B + 4 * PG, B + 5 * PG, B + 16 * PG);
}

/* ---- hand-over to the heap ---- */

/* Counts the frame table entries in each state. */
static void count_states(unsigned long *reserved, unsigned long *free,
                         unsigned long *inuse)
{
    unsigned long i;

    *reserved = *free = *inuse = 0;
    for ( i = 0; i < frametable_nr; i++ ) {
        if ( page_state_is(&frame_table[i], PGC_state_reserved) )
            ++*reserved;
        else if ( page_state_is(&frame_table[i], PGC_state_free) )
            ++*free;
        else if ( page_state_is(&frame_table[i], PGC_state_inuse) )
            ++*inuse;
    }
}

/* True if every frame of [ps, pe) has the given state. */
static bool range_state_is(paddr_t ps, paddr_t pe, unsigned long state)
{
    paddr_t a;

    for ( a = ps; a < pe; a += PG )
        if ( !page_state_is(mfn_to_page(maddr_to_mfn(a)), state) )
            return false;
    return true;
}

TEST(end_hands_exactly_the_free_pages_to_heap)
{
    paddr_t ram = host_ram(), fts, fte;
    unsigned long nfree, reserved, fr, inuse, n, i;
    struct seen seen;
    struct page_info **pages;
    mfn_t ft;

    reset();
    boot_pages_reserve(ram + 1 * MiB + 5, ram + 2 * MiB); /* "DTB" */
    init_boot_pages(ram + PG + 17, ram + RAM_SIZE - 3);
    boot_pages_reserve(ram + 30 * MiB, ram + 31 * MiB + 1); /* "module" */
    /* Early allocations come out of the boot allocator before the heap. */
    alloc_boot_pages(3, 4);

    init_frametable(ram, ram + RAM_SIZE);
    CHECK_EQ(frametable_nr, RAM_SIZE / PG);
    ft = virt_to_mfn(frame_table);
    fts = mfn_to_maddr(ft);
    fte = fts + ROUNDUP(frametable_nr * sizeof(struct page_info), PG);

    nfree = boot_pages_free();
    collect(&seen);
    end_boot_allocator();

    CHECK_EQ(total_heap_pages(), nfree);
    CHECK_EQ(avail_heap_pages(), nfree);
    count_states(&reserved, &fr, &inuse);
    CHECK_EQ(fr, nfree);
    CHECK_EQ(inuse, 0);
    CHECK_EQ(reserved, frametable_nr - nfree);

    /* Exactly the collected ranges went to the heap... */
    for ( i = 0; i < seen.nr; i++ )
        CHECK(range_state_is(seen.s[i], seen.e[i], PGC_state_free));
    /* ...and none of what was reserved or allocated. */
    CHECK(range_state_is(ram, ram + 2 * PG, PGC_state_reserved));
    CHECK(range_state_is(ram + MiB, ram + 2 * MiB, PGC_state_reserved));
    CHECK(range_state_is(ram + 30 * MiB, ram + 31 * MiB + PG,
                         PGC_state_reserved));
    CHECK(range_state_is(fts, fte, PGC_state_reserved));
    CHECK(range_state_is(ram + RAM_SIZE - PG, ram + RAM_SIZE,
                         PGC_state_reserved));

    /* Every page can be allocated once, then the heap is empty. */
    pages = calloc(nfree + 1, sizeof(*pages));
    for ( n = 0; n <= nfree; n++ ) {
        pages[n] = alloc_heap_pages(0, 0);
        if ( !pages[n] )
            break;
    }
    CHECK_EQ(n, nfree);
    CHECK_EQ(avail_heap_pages(), 0);
    for ( i = 0; i < n; i++ )
        free_heap_pages(pages[i], 0);
    CHECK_EQ(avail_heap_pages(), nfree);
    free(pages);

    /* The boot allocator is empty now. */
    CHECK_EQ(boot_pages_free(), 0);
}

TEST(end_with_ram_holes)
{
    paddr_t ram = host_ram();
    unsigned long reserved, fr, inuse;

    reset();
    init_boot_pages(ram, ram + 8 * MiB);
    init_boot_pages(ram + 12 * MiB + PG, ram + 20 * MiB);
    init_boot_pages(ram + 40 * MiB, ram + RAM_SIZE);
    init_frametable(ram, ram + RAM_SIZE);
    end_boot_allocator();

    /* Frame table: 16384 frames * 40 bytes = 160 pages. */
    CHECK_EQ(total_heap_pages(),
             (8 * MiB + 8 * MiB - PG + 24 * MiB) / PG -
                 PFN_UP(frametable_nr * sizeof(struct page_info)));
    count_states(&reserved, &fr, &inuse);
    CHECK_EQ(fr, total_heap_pages());

    /* Holes have page_info entries (mfn_valid) but are not heap memory. */
    CHECK(mfn_valid(maddr_to_mfn(ram + 10 * MiB)));
    CHECK(
        range_state_is(ram + 8 * MiB, ram + 12 * MiB + PG, PGC_state_reserved));
    CHECK(range_state_is(ram + 20 * MiB, ram + 40 * MiB, PGC_state_reserved));
}

TEST(end_with_ram_outside_frametable_panics)
{
    paddr_t ram = host_ram();

    reset();
    init_boot_pages(ram, ram + RAM_SIZE);
    init_frametable(ram, ram + RAM_SIZE / 2);
    harness_quiet_panic = 1;
    end_boot_allocator();
    CHECK(!"end_boot_allocator() returned instead of panicking");
}

TESTS(T(add_rounds_inward), T(add_merges_and_sorts), T(reserve_after_ram),
      T(reserve_before_ram), T(alloc_from_highest), T(alloc_alignment),
      T(alloc_many_aligned_no_overlap), T(alloc_out_of_memory_panics),
      T(alloc_unsatisfiable_alignment_panics), T(alloc_after_end_panics),
      T(too_many_free_ranges_panics), T(too_many_reserved_ranges_panics),
      T(split_needing_a_slot_when_full_panics), T(dump),
      T(end_hands_exactly_the_free_pages_to_heap), T(end_with_ram_holes),
      T(end_with_ram_outside_frametable_panics))
