/* xen-sources: common/boot_allocator.c common/page_alloc.c common/xmalloc.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xmalloc: every size class, alignment, zeroing, the overflow-checked array
 * forms, reuse, large allocations, a pseudo-random mix checked for overlaps,
 * statistics back to zero (and the heap back to where it was) after freeing
 * everything, and the panics on bad frees.
 *
 * The heap runs on 64 MiB of host memory (machine address == host address,
 * see the host asm/mm.h).
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "harness.h"
#include <xen/mm.h>
#include <xen/xmalloc.h>

#define PG       ((paddr_t)PAGE_SIZE)
#define MiB      ((paddr_t)1 << 20)
#define RAM_SIZE (64 * MiB)

static paddr_t ram;
static unsigned long heap_start; /* avail_heap_pages() after setup */

static void setup(void)
{
    if ( !ram ) {
        char *p = mmap(NULL, RAM_SIZE + 2 * MiB, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

        if ( p == MAP_FAILED ) {
            perror("mmap");
            exit(2);
        }
        ram = ROUNDUP((paddr_t)(uintptr_t)p, 2 * MiB);
    }
    boot_allocator_reset_for_test();
    heap_reset_for_test();
    xmalloc_reset_for_test();
    init_boot_pages(ram, ram + RAM_SIZE);
    init_frametable(ram, ram + RAM_SIZE);
    end_boot_allocator();
    heap_start = avail_heap_pages();
}

/* Nothing allocated any more, and every page is back in the heap. */
static void check_all_freed(int line)
{
    struct xmalloc_stats st;

    xmalloc_get_stats(&st);
    if ( st.bytes_inuse || st.allocations || st.pages || st.pool_pages ||
         st.large_pages || avail_heap_pages() != heap_start ) {
        fprintf(stderr,
                "  line %d: leak: %lu bytes, %lu allocations, %lu "
                "pages; heap %lu of %lu pages\n",
                line, st.bytes_inuse, st.allocations, st.pages,
                avail_heap_pages(), heap_start);
        harness_failures++;
    }
}

#define CHECK_ALL_FREED() check_all_freed(__LINE__)

static size_t class_of(size_t size)
{
    size_t c = 16;

    while ( c < size )
        c <<= 1;
    return c;
}

static bool all_bytes_are(const void *p, int c, size_t n)
{
    const unsigned char *b = p;
    size_t i;

    for ( i = 0; i < n; i++ )
        if ( b[i] != (unsigned char)c )
            return false;
    return true;
}

static unsigned long rng_state;

static unsigned long rnd(unsigned long n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (rng_state >> 33) % n;
}

/* ---- size classes ---- */

TEST(every_size_class)
{
    static const size_t sizes[] = {
        0,   1,   8,    15,   16,   17,   31,   32,   33,  63,
        64,  65,  100,  127,  128,  129,  255,  256,  257, 511,
        512, 513, 1000, 1023, 1024, 1025, 2047, 2048,
    };
    struct xmalloc_stats st;
    unsigned int i;

    setup();
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ ) {
        size_t c = class_of(sizes[i]);
        unsigned char *p = xmalloc_bytes(sizes[i]);

        CHECK(p != NULL);
        if ( !p )
            continue;
        /* Objects are aligned to their class size. */
        CHECK_EQ((uintptr_t)p & (c - 1), 0);
        CHECK(((uintptr_t)p & (PG - 1)) + c <= PG);
        memset(p, 0x5c, c);

        xmalloc_get_stats(&st);
        CHECK_EQ(st.bytes_inuse, c);
        CHECK_EQ(st.allocations, 1);
        CHECK_EQ(st.pool_pages, 1);
        CHECK_EQ(st.large_pages, 0);

        xfree(p);
        CHECK_ALL_FREED();
    }
}

TEST(fill_pages_of_every_class)
{
    static void *objs[4 * 256 + 1];
    struct xmalloc_stats st;
    size_t c;

    setup();
    for ( c = 16; c <= 2048; c <<= 1 ) {
        unsigned int per_page = PG / c, n = 3 * per_page + 1, i, j;

        for ( i = 0; i < n; i++ ) {
            objs[i] = xmalloc_bytes(c);
            CHECK(objs[i] != NULL);
            memset(objs[i], i & 0xff, c);
        }
        xmalloc_get_stats(&st);
        CHECK_EQ(st.pool_pages, 4);
        CHECK_EQ(st.bytes_inuse, n * c);
        CHECK_EQ(st.allocations, n);
        CHECK_EQ(avail_heap_pages(), heap_start - 4);

        /* Distinct, and nobody overwrote anybody. */
        for ( i = 0; i < n; i++ ) {
            CHECK(all_bytes_are(objs[i], i & 0xff, c));
            for ( j = 0; j < i; j++ )
                CHECK(objs[i] != objs[j]);
        }

        /* Free every other one first, then the rest. */
        for ( i = 0; i < n; i += 2 )
            xfree(objs[i]);
        for ( i = 1; i < n; i += 2 )
            xfree(objs[i]);
        CHECK_ALL_FREED();
    }
}

/* ---- alignment ---- */

TEST(alignment)
{
    static const size_t sizes[] = { 1, 24, 100, 2048, 3000, 5000 };
    unsigned int i;
    size_t align;

    setup();
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
        for ( align = 1; align <= 64 * 1024; align <<= 1 ) {
            void *p = _xmalloc(sizes[i], align);

            CHECK(p != NULL);
            CHECK_EQ((uintptr_t)p & (align - 1), 0);
            if ( p )
                memset(p, 0xee, sizes[i]);
            xfree(p);
        }

    /* 0 means "no requirement". */
    xfree(_xmalloc(10, 0));
    CHECK_ALL_FREED();
}

struct aligned64 {
    char c;
} __attribute__((aligned(64)));

struct mixed {
    uint8_t a;
    uint64_t b;
    uint16_t c;
};

TEST(typed_macros)
{
    struct aligned64 *a;
    struct mixed *m, *arr;
    unsigned int i;

    setup();
    a = xmalloc(struct aligned64);
    CHECK(a != NULL);
    CHECK_EQ((uintptr_t)a & 63, 0);

    m = xzalloc(struct mixed);
    CHECK(m != NULL);
    CHECK(all_bytes_are(m, 0, sizeof(*m)));

    arr = xzalloc_array(struct mixed, 100);
    CHECK(arr != NULL);
    CHECK(all_bytes_are(arr, 0, 100 * sizeof(*arr)));
    for ( i = 0; i < 100; i++ )
        arr[i].b = i;
    xfree(arr);

    arr = xmalloc_array(struct mixed, 1);
    CHECK(arr != NULL);
    CHECK_EQ((uintptr_t)arr & (__alignof__(struct mixed) - 1), 0);
    xfree(arr);

    xfree(a);
    xfree(m);
    CHECK_ALL_FREED();
}

/* ---- zeroing ---- */

TEST(zeroing)
{
    void *keep, *p[8], *big;
    unsigned int i;

    setup();

    /* Dirty some 64-byte slots, free them, and get them back zeroed. */
    keep = xmalloc_bytes(64); /* keeps the pool page alive */
    for ( i = 0; i < 8; i++ ) {
        p[i] = xmalloc_bytes(64);
        memset(p[i], 0xff, 64);
    }
    for ( i = 0; i < 8; i++ )
        xfree(p[i]);
    for ( i = 0; i < 8; i++ ) {
        p[i] = xzalloc_bytes(64);
        CHECK(all_bytes_are(p[i], 0, 64));
    }
    for ( i = 0; i < 8; i++ )
        xfree(p[i]);
    xfree(keep);

    /* Same for a large block. */
    big = xmalloc_bytes(3 * PG);
    memset(big, 0xff, 3 * PG);
    xfree(big);
    big = xzalloc_bytes(3 * PG);
    CHECK(all_bytes_are(big, 0, 3 * PG));
    xfree(big);
    CHECK_ALL_FREED();
}

/* ---- array overflow ---- */

TEST(array_overflow_returns_null)
{
    setup();
    CHECK(xmalloc_array(uint64_t, SIZE_MAX / 4) == NULL);
    CHECK(xzalloc_array(uint64_t, SIZE_MAX / 8 + 1) == NULL);
    CHECK(xmalloc_array(uint32_t, (size_t)-1) == NULL);
    CHECK(xzalloc_array(struct mixed, SIZE_MAX / 2) == NULL);
    CHECK(_xmalloc_array(SIZE_MAX / 3 + 1, 1, 3) == NULL);
    /* No overflow, but more than any block: NULL all the same. */
    CHECK(xmalloc_array(char, SIZE_MAX) == NULL);
    CHECK(xmalloc_bytes(SIZE_MAX) == NULL);
    CHECK(xmalloc_bytes((PG << MAX_ORDER) + 1) == NULL);
    /* More than this heap has. */
    CHECK(xmalloc_bytes(RAM_SIZE) == NULL);
    CHECK_ALL_FREED();
}

/* ---- free and reuse ---- */

TEST(free_and_reuse)
{
    void *a, *b, *c;

    setup();
    xfree(NULL);

    a = xmalloc_bytes(40);
    b = xmalloc_bytes(40);
    CHECK(a != b);
    xfree(b);
    c = xmalloc_bytes(40);
    CHECK(c == b); /* the slot just freed is reused */
    xfree(c);
    xfree(a);
    CHECK_ALL_FREED();

    /* A page whose objects all went is back in the heap at once. */
    a = xmalloc_bytes(300);
    CHECK_EQ(avail_heap_pages(), heap_start - 1);
    xfree(a);
    CHECK_EQ(avail_heap_pages(), heap_start);
}

/* ---- large allocations ---- */

TEST(large_allocations)
{
    static const size_t sizes[] = {
        2049, 4095, 4096, 4097, 8192, 65537, MiB, 3 * MiB, 16 * MiB,
    };
    struct xmalloc_stats st;
    unsigned int i;

    setup();
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ ) {
        unsigned int order = get_order_from_bytes(sizes[i]);
        unsigned char *p = xmalloc_bytes(sizes[i]);

        CHECK(p != NULL);
        if ( !p )
            continue;
        CHECK_EQ((uintptr_t)p & (PG - 1), 0);
        p[0] = 1;
        p[sizes[i] - 1] = 2;

        xmalloc_get_stats(&st);
        CHECK_EQ(st.large_pages, 1UL << order);
        CHECK_EQ(st.pages, 1UL << order);
        CHECK_EQ(st.bytes_inuse, PG << order);
        CHECK_EQ(st.allocations, 1);
        CHECK_EQ(avail_heap_pages(), heap_start - (1UL << order));

        xfree(p);
        CHECK_ALL_FREED();
    }
}

/* ---- pseudo-random mix ---- */

/* What xmalloc really uses for a request: its class, or 2^order pages. */
static size_t rounded(size_t len)
{
    return len > 2048 ? PG << get_order_from_bytes(len) : class_of(len);
}

#define MIX_SLOTS 3000
#define MIX_STEPS 100000

TEST(random_mix)
{
    static unsigned char *obj[MIX_SLOTS];
    static size_t len[MIX_SLOTS];
    unsigned long step, live_bytes = 0;
    struct xmalloc_stats st;
    unsigned int s;

    setup();
    memset(obj, 0, sizeof(obj));
    rng_state = 7;

    for ( step = 0; step < MIX_STEPS && !harness_failures; step++ ) {
        s = rnd(MIX_SLOTS);
        if ( obj[s] ) {
            /* Its contents survived everything allocated since. */
            CHECK(all_bytes_are(obj[s], s & 0xff, len[s]));
            live_bytes -= rounded(len[s]);
            xfree(obj[s]);
            obj[s] = NULL;
            continue;
        }

        /* Mostly small, a few up to a few pages. */
        len[s] = rnd(8) ? 1 + rnd(300) : 1 + rnd(3 * PG);
        obj[s] = xmalloc_bytes(len[s]);
        CHECK(obj[s] != NULL);
        if ( !obj[s] )
            continue;
        memset(obj[s], s & 0xff, len[s]);
        live_bytes += rounded(len[s]);
    }

    xmalloc_get_stats(&st);
    CHECK_EQ(st.bytes_inuse, live_bytes);
    xmalloc_dump();

    for ( s = 0; s < MIX_SLOTS; s++ )
        if ( obj[s] ) {
            CHECK(all_bytes_are(obj[s], s & 0xff, len[s]));
            xfree(obj[s]);
        }
    CHECK_ALL_FREED();
}

/* ---- bad frees ---- */

TEST(double_free_small_panics)
{
    void *keep, *p;

    setup();
    keep = xmalloc_bytes(64); /* so the page stays a pool page */
    p = xmalloc_bytes(64);
    xfree(p);
    harness_quiet_panic = 1;
    xfree(p);
    CHECK(!"double xfree not caught");
    (void)keep;
}

TEST(double_free_last_object_panics)
{
    void *p;

    setup();
    p = xmalloc_bytes(64);
    xfree(p); /* the page went back to the heap */
    harness_quiet_panic = 1;
    xfree(p);
    CHECK(!"double xfree not caught");
}

TEST(double_free_large_panics)
{
    void *p;

    setup();
    p = xmalloc_bytes(3 * PG);
    xfree(p);
    harness_quiet_panic = 1;
    xfree(p);
    CHECK(!"double xfree not caught");
}

TEST(free_poisoned_but_live_object_is_fine)
{
    uint64_t *a, *b, *c;

    setup();
    a = xmalloc_bytes(16);
    b = xmalloc_bytes(16);
    c = xmalloc_bytes(16); /* keeps the page after b goes */
    xfree(b);
    /* Live data that happens to look exactly like a free object. */
    memcpy(a, b, 16);
    xfree(a);
    xfree(c);
    CHECK_ALL_FREED();
}

TEST(free_interior_pointer_panics)
{
    char *p;

    setup();
    p = xmalloc_bytes(64);
    harness_quiet_panic = 1;
    xfree(p + 16);
    CHECK(!"xfree of an interior pointer not caught");
}

TEST(free_inside_large_block_panics)
{
    char *p;

    setup();
    p = xmalloc_bytes(4 * PG);
    harness_quiet_panic = 1;
    xfree(p + PG);
    CHECK(!"xfree inside a large block not caught");
}

TEST(free_never_allocated_slot_panics)
{
    char *p;

    setup();
    p = xmalloc_bytes(64);
    harness_quiet_panic = 1;
    xfree(p + 640); /* same page, never handed out */
    CHECK(!"xfree of an unallocated slot not caught");
}

TEST(free_xenheap_page_panics)
{
    void *p;

    setup();
    p = alloc_xenheap_page();
    harness_quiet_panic = 1;
    xfree(p);
    CHECK(!"xfree of a page not from xmalloc not caught");
}

TEST(free_non_heap_pointer_panics)
{
    static int not_heap;

    setup();
    harness_quiet_panic = 1;
    xfree(&not_heap);
    CHECK(!"xfree of a non-heap pointer not caught");
}

TEST(no_heap_gives_null)
{
    boot_allocator_reset_for_test();
    heap_reset_for_test();
    xmalloc_reset_for_test();
    CHECK(xmalloc_bytes(10) == NULL);
    CHECK(xmalloc_bytes(10000) == NULL);
}

TESTS(T(every_size_class), T(fill_pages_of_every_class), T(alignment),
      T(typed_macros), T(zeroing), T(array_overflow_returns_null),
      T(free_and_reuse), T(large_allocations), T(random_mix),
      T(double_free_small_panics), T(double_free_last_object_panics),
      T(double_free_large_panics), T(free_poisoned_but_live_object_is_fine),
      T(free_interior_pointer_panics), T(free_inside_large_block_panics),
      T(free_never_allocated_slot_panics), T(free_xenheap_page_panics),
      T(free_non_heap_pointer_panics), T(no_heap_gives_null))
