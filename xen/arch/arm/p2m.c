/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stage-2 translation: each domain's guest-physical to machine map.
 * 4 KiB granule, tables of up to four levels; 1 GiB and 2 MiB blocks are
 * used where the range is aligned.  The p2m type of each entry is kept in
 * the descriptor's software bits.  Each domain has its own VMID.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/cache.h>
#include <asm/cpufeature.h>
#include <asm/p2m.h>
#include <asm/pgtable-bits.h>
#include <asm/sysregs.h>

#define P2M_TYPE_SHIFT  55          /* software bits [58:55] */
#define P2M_TYPE_MASK   (0xfUL << P2M_TYPE_SHIFT)
#define S2_XN           (2UL << 53) /* XN[1:0] = 0b10: no execution */
#define MAX_VMID        256

unsigned int p2m_ipa_bits;
static unsigned int p2m_root_level;
static unsigned long vmid_bitmap[MAX_VMID / BITS_PER_LONG];
static DEFINE_SPINLOCK(vmid_lock);

void p2m_cpu_init(void)
{
    static const unsigned int pa_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
    unsigned int parange = READ_SYSREG(id_aa64mmfr0_el1) & 0xf;
    unsigned int ps = parange > ID_PARANGE_48 ? ID_PARANGE_48 : parange;
    uint64_t vtcr;

    p2m_ipa_bits = pa_bits[ps];
    if ( p2m_ipa_bits < 40 )
        p2m_ipa_bits = 40;      /* every arm64 core we run on has >= 40 */
    p2m_root_level = 0;
    vtcr = (64 - p2m_ipa_bits) |          /* T0SZ */
           (2UL << 6) |                   /* SL0: start at level 0 */
           (1UL << 8) | (1UL << 10) |     /* inner/outer WB WA walks */
           (3UL << 12) |                  /* inner shareable */
           ((uint64_t)ps << 16) |         /* PS */
           (1UL << 31);                   /* RES1 */
    WRITE_SYSREG(vtcr, vtcr_el2);
    isb();
}

static uint64_t type_attrs(p2m_type_t t)
{
    uint64_t a = PTE_AF | ((uint64_t)t << P2M_TYPE_SHIFT);

    switch ( t ) {
    case p2m_mmio_direct:
        return a | S2_MEMATTR_DEVICE | S2_AP_RW | S2_XN;
    case p2m_ram_ro:
    case p2m_map_foreign_ro:
    case p2m_grant_map_ro:
        return a | S2_MEMATTR_NORMAL | PTE_SH_INNER | S2_AP_R;
    case p2m_grant_map_rw:
    case p2m_map_foreign_rw:
    case p2m_xen_page:
        return a | S2_MEMATTR_NORMAL | PTE_SH_INNER | S2_AP_RW | S2_XN;
    default:
        return a | S2_MEMATTR_NORMAL | PTE_SH_INNER | S2_AP_RW;
    }
}

static unsigned int shift_of(unsigned int level)
{
    return 39 - 9 * level;
}

static uint64_t *alloc_table(struct p2m_domain *p2m)
{
    uint64_t *t = alloc_xenheap_page();

    if ( t ) {
        memset(t, 0, PAGE_SIZE);
        p2m->nr_tables++;
    }
    return t;
}

/* Runs fn with d's stage 2 loaded, so TLB maintenance hits its VMID. */
static void flush_guest_tlb(struct domain *d)
{
    uint64_t saved = READ_SYSREG(vttbr_el2);

    dsb(ishst);
    WRITE_SYSREG(d->arch.p2m.vttbr, vttbr_el2);
    isb();
    __asm__ __volatile__("tlbi vmalls12e1is" ::: "memory");
    dsb(ish);
    isb();
    WRITE_SYSREG(saved, vttbr_el2);
    isb();
}

/* Splits a block entry into a table of the next level, same mapping. */
static int split_block(struct p2m_domain *p2m, uint64_t *entry,
                       unsigned int level)
{
    uint64_t *t = alloc_table(p2m), old = *entry;
    uint64_t attrs = old & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK;
    unsigned int i, ns = shift_of(level + 1);

    if ( !t )
        return -ENOMEM;
    for ( i = 0; i < 512; i++ )
        t[i] = ((old & PTE_ADDR_MASK) + ((uint64_t)i << ns)) | attrs |
               (level + 1 == 3 ? PTE_PAGE : PTE_BLOCK);
    dsb(ishst);
    WRITE_ONCE(*entry, virt_to_maddr(t) | PTE_TABLE);
    return 0;
}

/*
 * A foreign mapping holds a reference on the other domain's page (taken by
 * the caller of p2m_insert_mapping); the entry's removal drops it.
 */
static bool is_foreign_entry(uint64_t e)
{
    p2m_type_t t = (e & P2M_TYPE_MASK) >> P2M_TYPE_SHIFT;

    return (e & PTE_VALID) &&
           (t == p2m_map_foreign_rw || t == p2m_map_foreign_ro);
}

static void put_foreign_entry(uint64_t e)
{
    put_page(mfn_to_page(_mfn((e & PTE_ADDR_MASK) >> PAGE_SHIFT)));
}

/*
 * Sets [gfn, gfn + nr) to map mfn onwards with type t, or to nothing when
 * t is p2m_invalid.  Caller holds the p2m lock.
 */
static int p2m_set_entries(struct domain *d, unsigned long gfn,
                           unsigned long nr, unsigned long mfn, p2m_type_t t)
{
    struct p2m_domain *p2m = &d->arch.p2m;
    bool flush = false;
    int rc = 0;

    if ( (gfn + nr) > (1UL << (p2m_ipa_bits - PAGE_SHIFT)) || gfn + nr < gfn )
        return -EINVAL;

    while ( nr ) {
        uint64_t *table = p2m->root;
        unsigned int level;

        for ( level = p2m_root_level; ; level++ ) {
            unsigned int sh = shift_of(level) - PAGE_SHIFT;
            uint64_t *entry = &table[(gfn >> sh) & 511];
            unsigned long span = 1UL << sh;
            bool aligned = !(gfn & (span - 1)) &&
                           (t == p2m_invalid || !(mfn & (span - 1)));

            bool is_table = level < 3 && (*entry & PTE_VALID) &&
                            (*entry & PTE_TYPE_MASK) == PTE_TABLE;

            /* A leaf here, unless a table is already in the way. */
            if ( !is_table &&
                 (level == 3 || (level >= 1 && aligned && nr >= span)) ) {
                uint64_t old = *entry;

                WRITE_ONCE(*entry, t == p2m_invalid ? 0 :
                           ((uint64_t)mfn << PAGE_SHIFT) | type_attrs(t) |
                           (level == 3 ? PTE_PAGE : PTE_BLOCK));
                flush |= old & PTE_VALID;
                if ( level == 3 && is_foreign_entry(old) ) {
                    /* No stale TLB entry may outlive the reference. */
                    flush_guest_tlb(d);
                    put_foreign_entry(old);
                }
                gfn += span;
                if ( t != p2m_invalid )
                    mfn += span;
                nr -= span;
                break;
            }
            if ( !(*entry & PTE_VALID) ) {
                uint64_t *nt;

                if ( t == p2m_invalid ) {
                    /* Nothing mapped here: skip to the end of this span. */
                    unsigned long skip = span - (gfn & (span - 1));

                    skip = min(skip, nr);
                    gfn += skip;
                    nr -= skip;
                    break;
                }
                nt = alloc_table(p2m);
                if ( !nt ) {
                    rc = -ENOMEM;
                    goto out;
                }
                WRITE_ONCE(*entry, virt_to_maddr(nt) | PTE_TABLE);
            } else if ( (*entry & PTE_TYPE_MASK) == PTE_BLOCK ) {
                rc = split_block(p2m, entry, level);
                if ( rc )
                    goto out;
                flush = true;
            }
            table = maddr_to_virt(*entry & PTE_ADDR_MASK);
        }
    }
 out:
    if ( flush )
        flush_guest_tlb(d);
    else
        dsb(ishst);
    return rc;
}

int p2m_insert_mapping(struct domain *d, gfn_t gfn, unsigned long nr,
                       mfn_t mfn, p2m_type_t t)
{
    int rc;

    if ( t == p2m_invalid )
        return -EINVAL;
    spin_lock(&d->arch.p2m.lock);
    rc = p2m_set_entries(d, gfn_x(gfn), nr, mfn_x(mfn), t);
    spin_unlock(&d->arch.p2m.lock);
    return rc;
}

int p2m_remove_mapping(struct domain *d, gfn_t gfn, unsigned long nr)
{
    int rc;

    spin_lock(&d->arch.p2m.lock);
    rc = p2m_set_entries(d, gfn_x(gfn), nr, 0, p2m_invalid);
    spin_unlock(&d->arch.p2m.lock);
    return rc;
}

mfn_t p2m_lookup(struct domain *d, gfn_t gfn, p2m_type_t *t)
{
    uint64_t *table = d->arch.p2m.root;
    unsigned long g = gfn_x(gfn);
    unsigned int level;
    mfn_t mfn = INVALID_MFN;

    *t = p2m_invalid;
    if ( g >= (1UL << (p2m_ipa_bits - PAGE_SHIFT)) )
        return INVALID_MFN;
    spin_lock(&d->arch.p2m.lock);
    for ( level = p2m_root_level; level <= 3; level++ ) {
        unsigned int sh = shift_of(level) - PAGE_SHIFT;
        uint64_t e = table[(g >> sh) & 511];

        if ( !(e & PTE_VALID) )
            break;
        if ( level == 3 || (e & PTE_TYPE_MASK) == PTE_BLOCK ) {
            mfn = _mfn(((e & PTE_ADDR_MASK) >> PAGE_SHIFT) + (g & ((1UL << sh) - 1)));
            *t = (e & P2M_TYPE_MASK) >> P2M_TYPE_SHIFT;
            break;
        }
        table = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    spin_unlock(&d->arch.p2m.lock);
    return mfn;
}

bool get_page(struct page_info *pg, const struct domain *d)
{
    unsigned long x = READ_ONCE(pg->count_info), nx;

    do {
        if ( !(x & PGC_allocated) || (x & PGC_count_mask) == 0 ||
             (x & PGC_count_mask) == PGC_count_mask ||
             page_get_owner(pg) != d )
            return false;
        nx = x + 1;
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x, nx, false,
                                           __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) );
    return true;
}

void put_page(struct page_info *pg)
{
    unsigned long x = __atomic_sub_fetch(&pg->count_info, 1, __ATOMIC_SEQ_CST);

    if ( (x & PGC_count_mask) == 0 )
        free_domheap_pages(pg, 0);
}

struct page_info *get_page_from_gfn(struct domain *d, gfn_t gfn, p2m_type_t *t)
{
    p2m_type_t type;
    mfn_t mfn = p2m_lookup(d, gfn, &type);
    struct page_info *pg;

    if ( t )
        *t = type;
    if ( !p2m_is_ram(type) || !mfn_valid(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    return get_page(pg, d) ? pg : NULL;
}

static uint16_t vmid_alloc(void)
{
    unsigned int id;

    spin_lock(&vmid_lock);
    /* VMID 0 stays unused: it is what VTTBR holds when no guest runs. */
    for ( id = 1; id < MAX_VMID; id++ )
        if ( !test_and_set_bit(id, vmid_bitmap) )
            break;
    spin_unlock(&vmid_lock);
    return id < MAX_VMID ? id : 0;
}

int p2m_init(struct domain *d)
{
    struct p2m_domain *p2m = &d->arch.p2m;

    spin_lock_init(&p2m->lock);
    p2m->vmid = vmid_alloc();
    if ( !p2m->vmid )
        return -EBUSY;
    p2m->root = alloc_table(p2m);
    if ( !p2m->root ) {
        clear_bit(p2m->vmid, vmid_bitmap);
        return -ENOMEM;
    }
    p2m->vttbr = virt_to_maddr(p2m->root) | ((uint64_t)p2m->vmid << 48);
    return 0;
}

static void free_tables(struct p2m_domain *p2m, uint64_t *table,
                        unsigned int level)
{
    unsigned int i;

    for ( i = 0; i < 512; i++ ) {
        if ( level == 3 ) {
            if ( is_foreign_entry(table[i]) )
                put_foreign_entry(table[i]);
        } else if ( (table[i] & PTE_VALID) &&
                    (table[i] & PTE_TYPE_MASK) == PTE_TABLE )
            free_tables(p2m, maddr_to_virt(table[i] & PTE_ADDR_MASK), level + 1);
    }
    free_xenheap_page(table);
    p2m->nr_tables--;
}

void p2m_teardown(struct domain *d)
{
    struct p2m_domain *p2m = &d->arch.p2m;

    if ( !p2m->root )
        return;
    flush_guest_tlb(d);
    free_tables(p2m, p2m->root, p2m_root_level);
    p2m->root = NULL;
    clear_bit(p2m->vmid, vmid_bitmap);
}

void p2m_load(struct domain *d)
{
    WRITE_SYSREG(d->arch.p2m.vttbr, vttbr_el2);
    isb();
}

void arch_cache_flush_range(struct domain *d, unsigned long gfn,
                            unsigned long nr)
{
    for ( ; nr; nr--, gfn++ ) {
        p2m_type_t t;
        mfn_t mfn = p2m_lookup(d, _gfn(gfn), &t);

        if ( p2m_is_ram(t) && mfn_valid(mfn) )
            flush_dcache_range(mfn_to_virt(mfn), PAGE_SIZE, true);
    }
}
