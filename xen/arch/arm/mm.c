/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own (EL2 stage-1) page tables.  head.S leaves a minimal
 * set: the image at XEN_VIRT_START and a few 1:1 GiB blocks.  This file
 * completes the 1:1 map from the memory map (RAM normal, devices
 * Device-nGnRE) with blocks where alignment allows and pages elsewhere.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/kernel.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <asm/cache.h>
#include <asm/mm.h>
#include <asm/pgtable-bits.h>
#include <asm/sysregs.h>

extern uint64_t boot_pgtable[512];
extern char _start[], _end[];

paddr_t xen_phys_start;
static DEFINE_SPINLOCK(xen_pt_lock);

paddr_t xen_image_to_maddr(const void *va)
{
    return (uintptr_t)va - XEN_VIRT_START + xen_phys_start;
}

static unsigned int level_shift(unsigned int level)
{
    return 39 - 9 * level;
}

static uint64_t *table_of(uint64_t pte)
{
    /* Boot-time tables live in the image; later ones in the 1:1 map. */
    paddr_t pa = pte & PTE_ADDR_MASK;

    if ( pa >= xen_phys_start && pa < xen_phys_start + (_end - _start) )
        return (uint64_t *)(pa - xen_phys_start + XEN_VIRT_START);
    return maddr_to_virt(pa);
}

static uint64_t *alloc_table(void)
{
    uint64_t *t;

    if ( system_state == SYS_STATE_early_boot )
        t = maddr_to_virt(mfn_to_maddr(alloc_boot_pages(1, 1)));
    else
        t = alloc_xenheap_page();
    if ( t )
        memset(t, 0, PAGE_SIZE);
    return t;
}

static void flush_xen_tlb(void)
{
    dsb(ishst);
    __asm__ __volatile__("tlbi alle2is" ::: "memory");
    dsb(ish);
    isb();
}

/*
 * Replaces a block with a table of next-level entries mapping the same
 * range with the same attributes (break-before-make).
 */
static int split_block(uint64_t *entry, unsigned int level)
{
    uint64_t *t = alloc_table();
    uint64_t old = *entry, attrs = old & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK;
    paddr_t base = old & PTE_ADDR_MASK;
    unsigned int i, next_shift = level_shift(level + 1);

    if ( !t )
        return -ENOMEM;
    for ( i = 0; i < 512; i++ )
        t[i] = (base + ((paddr_t)i << next_shift)) | attrs |
               (level + 1 == 3 ? PTE_PAGE : PTE_BLOCK);
    WRITE_ONCE(*entry, 0);
    flush_xen_tlb();
    WRITE_ONCE(*entry, virt_to_maddr(t) | PTE_TABLE);
    dsb(ishst);
    return 0;
}

/* Maps [va, va + size) to pa with the given leaf attributes. */
static int map_range(vaddr_t va, paddr_t pa, size_t size, uint64_t attrs)
{
    while ( size ) {
        uint64_t *table = boot_pgtable;
        unsigned int level;

        for ( level = 0; ; level++ ) {
            unsigned int shift = level_shift(level);
            uint64_t *entry = &table[(va >> shift) & 511];
            uint64_t blk = 1UL << shift;

            /* A block at levels 1 and 2 when aligned and large enough. */
            if ( level == 3 ||
                 (level >= 1 && !((va | pa) & (blk - 1)) && size >= blk) ) {
                uint64_t type = level == 3 ? PTE_PAGE : PTE_BLOCK;
                uint64_t old = *entry;

                WRITE_ONCE(*entry, pa | attrs | type);
                if ( old & PTE_VALID )
                    flush_xen_tlb();
                va += blk;
                pa += blk;
                size -= blk;
                break;
            }
            if ( !(*entry & PTE_VALID) ) {
                uint64_t *t = alloc_table();

                if ( !t )
                    return -ENOMEM;
                WRITE_ONCE(*entry, virt_to_maddr(t) | PTE_TABLE);
            } else if ( (*entry & PTE_TYPE_MASK) == PTE_BLOCK ) {
                int rc = split_block(entry, level);

                if ( rc )
                    return rc;
            }
            table = table_of(*entry);
        }
    }
    dsb(ishst);
    isb();
    return 0;
}

/* The leaf entry covering va, or 0 when unmapped. */
static uint64_t lookup(vaddr_t va)
{
    uint64_t *table = boot_pgtable;
    unsigned int level;

    for ( level = 0; level <= 3; level++ ) {
        uint64_t e = table[(va >> level_shift(level)) & 511];

        if ( !(e & PTE_VALID) )
            return 0;
        if ( level == 3 || (e & PTE_TYPE_MASK) == PTE_BLOCK )
            return e;
        table = table_of(e);
    }
    return 0;
}

static bool range_mapped_as(paddr_t pa, size_t size, uint64_t attrs)
{
    paddr_t p;

    for ( p = ROUNDDOWN(pa, PAGE_SIZE); p < pa + size; p += PAGE_SIZE ) {
        uint64_t e = lookup(p);

        if ( !e || (e & PTE_ATTRINDX(7)) != (attrs & PTE_ATTRINDX(7)) )
            return false;
    }
    return true;
}

void *ioremap(paddr_t pa, size_t size)
{
    paddr_t start = ROUNDDOWN(pa, PAGE_SIZE);
    paddr_t end = ROUNDUP(pa + size, PAGE_SIZE);
    int rc = 0;

    spin_lock(&xen_pt_lock);
    if ( !range_mapped_as(start, end - start, PTE_DEVICE_ATTRS) )
        rc = map_range(start, start, end - start, PTE_DEVICE_ATTRS);
    spin_unlock(&xen_pt_lock);
    return rc ? NULL : maddr_to_virt(pa);
}

int map_ram_1to1(paddr_t start, paddr_t end)
{
    int rc = 0;

    start = ROUNDDOWN(start, PAGE_SIZE);
    end = ROUNDUP(end, PAGE_SIZE);
    spin_lock(&xen_pt_lock);
    if ( !range_mapped_as(start, end - start, PTE_NORMAL_ATTRS) )
        rc = map_range(start, start, end - start, PTE_NORMAL_ATTRS);
    spin_unlock(&xen_pt_lock);
    return rc;
}

void arch_flush_dcache_range(void *va, size_t len, bool invalidate)
{
    flush_dcache_range(va, len, invalidate);
}
