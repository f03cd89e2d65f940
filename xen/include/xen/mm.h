/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Machine memory management: the boot allocator, the frame table and the
 * buddy heap allocator.
 *
 * Life cycle during boot:
 *
 *   1. init_boot_pages() for every RAM bank and boot_pages_reserve() for
 *      everything already in use (image, DTB, boot modules), in any order.
 *   2. alloc_boot_pages() for early needs (page tables, ...).
 *   3. init_frametable(ram_start, ram_end): one struct page_info per frame,
 *      itself allocated from the boot allocator.
 *   4. end_boot_allocator(): every still-free boot range goes to the heap.
 *   5. alloc_{xen,dom}heap_pages() / xmalloc() from then on; memory freed
 *      later (boot modules once dom0 is built) via init_heap_range().
 *
 * Frames never given to the heap (holes, the image, the frame table,
 * reserved regions) keep the "reserved" state in their page_info, so the
 * heap refuses to free them.
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <asm/mm.h>
#include <asm/page-bits.h>
#include <xen/frame.h>
#include <xen/lib.h>
#include <xen/list.h>
#include <xen/types.h>

struct domain;

/* ---------------------------------------------------------------------- */
/* Boot allocator                                                          */

/* Adds free RAM [ps, pe), shrunk to whole pages. */
void init_boot_pages(paddr_t ps, paddr_t pe);
/* Marks [ps, pe), grown to whole pages, as never allocatable. */
void boot_pages_reserve(paddr_t ps, paddr_t pe);
/*
 * Allocates nr_pfns contiguous frames aligned to pfn_align frames (a power
 * of two; 0 means 1) from the highest range that fits.  Panics when none
 * does: there is no way to boot without the memory.
 */
mfn_t alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align);
/* Hands every remaining free range to the heap; the boot allocator is done. */
void end_boot_allocator(void);

/* Calls fn for each free range [ps, pe), lowest first. */
void boot_pages_for_each(void (*fn)(paddr_t ps, paddr_t pe, void *data),
                         void *data);
/* Frames currently free in the boot allocator. */
unsigned long boot_pages_free(void);
/* Prints the free ranges (the boot memory map). */
void boot_pages_dump(void);

/* ---------------------------------------------------------------------- */
/* Frame table                                                             */

struct page_info {
    /*
     * Free: links the first page of a free block into its order's free
     * list.  Allocated: free for the owner, e.g. a domain's page list or
     * xmalloc's list of partly used pool pages.
     */
    struct list_head list;

    /* PGC_* flags and state in the top bits, reference count below. */
    unsigned long count_info;

    /* Domain owning the page (domheap pages); NULL otherwise. */
    struct domain *owner;

    union {
        /*
         * PGC_state_free: the order of the free block this page starts, or
         * PAGE_ORDER_NONE for the other pages of the block.
         */
        unsigned int free_order;
        /* PGC_state_inuse + PGC_xen_heap, owned by xmalloc (xmalloc.c). */
        struct {
            uint8_t kind;    /* pool page or start of a large block */
            uint8_t index;   /* size class, or order of a large block */
            uint16_t inuse;  /* objects handed out from this pool page */
            uint16_t free;   /* index of the first free object */
            uint16_t carved; /* objects ever handed out (lazy carving) */
        } xmalloc;
        /* All of the above at once; zero on every allocated page. */
        uint64_t raw;
    } u;
};

#define PAGE_ORDER_NONE (~0U)

/*
 * count_info layout (64-bit unsigned long): flags from the top down, the
 * reference count in the low PGC_count_width bits, bits in between spare.
 */
#define PGC_allocated      (1UL << 63) /* domheap: holds the alloc ref */
#define PGC_xen_heap       (1UL << 62) /* allocated as xenheap memory */
#define PGC_state_shift    60
#define PGC_state_mask     (3UL << PGC_state_shift)
#define PGC_state_reserved (0UL << PGC_state_shift) /* not heap memory */
#define PGC_state_inuse    (1UL << PGC_state_shift) /* allocated */
#define PGC_state_free     (2UL << PGC_state_shift) /* in a free block */
#define PGC_count_width    48
#define PGC_count_mask     ((1UL << PGC_count_width) - 1)

static inline bool page_state_is(const struct page_info *pg,
                                 unsigned long state)
{
    return (pg->count_info & PGC_state_mask) == state;
}

static inline struct domain *page_get_owner(const struct page_info *pg)
{
    return pg->owner;
}

static inline void page_set_owner(struct page_info *pg, struct domain *d)
{
    pg->owner = d;
}

/* The frame table covers frames [frametable_base_mfn, + frametable_nr). */
extern struct page_info *frame_table;
extern unsigned long frametable_base_mfn;
extern unsigned long frametable_nr;

/*
 * Allocates and clears the frame table for [ram_start, ram_end) from the
 * boot allocator.  Call once, after every RAM bank and reservation is known
 * to the boot allocator and before end_boot_allocator().
 */
void init_frametable(paddr_t ram_start, paddr_t ram_end);

/* True if mfn has a page_info (which says whether it is heap memory). */
static inline bool mfn_valid(mfn_t mfn)
{
    /* Unsigned wrap-around turns "below the base" into "too large". */
    return mfn_x(mfn) - frametable_base_mfn < frametable_nr;
}

static inline struct page_info *mfn_to_page(mfn_t mfn)
{
    ASSERT(mfn_valid(mfn));
    return frame_table + (mfn_x(mfn) - frametable_base_mfn);
}

static inline mfn_t page_to_mfn(const struct page_info *pg)
{
    return _mfn(frametable_base_mfn + (unsigned long)(pg - frame_table));
}

static inline paddr_t page_to_maddr(const struct page_info *pg)
{
    return mfn_to_maddr(page_to_mfn(pg));
}

static inline void *mfn_to_virt(mfn_t mfn)
{
    return maddr_to_virt(mfn_to_maddr(mfn));
}

static inline mfn_t virt_to_mfn(const void *va)
{
    return maddr_to_mfn(virt_to_maddr(va));
}

static inline void *page_to_virt(const struct page_info *pg)
{
    return maddr_to_virt(page_to_maddr(pg));
}

static inline struct page_info *virt_to_page(const void *va)
{
    return mfn_to_page(virt_to_mfn(va));
}

/* Smallest order whose block holds nr pages (nr may be 0 or 1: order 0). */
static inline unsigned int get_order_from_pages(unsigned long nr)
{
    if ( nr <= 1 )
        return 0;
    return 8 * sizeof(long) - __builtin_clzl(nr - 1);
}

/* Smallest order whose block holds size bytes. */
static inline unsigned int get_order_from_bytes(paddr_t size)
{
    return get_order_from_pages((unsigned long)PFN_UP(size));
}

/* ---------------------------------------------------------------------- */
/* Heap (buddy allocator)                                                  */

/* Largest block: order 18 = 2^18 pages = 1 GiB, an arm64 level-1 block. */
#define MAX_ORDER 18

/* memflags */
#define MEMF_zero (1U << 0) /* clear the pages before returning */

/* Gives frames [pg, pg + nr) (all "reserved", any alignment) to the heap. */
void init_heap_pages(struct page_info *pg, unsigned long nr);
/* Gives [ps, pe), shrunk to whole pages, to the heap. */
void init_heap_range(paddr_t ps, paddr_t pe);

/* 2^order naturally aligned frames, or NULL. */
struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags);
void free_heap_pages(struct page_info *pg, unsigned int order);

/* Hypervisor-private memory, returned as a pointer into the 1:1 map. */
void *alloc_xenheap_pages(unsigned int order, unsigned int memflags);
void free_xenheap_pages(void *v, unsigned int order);

static inline void *alloc_xenheap_page(void)
{
    return alloc_xenheap_pages(0, 0);
}

static inline void free_xenheap_page(void *v)
{
    free_xenheap_pages(v, 0);
}

/*
 * Memory for a domain: with d != NULL every page gets owner d, PGC_allocated
 * and the reference that flag stands for.  The caller accounts the pages to
 * the domain (and links them on its page list); this allocator keeps no
 * per-domain state.  d == NULL gives anonymous pages.
 */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags);
/*
 * Frees domheap pages.  A page still holding the allocation reference has it
 * dropped here; any other reference left is a bug.
 */
void free_domheap_pages(struct page_info *pg, unsigned int order);

static inline struct page_info *alloc_domheap_page(struct domain *d,
                                                   unsigned int memflags)
{
    return alloc_domheap_pages(d, 0, memflags);
}

static inline void free_domheap_page(struct page_info *pg)
{
    free_domheap_pages(pg, 0);
}

/* Frames ever given to the heap, and those free now. */
unsigned long total_heap_pages(void);
unsigned long avail_heap_pages(void);
/* Free blocks of exactly this order. */
unsigned long avail_heap_blocks(unsigned int order);
/* Prints the counters and the free blocks per order. */
void heap_dump(void);

#ifdef XEN_HOST_TEST
/* Host unit tests only: forget all boot allocator / heap state. */
void boot_allocator_reset_for_test(void);
void heap_reset_for_test(void);
#endif

#endif /* XEN_MM_H */
