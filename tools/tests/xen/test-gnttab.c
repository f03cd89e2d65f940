/* xen-sources: common/grant_table.c common/subop.c common/boot_allocator.c common/page_alloc.c common/xmalloc.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables (v1): every GNTTABOP the guest can issue, with every status
 * that applies; the GTF_reading/GTF_writing protocol with the guest,
 * including a guest changing the entry between check and cmpxchg; table
 * growth through XENMEM_add_to_physmap; copies in all four gref/gmfn
 * combinations; cache maintenance; and tear-down that leaves no page,
 * allocation or domain reference behind.
 *
 * The real page and xmalloc allocators run on 64 MiB of host memory
 * (machine address == host address).  Fake domains get RAM pages from the
 * heap, a flat p2m array, and a vCPU to be "current".  Guest pointers are
 * host pointers; the first page of the address space, and a copy budget
 * the test may set, produce faults.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "harness.h"
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <public/grant_table.h>
#include <public/memory.h>

#define PG       ((paddr_t)PAGE_SIZE)
#define MiB      ((paddr_t)1 << 20)
#define RAM_SIZE (64 * MiB)

#define P2M_SIZE  0x4000UL /* gfns each fake domain can map */
#define RAM_GFN   0x100UL  /* its RAM: gfns RAM_GFN .. + NR_RAM */
#define NR_RAM    16
#define TABLE_GFN 0x1000UL /* its grant-table frames: + frame index */
#define MAP_GFN   0x2000UL /* where it maps others' grants */
#define HOLE_GFN  0x3f00UL /* never mapped */

/* ---------------------------------------------------------------------- */
/* Fake machine: heap, domains, p2m, guest memory                          */

struct p2m_ent {
    mfn_t mfn;
    p2m_type_t t;
};

struct fake_dom {
    struct domain d;
    struct vcpu v;
    struct p2m_ent p2m[P2M_SIZE];
    struct page_info *ram[NR_RAM];
    bool live;
};

static paddr_t ram;
static unsigned long heap_start;
static struct fake_dom doms[4];

__typeof__(struct vcpu *) per_cpu__curr_vcpu;

static int p2m_fail_next;     /* p2m_insert_mapping fails this many times */
static long copy_budget = -1; /* guest copies left before faults; -1 off */

static unsigned int flush_calls;
static void *flush_va;
static size_t flush_len;
static bool flush_inval;

static struct fake_dom *fake_of(const struct domain *d)
{
    return container_of(d, struct fake_dom, d);
}

static struct p2m_ent *p2m_ent(struct domain *d, gfn_t gfn)
{
    return gfn_x(gfn) < P2M_SIZE ? &fake_of(d)->p2m[gfn_x(gfn)] : NULL;
}

int p2m_insert_mapping(struct domain *d, gfn_t gfn, unsigned long nr, mfn_t mfn,
                       p2m_type_t t)
{
    unsigned long i;

    if ( gfn_x(gfn) + nr > P2M_SIZE )
        return -EINVAL;
    if ( p2m_fail_next ) {
        p2m_fail_next--;
        return -ENOMEM;
    }
    for ( i = 0; i < nr; i++ )
        *p2m_ent(d, gfn_add(gfn, i)) = (struct p2m_ent){ mfn_add(mfn, i), t };
    return 0;
}

int p2m_remove_mapping(struct domain *d, gfn_t gfn, unsigned long nr)
{
    unsigned long i;

    for ( i = 0; i < nr && gfn_x(gfn) + i < P2M_SIZE; i++ )
        *p2m_ent(d, gfn_add(gfn, i)) =
            (struct p2m_ent){ INVALID_MFN, p2m_invalid };
    return 0;
}

mfn_t p2m_lookup(struct domain *d, gfn_t gfn, p2m_type_t *t)
{
    struct p2m_ent *e = p2m_ent(d, gfn);

    *t = e ? e->t : p2m_invalid;
    return e && e->t != p2m_invalid ? e->mfn : INVALID_MFN;
}

/* The same rules as the Arm p2m code. */
bool get_page(struct page_info *pg, const struct domain *d)
{
    unsigned long x = pg->count_info;

    if ( !(x & PGC_allocated) || !(x & PGC_count_mask) ||
         page_get_owner(pg) != d )
        return false;
    pg->count_info++;
    return true;
}

void put_page(struct page_info *pg)
{
    if ( (--pg->count_info & PGC_count_mask) == 0 )
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

bool get_domain(struct domain *d)
{
    if ( atomic_read(&d->refcnt) <= 0 )
        return false;
    atomic_inc(&d->refcnt);
    return true;
}

void put_domain(struct domain *d)
{
    CHECK(atomic_read(&d->refcnt) > 0);
    atomic_dec(&d->refcnt);
}

struct domain *get_domain_by_id(domid_t domid)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(doms); i++ )
        if ( doms[i].live && doms[i].d.domain_id == domid )
            return get_domain(&doms[i].d) ? &doms[i].d : NULL;
    return NULL;
}

struct domain *get_domain_by_any_id(domid_t domid)
{
    if ( domid == DOMID_SELF )
        domid = current->domain->domain_id;
    return get_domain_by_id(domid);
}

/* Guest VAs are host pointers; the first page faults, as does the budget. */
static bool guest_fault(uint64_t gva, unsigned long len)
{
    if ( gva < PAGE_SIZE )
        return true;
    if ( copy_budget == 0 )
        return true;
    if ( copy_budget > 0 )
        copy_budget--;
    return false;
}

unsigned long raw_copy_from_guest(void *to, uint64_t from_gva,
                                  unsigned long len)
{
    if ( guest_fault(from_gva, len) )
        return len;
    memcpy(to, (void *)(uintptr_t)from_gva, len);
    return 0;
}

unsigned long raw_copy_to_guest(uint64_t to_gva, const void *from,
                                unsigned long len)
{
    if ( guest_fault(to_gva, len) )
        return len;
    memcpy((void *)(uintptr_t)to_gva, from, len);
    return 0;
}

void arch_flush_dcache_range(void *va, size_t len, bool invalidate)
{
    flush_calls++;
    flush_va = va;
    flush_len = len;
    flush_inval = invalidate;
}

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
    memset(doms, 0, sizeof(doms));
    p2m_fail_next = 0;
    copy_budget = -1;
    flush_calls = 0;
    gnttab_test_race_hook = NULL;
}

/* A domain with RAM at RAM_GFN.., a default-sized grant table, a vCPU. */
static struct domain *dom_create(unsigned int slot, domid_t domid,
                                 bool privileged, unsigned int maptrack)
{
    struct fake_dom *f = &doms[slot];
    unsigned long g;
    unsigned int i;

    memset(f, 0, sizeof(*f));
    f->d.domain_id = domid;
    f->d.is_privileged = privileged;
    atomic_set(&f->d.refcnt, 1);
    f->v.domain = &f->d;
    for ( g = 0; g < P2M_SIZE; g++ )
        f->p2m[g] = (struct p2m_ent){ INVALID_MFN, p2m_invalid };
    for ( i = 0; i < NR_RAM; i++ ) {
        f->ram[i] = alloc_domheap_page(&f->d, MEMF_zero);
        CHECK(f->ram[i] != NULL);
        f->p2m[RAM_GFN + i] =
            (struct p2m_ent){ page_to_mfn(f->ram[i]), p2m_ram_rw };
    }
    CHECK_EQ(grant_table_init(&f->d, GNTTAB_DEFAULT_MAX_FRAMES, maptrack), 0);
    f->live = true;
    return &f->d;
}

static void set_current(struct domain *d)
{
    per_cpu__curr_vcpu = &fake_of(d)->v;
}

/* What the toolstack and domain_destroy do: kill, relinquish, free. */
static void dom_destroy(struct domain *d)
{
    struct fake_dom *f = fake_of(d);
    unsigned int i;

    gnttab_release_mappings(d);
    for ( i = 0; i < NR_RAM; i++ ) {
        f->ram[i]->count_info &= ~PGC_allocated;
        put_page(f->ram[i]);
    }
    f->live = false;
    put_domain(d);
    CHECK_EQ(atomic_read(&d->refcnt), 0);
    grant_table_destroy(d);
    CHECK(d->grant_table == NULL);
}

static void check_all_freed(int line)
{
    struct xmalloc_stats st;

    xmalloc_get_stats(&st);
    if ( st.allocations || st.pages || avail_heap_pages() != heap_start ) {
        fprintf(stderr,
                "  line %d: leak: %lu allocations, %lu xmalloc "
                "pages; heap %lu of %lu pages\n",
                line, st.allocations, st.pages, avail_heap_pages(), heap_start);
        harness_failures++;
    }
}

#define CHECK_ALL_FREED() check_all_freed(__LINE__)

static unsigned long refs(const struct page_info *pg)
{
    return pg->count_info & PGC_count_mask;
}

static struct page_info *ram_page(struct domain *d, unsigned int i)
{
    return fake_of(d)->ram[i];
}

static long gop(struct domain *caller, unsigned int cmd, void *arg,
                unsigned int count)
{
    set_current(caller);
    return do_grant_table_op(cmd, (uintptr_t)arg, count);
}

/* Grant-table frame idx of d, mapped where Linux would put it. */
static struct grant_entry_v1 *table_frame(struct domain *d, unsigned int idx)
{
    mfn_t mfn = INVALID_MFN;

    CHECK_EQ(gnttab_map_frame(d, idx, _gfn(TABLE_GFN + idx), &mfn), 0);
    return mfn_to_virt(mfn);
}

static struct grant_entry_v1 *entry(struct domain *d, grant_ref_t ref)
{
    return table_frame(d, ref / 512) + ref % 512;
}

/* The guest's side: frame and domid first, then the flags. */
static struct grant_entry_v1 *grant(struct domain *d, grant_ref_t ref,
                                    domid_t to, unsigned long gfn,
                                    uint16_t flags)
{
    struct grant_entry_v1 *e = entry(d, ref);

    e->frame = gfn;
    e->domid = to;
    __atomic_store_n(&e->flags, flags, __ATOMIC_RELEASE);
    return e;
}

/* The guest's revoke: succeeds only while neither reading nor writing. */
static bool revoke(struct grant_entry_v1 *e)
{
    uint16_t f = e->flags;

    if ( f & (GTF_reading | GTF_writing) )
        return false;
    return __atomic_compare_exchange_n(&e->flags, &f, 0, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static int16_t map(struct domain *m, domid_t dom, grant_ref_t ref,
                   uint32_t flags, unsigned long gfn, grant_handle_t *h)
{
    struct gnttab_map_grant_ref op = {
        .host_addr = gfn << PAGE_SHIFT,
        .flags = flags,
        .ref = ref,
        .dom = dom,
        .status = 99,
        .handle = 0xdead,
        .dev_bus_addr = 0xbeef,
    };

    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, &op, 1), 0);
    if ( op.status != GNTST_okay ) {
        /* Failure leaves the OUT fields as the guest gave them. */
        CHECK_EQ(op.handle, 0xdead);
        CHECK_EQ(op.dev_bus_addr, 0xbeef);
    }
    if ( h )
        *h = op.handle;
    return op.status;
}

static int16_t unmap(struct domain *m, grant_handle_t h, unsigned long gfn)
{
    struct gnttab_unmap_grant_ref op = {
        .host_addr = gfn << PAGE_SHIFT,
        .handle = h,
        .status = 99,
    };

    CHECK_EQ(gop(m, GNTTABOP_unmap_grant_ref, &op, 1), 0);
    return op.status;
}

static p2m_type_t p2m_type_at(struct domain *d, unsigned long gfn)
{
    return fake_of(d)->p2m[gfn].t;
}

static mfn_t p2m_mfn_at(struct domain *d, unsigned long gfn)
{
    return fake_of(d)->p2m[gfn].mfn;
}

/* ---------------------------------------------------------------------- */
/* ABI layouts (the numbers Linux 6.1 uses)                                */

TEST(layouts)
{
    CHECK_EQ(sizeof(struct grant_entry_v1), 8);
    CHECK_EQ(sizeof(struct gnttab_map_grant_ref), 32);
    CHECK_EQ(offsetof(struct gnttab_map_grant_ref, flags), 8);
    CHECK_EQ(offsetof(struct gnttab_map_grant_ref, ref), 12);
    CHECK_EQ(offsetof(struct gnttab_map_grant_ref, dom), 16);
    CHECK_EQ(offsetof(struct gnttab_map_grant_ref, status), 18);
    CHECK_EQ(offsetof(struct gnttab_map_grant_ref, handle), 20);
    CHECK_EQ(offsetof(struct gnttab_map_grant_ref, dev_bus_addr), 24);
    CHECK_EQ(sizeof(struct gnttab_unmap_grant_ref), 24);
    CHECK_EQ(offsetof(struct gnttab_unmap_grant_ref, handle), 16);
    CHECK_EQ(offsetof(struct gnttab_unmap_grant_ref, status), 20);
    CHECK_EQ(sizeof(struct gnttab_unmap_and_replace), 24);
    CHECK_EQ(offsetof(struct gnttab_unmap_and_replace, new_addr), 8);
    CHECK_EQ(offsetof(struct gnttab_unmap_and_replace, status), 20);
    CHECK_EQ(sizeof(struct gnttab_copy), 40);
    CHECK_EQ(offsetof(struct gnttab_copy, dest), 16);
    CHECK_EQ(offsetof(struct gnttab_copy, source.domid), 8);
    CHECK_EQ(offsetof(struct gnttab_copy, source.offset), 10);
    CHECK_EQ(offsetof(struct gnttab_copy, len), 32);
    CHECK_EQ(offsetof(struct gnttab_copy, flags), 34);
    CHECK_EQ(offsetof(struct gnttab_copy, status), 36);
    CHECK_EQ(sizeof(struct gnttab_query_size), 16);
    CHECK_EQ(offsetof(struct gnttab_query_size, nr_frames), 4);
    CHECK_EQ(offsetof(struct gnttab_query_size, max_nr_frames), 8);
    CHECK_EQ(offsetof(struct gnttab_query_size, status), 12);
    CHECK_EQ(sizeof(struct gnttab_setup_table), 24);
    CHECK_EQ(offsetof(struct gnttab_setup_table, status), 8);
    CHECK_EQ(offsetof(struct gnttab_setup_table, frame_list), 16);
    CHECK_EQ(sizeof(struct gnttab_cache_flush), 16);
    CHECK_EQ(offsetof(struct gnttab_cache_flush, offset), 8);
    CHECK_EQ(offsetof(struct gnttab_cache_flush, length), 10);
    CHECK_EQ(offsetof(struct gnttab_cache_flush, op), 12);
    CHECK_EQ(sizeof(struct gnttab_set_version), 4);
    CHECK_EQ(sizeof(struct gnttab_get_version), 8);
    CHECK_EQ(offsetof(struct gnttab_get_version, version), 4);
}

/* ---------------------------------------------------------------------- */
/* Table set-up, size, version                                             */

TEST(init_limits)
{
    struct domain *d;

    setup();
    d = dom_create(0, 1, false, 4);
    CHECK_EQ(grant_table_init(d, 64, 4), -EEXIST);
    grant_table_destroy(d);
    CHECK_EQ(grant_table_init(d, 0, 4), -EINVAL);
    CHECK_EQ(grant_table_init(d, GNTTAB_MAX_FRAMES_LIMIT + 1, 4), -EINVAL);
    CHECK_EQ(grant_table_init(d, 64, GNTTAB_MAX_MAPTRACK_FRAMES_LIMIT + 1),
             -EINVAL);
    CHECK(d->grant_table == NULL);
    /* No table: the hypercall is not available, and nothing crashes. */
    {
        struct gnttab_query_size q = { .dom = DOMID_SELF };

        CHECK_EQ(gop(d, GNTTABOP_query_size, &q, 1), -ENOSYS);
    }
    CHECK_EQ(grant_table_init(d, 1, 0), 0);
    dom_destroy(d);
    CHECK_ALL_FREED();
}

TEST(query_size)
{
    struct domain *g, *m, *p;
    struct gnttab_query_size q;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    p = dom_create(2, 0, true, 4);

    /* What Linux does at boot (rc < 0 or status != 0 means "assume 4"). */
    q = (struct gnttab_query_size){ .dom = DOMID_SELF };
    CHECK_EQ(gop(g, GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_okay);
    CHECK_EQ(q.nr_frames, 1);
    CHECK_EQ(q.max_nr_frames, 64);

    q = (struct gnttab_query_size){ .dom = 1 };
    CHECK_EQ(gop(g, GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_okay);

    /* Another domain's size: only for a privileged caller. */
    q = (struct gnttab_query_size){ .dom = 1, .nr_frames = 77 };
    CHECK_EQ(gop(m, GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_permission_denied);
    CHECK_EQ(q.nr_frames, 77);
    q = (struct gnttab_query_size){ .dom = 1 };
    CHECK_EQ(gop(p, GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_okay);
    CHECK_EQ(q.max_nr_frames, 64);

    q = (struct gnttab_query_size){ .dom = 42 };
    CHECK_EQ(gop(p, GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_bad_domain);

    CHECK_EQ(gop(g, GNTTABOP_query_size, &q, 2), -EINVAL);
    CHECK_EQ(gop(g, GNTTABOP_query_size, &q, 0), -EINVAL);
    CHECK_EQ(gop(g, GNTTABOP_query_size, NULL, 1), -EFAULT);
    copy_budget = 1; /* the read works, the write-back faults */
    CHECK_EQ(gop(g, GNTTABOP_query_size, &q, 1), -EFAULT);
    copy_budget = -1;

    dom_destroy(g);
    dom_destroy(m);
    dom_destroy(p);
    CHECK_ALL_FREED();
}

TEST(set_and_get_version)
{
    struct domain *g, *m, *p;
    struct gnttab_set_version sv;
    struct gnttab_get_version gv;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    p = dom_create(2, 0, true, 4);

    sv.version = 1;
    CHECK_EQ(gop(g, GNTTABOP_set_version, &sv, 1), 0);
    CHECK_EQ(sv.version, 1);
    /* v2 is compiled out on Arm Xen: -ENOSYS, and the version in force. */
    sv.version = 2;
    CHECK_EQ(gop(g, GNTTABOP_set_version, &sv, 1), -ENOSYS);
    CHECK_EQ(sv.version, 1);
    sv.version = 0;
    CHECK_EQ(gop(g, GNTTABOP_set_version, &sv, 1), -EINVAL);
    CHECK_EQ(sv.version, 1);
    sv.version = 3;
    CHECK_EQ(gop(g, GNTTABOP_set_version, &sv, 1), -EINVAL);
    CHECK_EQ(gop(g, GNTTABOP_set_version, NULL, 1), -EFAULT);

    gv = (struct gnttab_get_version){ .dom = DOMID_SELF, .pad = 0x5a5a };
    CHECK_EQ(gop(g, GNTTABOP_get_version, &gv, 1), 0);
    CHECK_EQ(gv.version, 1);
    CHECK_EQ(gv.pad, 0x5a5a);
    gv = (struct gnttab_get_version){ .dom = 1 };
    CHECK_EQ(gop(m, GNTTABOP_get_version, &gv, 1), -EPERM);
    CHECK_EQ(gop(p, GNTTABOP_get_version, &gv, 1), 0);
    CHECK_EQ(gv.version, 1);
    gv = (struct gnttab_get_version){ .dom = 42 };
    CHECK_EQ(gop(p, GNTTABOP_get_version, &gv, 1), -ESRCH);
    CHECK_EQ(gop(p, GNTTABOP_get_version, NULL, 1), -EFAULT);

    dom_destroy(g);
    dom_destroy(m);
    dom_destroy(p);
    CHECK_ALL_FREED();
}

/* add_to_physmap as Linux does it: frame 0, then highest index first. */
TEST(map_frame_growth)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct domain *d;
    mfn_t mfn, first;
    unsigned int i;

    setup();
    d = dom_create(0, 1, false, 4);

    CHECK_EQ(gnttab_map_frame(d, 0, _gfn(TABLE_GFN), &first), 0);
    CHECK(mfn_eq(p2m_mfn_at(d, TABLE_GFN), first));
    CHECK_EQ(p2m_type_at(d, TABLE_GFN), p2m_xen_page);
    /* Hypervisor-owned, zeroed. */
    CHECK(page_get_owner(mfn_to_page(first)) == NULL);
    CHECK_EQ(((uint64_t *)mfn_to_virt(first))[17], 0);

    for ( i = 3; i > 0; i-- )
        CHECK_EQ(gnttab_map_frame(d, i, _gfn(TABLE_GFN + i), &mfn), 0);
    CHECK_EQ(gop(d, GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.nr_frames, 4);

    /* Up to the maximum, and not one further. */
    CHECK_EQ(gnttab_map_frame(d, 63, _gfn(TABLE_GFN + 63), &mfn), 0);
    CHECK_EQ(gop(d, GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.nr_frames, 64);
    CHECK_EQ(gnttab_map_frame(d, 64, _gfn(TABLE_GFN + 64), &mfn), -EINVAL);
    CHECK_EQ(gnttab_map_frame(d, ~0UL, _gfn(TABLE_GFN), &mfn), -EINVAL);
    CHECK_EQ(p2m_type_at(d, TABLE_GFN + 64), p2m_invalid);
    /* v1 has no status frames. */
    CHECK_EQ(gnttab_map_frame(d, XENMAPIDX_grant_table_status | 0,
                              _gfn(TABLE_GFN + 100), &mfn),
             -EINVAL);
    CHECK_EQ(p2m_type_at(d, TABLE_GFN + 100), p2m_invalid);

    /* Moving a frame takes it away from where it was. */
    CHECK_EQ(gnttab_map_frame(d, 0, _gfn(TABLE_GFN + 200), &mfn), 0);
    CHECK(mfn_eq(mfn, first));
    CHECK_EQ(p2m_type_at(d, TABLE_GFN), p2m_invalid);
    CHECK(mfn_eq(p2m_mfn_at(d, TABLE_GFN + 200), first));
    /* Same place again: still there. */
    CHECK_EQ(gnttab_map_frame(d, 0, _gfn(TABLE_GFN + 200), &mfn), 0);
    CHECK(mfn_eq(p2m_mfn_at(d, TABLE_GFN + 200), first));

    /* The guest replaced the old gfn with RAM: a move must not unmap it. */
    p2m_insert_mapping(d, _gfn(TABLE_GFN + 200), 1, page_to_mfn(ram_page(d, 0)),
                       p2m_ram_rw);
    CHECK_EQ(gnttab_map_frame(d, 0, _gfn(TABLE_GFN), &mfn), 0);
    CHECK_EQ(p2m_type_at(d, TABLE_GFN + 200), p2m_ram_rw);
    p2m_remove_mapping(d, _gfn(TABLE_GFN + 200), 1);

    /* Frame 1 mapped over frame 2's gfn; moving frame 2 leaves frame 1. */
    CHECK_EQ(gnttab_map_frame(d, 1, _gfn(TABLE_GFN + 2), &mfn), 0);
    {
        struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 3 };
        xen_pfn_t list[3];

        st.frame_list.p = list;
        CHECK_EQ(gop(d, GNTTABOP_setup_table, &st, 1), 0);
        CHECK_EQ(list[1], TABLE_GFN + 2);
        CHECK_EQ(list[2], INVALID_GFN_RAW); /* replaced there */
    }
    CHECK_EQ(gnttab_map_frame(d, 2, _gfn(TABLE_GFN + 300), &mfn), 0);
    CHECK_EQ(p2m_type_at(d, TABLE_GFN + 2), p2m_xen_page);
    CHECK_EQ(gnttab_map_frame(d, 1, _gfn(TABLE_GFN + 1), &mfn), 0);
    CHECK_EQ(p2m_type_at(d, TABLE_GFN + 2), p2m_invalid);

    /* A p2m failure is reported. */
    p2m_fail_next = 1;
    CHECK_EQ(gnttab_map_frame(d, 5, _gfn(TABLE_GFN + 5), &mfn), -ENOMEM);
    CHECK_EQ(gnttab_map_frame(d, 5, _gfn(TABLE_GFN + 5), &mfn), 0);

    /* Release takes every frame out of the p2m. */
    gnttab_release_mappings(d);
    for ( i = 0; i < 400; i++ )
        CHECK(p2m_type_at(d, TABLE_GFN + i) != p2m_xen_page);
    dom_destroy(d);
    CHECK_ALL_FREED();
}

TEST(setup_table)
{
    struct domain *g, *m, *p;
    struct gnttab_setup_table st;
    xen_pfn_t list[8];
    mfn_t mfn;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    p = dom_create(2, 0, true, 4);
    CHECK_EQ(gnttab_map_frame(g, 0, _gfn(TABLE_GFN), &mfn), 0);

    /* Grows to nr_frames; frames report their gfn, or INVALID_GFN. */
    memset(list, 0, sizeof(list));
    st = (struct gnttab_setup_table){ .dom = DOMID_SELF,
                                      .nr_frames = 3,
                                      .status = 99 };
    st.frame_list.p = list;
    CHECK_EQ(gop(g, GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_okay);
    CHECK_EQ(list[0], TABLE_GFN);
    CHECK_EQ(list[1], INVALID_GFN_RAW);
    CHECK_EQ(list[2], INVALID_GFN_RAW);
    CHECK_EQ(list[3], 0);
    {
        struct gnttab_query_size q = { .dom = DOMID_SELF };

        CHECK_EQ(gop(g, GNTTABOP_query_size, &q, 1), 0);
        CHECK_EQ(q.nr_frames, 3);
    }

    st.nr_frames = 65;
    CHECK_EQ(gop(g, GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_general_error);

    st.nr_frames = 2;
    st.frame_list.q = 8;
    CHECK_EQ(gop(g, GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_bad_virt_addr);

    st = (struct gnttab_setup_table){ .dom = 1, .nr_frames = 1 };
    st.frame_list.p = list;
    CHECK_EQ(gop(m, GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_permission_denied);
    CHECK_EQ(gop(p, GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_okay);
    st.dom = 42;
    CHECK_EQ(gop(p, GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_bad_domain);

    CHECK_EQ(gop(g, GNTTABOP_setup_table, &st, 2), -EINVAL);
    CHECK_EQ(gop(g, GNTTABOP_setup_table, NULL, 1), -EFAULT);
    dom_destroy(g);
    dom_destroy(m);
    dom_destroy(p);
    CHECK_ALL_FREED();
}

/* ---------------------------------------------------------------------- */
/* Map and unmap                                                           */

TEST(map_unmap_writable)
{
    struct domain *g, *m;
    struct grant_entry_v1 *e;
    struct page_info *pg;
    struct gnttab_map_grant_ref op;
    mfn_t mfn;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    pg = ram_page(g, 3);
    e = grant(g, 10, 2, RAM_GFN + 3, GTF_permit_access);

    op = (struct gnttab_map_grant_ref){ .host_addr = (MAP_GFN << PAGE_SHIFT),
                                        .flags = GNTMAP_host_map,
                                        .ref = 10,
                                        .dom = 1 };
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, &op, 1), 0);
    CHECK_EQ(op.status, GNTST_okay);
    CHECK_EQ(op.dev_bus_addr, page_to_maddr(pg));
    mfn = page_to_mfn(pg);
    CHECK(mfn_eq(p2m_mfn_at(m, MAP_GFN), mfn));
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_grant_map_rw);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_reading | GTF_writing);
    CHECK_EQ(e->domid, 2);
    CHECK_EQ(refs(pg), 2);
    CHECK_EQ(atomic_read(&g->refcnt), 2);
    CHECK_EQ(gnttab_mappings_in_use(m), 1);
    CHECK_EQ(gnttab_mappings_in_use(g), 0);

    /* The guest cannot revoke a grant in use. */
    CHECK(!revoke(e));

    CHECK_EQ(unmap(m, op.handle, MAP_GFN), GNTST_okay);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_invalid);
    CHECK_EQ(e->flags, GTF_permit_access);
    CHECK_EQ(refs(pg), 1);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    CHECK_EQ(gnttab_mappings_in_use(m), 0);
    /* Unmapped twice: the handle is gone. */
    CHECK_EQ(unmap(m, op.handle, MAP_GFN), GNTST_bad_handle);
    CHECK(revoke(e));
    CHECK_EQ(e->flags, 0);

    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

/* GTF_writing goes with the last writable mapping, GTF_reading with the last. */
TEST(read_write_transitions)
{
    struct domain *g, *m;
    struct grant_entry_v1 *e;
    grant_handle_t ro1, ro2, rw1, rw2;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    e = grant(g, 8, 2, RAM_GFN, GTF_permit_access);

    CHECK_EQ(map(m, 1, 8, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN, &ro1),
             GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_reading);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_grant_map_ro);
    CHECK_EQ(map(m, 1, 8, GNTMAP_host_map, MAP_GFN + 1, &rw1), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_reading | GTF_writing);
    CHECK_EQ(map(m, 1, 8, GNTMAP_host_map, MAP_GFN + 2, &rw2), GNTST_okay);
    CHECK_EQ(map(m, 1, 8, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN + 3, &ro2),
             GNTST_okay);
    CHECK_EQ(refs(ram_page(g, 0)), 5);
    CHECK_EQ(gnttab_mappings_in_use(m), 4);

    CHECK_EQ(unmap(m, rw1, MAP_GFN + 1), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_reading | GTF_writing);
    CHECK_EQ(unmap(m, rw2, MAP_GFN + 2), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_reading);
    CHECK_EQ(unmap(m, ro2, MAP_GFN + 3), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_reading);
    CHECK(!revoke(e));
    CHECK_EQ(unmap(m, ro1, MAP_GFN), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access);
    CHECK_EQ(refs(ram_page(g, 0)), 1);

    /* A read-only grant maps read-only, never writable. */
    e = grant(g, 9, 2, RAM_GFN + 1, GTF_permit_access | GTF_readonly);
    CHECK_EQ(map(m, 1, 9, GNTMAP_host_map, MAP_GFN, NULL), GNTST_general_error);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_readonly);
    CHECK_EQ(map(m, 1, 9, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN, &ro1),
             GNTST_okay);
    /* ... nor once pinned read-only. */
    CHECK_EQ(map(m, 1, 9, GNTMAP_host_map, MAP_GFN + 1, NULL),
             GNTST_general_error);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_readonly | GTF_reading);
    CHECK_EQ(unmap(m, ro1, MAP_GFN), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_readonly);

    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

/* Every failure status of map_grant_ref, each leaving nothing behind. */
TEST(map_errors)
{
    struct domain *g, *m, *m2, *nomt;
    struct grant_entry_v1 *e;
    grant_handle_t h;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    m2 = dom_create(2, 3, false, 4);
    nomt = dom_create(3, 4, false, 0);
    e = grant(g, 20, 2, RAM_GFN + 2, GTF_permit_access);

    /* Flags: neither host nor device map is a bad ref, as in Xen. */
    CHECK_EQ(map(m, 1, 20, 0, MAP_GFN, NULL), GNTST_bad_gntref);
    CHECK_EQ(map(m, 1, 20, GNTMAP_readonly, MAP_GFN, NULL), GNTST_bad_gntref);
    CHECK_EQ(map(m, 1, 20, GNTMAP_device_map, MAP_GFN, NULL),
             GNTST_general_error);
    CHECK_EQ(map(m, 1, 20, GNTMAP_host_map | GNTMAP_device_map, MAP_GFN, NULL),
             GNTST_general_error);
    CHECK_EQ(
        map(m, 1, 20, GNTMAP_host_map | GNTMAP_application_map, MAP_GFN, NULL),
        GNTST_general_error);
    CHECK_EQ(
        map(m, 1, 20, GNTMAP_host_map | GNTMAP_contains_pte, MAP_GFN, NULL),
        GNTST_general_error);
    /* Guest-available bits: refused when the mapping is made (Arm). */
    CHECK_EQ(map(m, 1, 20, GNTMAP_host_map | (1u << 16), MAP_GFN, NULL),
             GNTST_general_error);
    CHECK_EQ(e->flags, GTF_permit_access);

    /* Domain. */
    CHECK_EQ(map(m, 42, 20, GNTMAP_host_map, MAP_GFN, NULL), GNTST_bad_domain);
    CHECK_EQ(map(m, DOMID_SELF, 20, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_bad_domain);

    /* Ref beyond the table (one frame: 512 entries). */
    CHECK_EQ(map(m, 1, 512, GNTMAP_host_map, MAP_GFN, NULL), GNTST_bad_gntref);
    CHECK_EQ(map(m, 1, ~0U, GNTMAP_host_map, MAP_GFN, NULL), GNTST_bad_gntref);

    /* Entry type and domid. */
    grant(g, 21, 2, RAM_GFN, GTF_invalid);
    CHECK_EQ(map(m, 1, 21, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    grant(g, 21, 2, RAM_GFN, GTF_accept_transfer);
    CHECK_EQ(map(m, 1, 21, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    grant(g, 21, 2, RAM_GFN, GTF_permit_access | GTF_sub_page);
    CHECK_EQ(map(m, 1, 21, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    grant(g, 21, 3, RAM_GFN, GTF_permit_access);
    CHECK_EQ(map(m, 1, 21, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    CHECK_EQ(entry(g, 21)->flags, GTF_permit_access);

    /* The frame must be the granter's RAM. */
    grant(g, 22, 2, HOLE_GFN, GTF_permit_access);
    CHECK_EQ(map(m, 1, 22, GNTMAP_host_map, MAP_GFN, NULL), GNTST_bad_page);
    CHECK_EQ(entry(g, 22)->flags, GTF_permit_access);
    grant(g, 22, 2, TABLE_GFN, GTF_permit_access);
    CHECK_EQ(map(m, 1, 22, GNTMAP_host_map, MAP_GFN, NULL), GNTST_bad_page);
    CHECK_EQ(entry(g, 22)->flags, GTF_permit_access);

    /* Read-only RAM of the granter can be mapped read-only only. */
    grant(g, 24, 2, RAM_GFN + 7, GTF_permit_access);
    fake_of(g)->p2m[RAM_GFN + 7].t = p2m_ram_ro;
    CHECK_EQ(map(m, 1, 24, GNTMAP_host_map, MAP_GFN, NULL), GNTST_bad_page);
    CHECK_EQ(entry(g, 24)->flags, GTF_permit_access);
    CHECK_EQ(map(m, 1, 24, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN, &h),
             GNTST_okay);
    CHECK_EQ(unmap(m, h, MAP_GFN), GNTST_okay);
    fake_of(g)->p2m[RAM_GFN + 7].t = p2m_ram_rw;

    /* The mapper's p2m refuses: everything undone. */
    p2m_fail_next = 1;
    CHECK_EQ(map(m, 1, 20, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    CHECK_EQ(e->flags, GTF_permit_access);
    CHECK_EQ(map(m, 1, 20, GNTMAP_host_map, P2M_SIZE + 5, NULL),
             GNTST_general_error);
    CHECK_EQ(e->flags, GTF_permit_access);

    /* No maptrack room. */
    grant(g, 23, 4, RAM_GFN, GTF_permit_access);
    CHECK_EQ(map(nomt, 1, 23, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_no_device_space);
    CHECK_EQ(entry(g, 23)->flags, GTF_permit_access);

    /* Pinned by one domain: another one is refused. */
    CHECK_EQ(map(m, 1, 20, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    e->domid = 3; /* a guest scribbling over an entry in use */
    CHECK_EQ(map(m2, 1, 20, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    e->domid = 2;
    CHECK_EQ(unmap(m, h, MAP_GFN), GNTST_okay);

    CHECK_EQ(refs(ram_page(g, 2)), 1);
    CHECK_EQ(refs(ram_page(g, 0)), 1);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    CHECK_EQ(gnttab_mappings_in_use(m), 0);
    CHECK_EQ(e->flags, GTF_permit_access);

    dom_destroy(g);
    dom_destroy(m);
    dom_destroy(m2);
    dom_destroy(nomt);
    CHECK_ALL_FREED();
}

/* The guest changes its entry between our check and our cmpxchg. */
static unsigned int race_calls;
static uint32_t race_value;
static enum { RACE_REVOKE, RACE_BENIGN_ONCE, RACE_ALWAYS } race_mode;

static void race_hook(uint32_t *w)
{
    struct grant_entry_v1 *e = (struct grant_entry_v1 *)w;

    race_calls++;
    switch ( race_mode ) {
    case RACE_REVOKE:
        /* The guest's revoke sees neither flag set yet, so it wins. */
        if ( race_calls == 1 )
            CHECK(revoke(e));
        break;
    case RACE_BENIGN_ONCE:
        if ( race_calls == 1 )
            __atomic_fetch_or(&e->flags, GTF_PWT, __ATOMIC_SEQ_CST);
        break;
    case RACE_ALWAYS:
        __atomic_fetch_xor(&e->flags, GTF_PCD, __ATOMIC_SEQ_CST);
        break;
    }
    race_value = *w;
}

TEST(concurrent_revoke)
{
    struct domain *g, *m;
    struct grant_entry_v1 *e;
    grant_handle_t h;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);

    gnttab_test_race_hook = race_hook;

    race_mode = RACE_REVOKE;
    race_calls = 0;
    e = grant(g, 30, 2, RAM_GFN + 4, GTF_permit_access);
    CHECK_EQ(map(m, 1, 30, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    CHECK_EQ(race_calls, 1);
    CHECK_EQ(e->flags, 0);
    CHECK_EQ(refs(ram_page(g, 4)), 1);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_invalid);

    /* A change that keeps the grant valid: checked again, and it maps. */
    race_mode = RACE_BENIGN_ONCE;
    race_calls = 0;
    e = grant(g, 30, 2, RAM_GFN + 4, GTF_permit_access);
    CHECK_EQ(map(m, 1, 30, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    CHECK_EQ(race_calls, 2);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_PWT | GTF_reading | GTF_writing);
    CHECK_EQ(unmap(m, h, MAP_GFN), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_PWT);

    /* A guest that never stops: given up after 5 attempts. */
    race_mode = RACE_ALWAYS;
    race_calls = 0;
    e = grant(g, 30, 2, RAM_GFN + 4, GTF_permit_access);
    CHECK_EQ(map(m, 1, 30, GNTMAP_host_map, MAP_GFN, NULL),
             GNTST_general_error);
    CHECK_EQ(race_calls, 5);
    CHECK_EQ(e->flags & (GTF_reading | GTF_writing), 0);

    /* Copies take the same path. */
    race_mode = RACE_REVOKE;
    race_calls = 0;
    e = grant(g, 30, 2, RAM_GFN + 4, GTF_permit_access);
    {
        struct gnttab_copy c = {
            .source = { .u.ref = 30, .domid = 1 },
            .dest = { .u.gmfn = RAM_GFN, .domid = DOMID_SELF },
            .len = 8,
            .flags = GNTCOPY_source_gref,
        };

        CHECK_EQ(gop(m, GNTTABOP_copy, &c, 1), 0);
        CHECK_EQ(c.status, GNTST_general_error);
    }
    CHECK_EQ(e->flags, 0);

    gnttab_test_race_hook = NULL;
    CHECK_EQ(refs(ram_page(g, 4)), 1);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

TEST(unmap_errors)
{
    struct domain *g, *m;
    struct grant_entry_v1 *e;
    struct gnttab_unmap_grant_ref u;
    struct gnttab_unmap_and_replace r;
    grant_handle_t h;
    paddr_t ma = 0;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    e = grant(g, 12, 2, RAM_GFN + 5, GTF_permit_access);
    CHECK_EQ(map(m, 1, 12, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    ma = page_to_maddr(ram_page(g, 5));

    CHECK_EQ(unmap(m, h + 1, MAP_GFN), GNTST_bad_handle);
    CHECK_EQ(unmap(m, 100000, MAP_GFN), GNTST_bad_handle);
    CHECK_EQ(unmap(m, ~0U, MAP_GFN), GNTST_bad_handle);
    /* Another domain's handle means nothing here. */
    CHECK_EQ(unmap(g, h, MAP_GFN), GNTST_bad_handle);

    /* host_addr must be where it is mapped. */
    CHECK_EQ(unmap(m, h, MAP_GFN + 1), GNTST_general_error);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_grant_map_rw);

    /* dev_bus_addr, when given, must be the frame's. */
    u = (struct gnttab_unmap_grant_ref){ .host_addr = MAP_GFN << PAGE_SHIFT,
                                         .dev_bus_addr = ma + PG,
                                         .handle = h };
    CHECK_EQ(gop(m, GNTTABOP_unmap_grant_ref, &u, 1), 0);
    CHECK_EQ(u.status, GNTST_general_error);

    /* host_addr 0 names nothing to unmap: a successful no-op, as Xen. */
    u = (struct gnttab_unmap_grant_ref){ .handle = h };
    CHECK_EQ(gop(m, GNTTABOP_unmap_grant_ref, &u, 1), 0);
    CHECK_EQ(u.status, GNTST_okay);
    CHECK_EQ(gnttab_mappings_in_use(m), 1);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_grant_map_rw);

    /* unmap_and_replace: Arm wants new_addr 0. */
    r = (struct gnttab_unmap_and_replace){ .host_addr = MAP_GFN << PAGE_SHIFT,
                                           .new_addr = (MAP_GFN + 9)
                                                       << PAGE_SHIFT,
                                           .handle = h };
    CHECK_EQ(gop(m, GNTTABOP_unmap_and_replace, &r, 1), 0);
    CHECK_EQ(r.status, GNTST_general_error);
    CHECK_EQ(gnttab_mappings_in_use(m), 1);
    r.new_addr = 0;
    r.handle = h + 7;
    CHECK_EQ(gop(m, GNTTABOP_unmap_and_replace, &r, 1), 0);
    CHECK_EQ(r.status, GNTST_bad_handle);
    r.handle = h;
    CHECK_EQ(gop(m, GNTTABOP_unmap_and_replace, &r, 1), 0);
    CHECK_EQ(r.status, GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_invalid);

    /* The right dev_bus_addr is accepted. */
    CHECK_EQ(map(m, 1, 12, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    u = (struct gnttab_unmap_grant_ref){ .host_addr = MAP_GFN << PAGE_SHIFT,
                                         .dev_bus_addr = ma,
                                         .handle = h };
    CHECK_EQ(gop(m, GNTTABOP_unmap_grant_ref, &u, 1), 0);
    CHECK_EQ(u.status, GNTST_okay);

    /* The guest unmapped the gfn behind our back: still released, cleanly. */
    CHECK_EQ(map(m, 1, 12, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    p2m_insert_mapping(m, _gfn(MAP_GFN), 1, page_to_mfn(ram_page(m, 0)),
                       p2m_ram_rw);
    CHECK_EQ(unmap(m, h, MAP_GFN), GNTST_okay);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_ram_rw);
    p2m_remove_mapping(m, _gfn(MAP_GFN), 1);

    CHECK_EQ(e->flags, GTF_permit_access);
    CHECK_EQ(refs(ram_page(g, 5)), 1);
    CHECK_EQ(gnttab_mappings_in_use(m), 0);
    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

/* gntalloc and gntdev in one dom0: a domain maps its own grants. */
TEST(self_map)
{
    struct domain *d;
    struct grant_entry_v1 *e;
    grant_handle_t h;

    setup();
    d = dom_create(0, 0, true, 4);
    e = grant(d, 40, 0, RAM_GFN + 6, GTF_permit_access);
    CHECK_EQ(map(d, 0, 40, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access | GTF_reading | GTF_writing);
    CHECK(mfn_eq(p2m_mfn_at(d, MAP_GFN), page_to_mfn(ram_page(d, 6))));
    CHECK_EQ(atomic_read(&d->refcnt), 2);
    CHECK_EQ(gnttab_mappings_in_use(d), 1);
    CHECK_EQ(unmap(d, h, MAP_GFN), GNTST_okay);
    CHECK_EQ(e->flags, GTF_permit_access);
    CHECK_EQ(atomic_read(&d->refcnt), 1);

    /* Left mapped: the kill-time release drops the self-reference. */
    CHECK_EQ(map(d, 0, 40, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    dom_destroy(d);
    CHECK_ALL_FREED();
}

TEST(batches)
{
    struct domain *g, *m;
    struct gnttab_map_grant_ref ops[3];
    struct gnttab_unmap_grant_ref uops[3];
    unsigned int i;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    grant(g, 50, 2, RAM_GFN + 7, GTF_permit_access);
    grant(g, 52, 2, RAM_GFN + 8, GTF_permit_access | GTF_readonly);

    for ( i = 0; i < 3; i++ )
        ops[i] = (struct gnttab_map_grant_ref){
            .host_addr = (MAP_GFN + i) << PAGE_SHIFT,
            .flags = GNTMAP_host_map | (i == 2 ? GNTMAP_readonly : 0),
            .ref = 50 + i,
            .dom = 1,
        };
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, ops, 3), 0);
    CHECK_EQ(ops[0].status, GNTST_okay);
    CHECK_EQ(ops[1].status, GNTST_general_error); /* entry 51 empty */
    CHECK_EQ(ops[2].status, GNTST_okay);
    CHECK(ops[0].handle != ops[2].handle);
    CHECK_EQ(gnttab_mappings_in_use(m), 2);

    for ( i = 0; i < 3; i++ )
        uops[i] = (struct gnttab_unmap_grant_ref){
            .host_addr = (MAP_GFN + i) << PAGE_SHIFT,
            .handle = ops[i].handle,
            .status = 99,
        };
    uops[1].handle = 4000;
    CHECK_EQ(gop(m, GNTTABOP_unmap_grant_ref, uops, 3), 0);
    CHECK_EQ(uops[0].status, GNTST_okay);
    CHECK_EQ(uops[1].status, GNTST_bad_handle);
    CHECK_EQ(uops[2].status, GNTST_okay);
    CHECK_EQ(gnttab_mappings_in_use(m), 0);

    /* Global errors. */
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, ops, 0), 0);
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, ops, GNTTAB_MAX_BATCH + 1),
             -EINVAL);
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, ops, 0x80000000U), -EINVAL);
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, NULL, 1), -EFAULT);
    CHECK_EQ(gop(m, GNTTABOP_unmap_grant_ref, NULL, 1), -EFAULT);
    CHECK_EQ(gop(m, GNTTABOP_unmap_and_replace, NULL, 1), -EFAULT);
    CHECK_EQ(gop(m, GNTTABOP_copy, NULL, 1), -EFAULT);
    CHECK_EQ(gop(m, GNTTABOP_cache_flush, NULL, 1), -EFAULT);
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref | (1u << 12), ops, 1), -EINVAL);
    CHECK_EQ(gop(m, GNTTABOP_dump_table, ops, 1), -ENOSYS);
    CHECK_EQ(gop(m, GNTTABOP_transfer, ops, 1), -ENOSYS);
    CHECK_EQ(gop(m, GNTTABOP_get_status_frames, ops, 1), -ENOSYS);
    CHECK_EQ(gop(m, GNTTABOP_swap_grant_ref, ops, 1), -ENOSYS);
    CHECK_EQ(gop(m, 13, ops, 1), -ENOSYS);
    CHECK_EQ(gop(m, 0xfff, ops, 1), -ENOSYS);

    /* A fault writing back the result: -EFAULT; the mapping stays. */
    ops[0].status = 99;
    copy_budget = 1;
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, ops, 1), -EFAULT);
    copy_budget = -1;
    CHECK_EQ(gnttab_mappings_in_use(m), 1);
    /* A fault on the second entry: the first is done and reported. */
    ops[1] = ops[0];
    ops[1].host_addr = (MAP_GFN + 5) << PAGE_SHIFT;
    copy_budget = 2;
    CHECK_EQ(gop(m, GNTTABOP_map_grant_ref, ops, 3), -EFAULT);
    copy_budget = -1;
    CHECK_EQ(ops[0].status, GNTST_okay);
    CHECK_EQ(gnttab_mappings_in_use(m), 2);

    /* Both left mapped: the kill-time release undoes them. */
    CHECK_EQ(atomic_read(&g->refcnt), 3);
    dom_destroy(m);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    CHECK_EQ(entry(g, 50)->flags, GTF_permit_access);
    dom_destroy(g);
    CHECK_ALL_FREED();
}

/* Handles come from maptrack pages added on demand, up to the limit. */
TEST(maptrack_growth)
{
    static grant_handle_t h[300];
    struct domain *g, *m, *small;
    unsigned int i;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    small = dom_create(2, 3, false, 1);
    grant(g, 60, 2, RAM_GFN + 9, GTF_permit_access);
    grant(g, 61, 3, RAM_GFN + 10, GTF_permit_access);

    for ( i = 0; i < 300; i++ )
        CHECK_EQ(map(m, 1, 60, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN + i,
                     &h[i]),
                 GNTST_okay);
    CHECK_EQ(gnttab_mappings_in_use(m), 300);
    CHECK_EQ(refs(ram_page(g, 9)), 301);
    for ( i = 0; i < 300; i += 2 )
        CHECK_EQ(unmap(m, h[i], MAP_GFN + i), GNTST_okay);
    for ( i = 1; i < 300; i += 2 )
        CHECK_EQ(unmap(m, h[i], MAP_GFN + i), GNTST_okay);
    CHECK_EQ(entry(g, 60)->flags, GTF_permit_access);
    CHECK_EQ(refs(ram_page(g, 9)), 1);

    /* One maptrack page: 128 handles. */
    for ( i = 0; i < 128; i++ )
        CHECK_EQ(map(small, 1, 61, GNTMAP_host_map | GNTMAP_readonly,
                     MAP_GFN + i, &h[i]),
                 GNTST_okay);
    CHECK_EQ(map(small, 1, 61, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN + 200,
                 NULL),
             GNTST_no_device_space);
    CHECK_EQ(unmap(small, h[5], MAP_GFN + 5), GNTST_okay);
    CHECK_EQ(map(small, 1, 61, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN + 200,
                 &h[5]),
             GNTST_okay);

    dom_destroy(small);
    dom_destroy(m);
    dom_destroy(g);
    CHECK_ALL_FREED();
}

/* Pin counts saturate instead of wrapping. */
TEST(pin_limit)
{
    struct domain *g, *m;
    grant_handle_t h;
    unsigned int i;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 1024);
    grant(g, 62, 2, RAM_GFN + 11, GTF_permit_access);
    for ( i = 0; i < 0xffff; i++ )
        if ( map(m, 1, 62, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN, &h) !=
             GNTST_okay )
            break;
    CHECK_EQ(i, 0xffff);
    CHECK_EQ(map(m, 1, 62, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN, NULL),
             GNTST_general_error);
    /* The writable count is separate. */
    CHECK_EQ(map(m, 1, 62, GNTMAP_host_map, MAP_GFN + 1, &h), GNTST_okay);
    CHECK_EQ(refs(ram_page(g, 11)), 0x10001);
    dom_destroy(m);
    CHECK_EQ(refs(ram_page(g, 11)), 1);
    CHECK_EQ(entry(g, 62)->flags, GTF_permit_access);
    dom_destroy(g);
    CHECK_ALL_FREED();
}

/* ---------------------------------------------------------------------- */
/* Copy                                                                    */

static int16_t copy(struct domain *caller, const struct gnttab_copy *in)
{
    struct gnttab_copy c = *in;

    c.status = 99;
    CHECK_EQ(gop(caller, GNTTABOP_copy, &c, 1), 0);
    return c.status;
}

static char *page_va(struct domain *d, unsigned int i)
{
    return page_to_virt(ram_page(d, i));
}

TEST(copy_combinations)
{
    struct domain *g, *m;
    struct gnttab_copy c;
    char *gsrc, *gdst, *msrc, *mdst;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    gsrc = page_va(g, 0);
    gdst = page_va(g, 1);
    msrc = page_va(m, 0);
    mdst = page_va(m, 1);
    memcpy(gsrc + 100, "granted", 8);
    memcpy(msrc + 200, "caller's", 9);
    grant(g, 70, 2, RAM_GFN, GTF_permit_access | GTF_readonly);
    grant(g, 71, 2, RAM_GFN + 1, GTF_permit_access);

    /* gmfn -> gmfn: within the caller. */
    c = (struct gnttab_copy){
        .source = { .u.gmfn = RAM_GFN, .domid = DOMID_SELF, .offset = 200 },
        .dest = { .u.gmfn = RAM_GFN + 1, .domid = DOMID_SELF, .offset = 10 },
        .len = 9
    };
    CHECK_EQ(copy(m, &c), GNTST_okay);
    CHECK(!memcmp(mdst + 10, "caller's", 9));

    /* gref -> gmfn: netback's receive side. */
    c = (struct gnttab_copy){
        .source = { .u.ref = 70, .domid = 1, .offset = 100 },
        .dest = { .u.gmfn = RAM_GFN + 1, .domid = DOMID_SELF, .offset = 300 },
        .len = 8,
        .flags = GNTCOPY_source_gref
    };
    CHECK_EQ(copy(m, &c), GNTST_okay);
    CHECK(!memcmp(mdst + 300, "granted", 8));

    /* gmfn -> gref: netback's transmit side. */
    c = (struct gnttab_copy){
        .source = { .u.gmfn = RAM_GFN, .domid = DOMID_SELF, .offset = 200 },
        .dest = { .u.ref = 71, .domid = 1, .offset = 4087 },
        .len = 9,
        .flags = GNTCOPY_dest_gref
    };
    CHECK_EQ(copy(m, &c), GNTST_okay);
    CHECK(!memcmp(gdst + 4087, "caller's", 9));

    /* gref -> gref, both of the same granter. */
    c = (struct gnttab_copy){
        .source = { .u.ref = 70, .domid = 1, .offset = 100 },
        .dest = { .u.ref = 71, .domid = 1, .offset = 0 },
        .len = 8,
        .flags = GNTCOPY_source_gref | GNTCOPY_dest_gref
    };
    CHECK_EQ(copy(m, &c), GNTST_okay);
    CHECK(!memcmp(gdst, "granted", 8));

    /* Within one granted page (overlapping). */
    memcpy(gdst + 1000, "abcdef", 6);
    c = (struct gnttab_copy){
        .source = { .u.ref = 71, .domid = 1, .offset = 1000 },
        .dest = { .u.ref = 71, .domid = 1, .offset = 1002 },
        .len = 4,
        .flags = GNTCOPY_source_gref | GNTCOPY_dest_gref
    };
    CHECK_EQ(copy(m, &c), GNTST_okay);
    CHECK(!memcmp(gdst + 1000, "ababcd", 6));

    /* Whole page, and zero length at the very end. */
    c = (struct gnttab_copy){ .source = { .u.ref = 70, .domid = 1 },
                              .dest = { .u.gmfn = RAM_GFN + 2,
                                        .domid = DOMID_SELF },
                              .len = 4096,
                              .flags = GNTCOPY_source_gref };
    CHECK_EQ(copy(m, &c), GNTST_okay);
    CHECK(!memcmp(page_va(m, 2), gsrc, 4096));
    c.source.offset = 4096;
    c.len = 0;
    CHECK_EQ(copy(m, &c), GNTST_okay);

    /* Flags and references are all back where they were. */
    CHECK_EQ(entry(g, 70)->flags, GTF_permit_access | GTF_readonly);
    CHECK_EQ(entry(g, 71)->flags, GTF_permit_access);
    CHECK_EQ(refs(ram_page(g, 0)), 1);
    CHECK_EQ(refs(ram_page(g, 1)), 1);
    CHECK_EQ(refs(ram_page(m, 0)), 1);
    CHECK_EQ(refs(ram_page(m, 1)), 1);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    CHECK_EQ(atomic_read(&m->refcnt), 1);

    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

TEST(copy_errors)
{
    struct domain *g, *m, *m2;
    struct gnttab_copy c, ok;
    struct gnttab_copy batch[3];
    grant_handle_t h;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    m2 = dom_create(2, 3, false, 4);
    grant(g, 80, 2, RAM_GFN + 3, GTF_permit_access);
    grant(g, 81, 2, RAM_GFN + 4, GTF_permit_access | GTF_readonly);
    grant(g, 82, 3, RAM_GFN + 5, GTF_permit_access);
    grant(g, 83, 2, HOLE_GFN, GTF_permit_access);

    ok = (struct gnttab_copy){ .source = { .u.ref = 80, .domid = 1 },
                               .dest = { .u.gmfn = RAM_GFN,
                                         .domid = DOMID_SELF },
                               .len = 16,
                               .flags = GNTCOPY_source_gref };
    CHECK_EQ(copy(m, &ok), GNTST_okay);

    /* Offsets and lengths beyond the page. */
    c = ok;
    c.source.offset = 4090;
    CHECK_EQ(copy(m, &c), GNTST_bad_copy_arg);
    c = ok;
    c.dest.offset = 4081;
    CHECK_EQ(copy(m, &c), GNTST_bad_copy_arg);
    c = ok;
    c.len = 4097;
    CHECK_EQ(copy(m, &c), GNTST_bad_copy_arg);
    c = ok;
    c.source.offset = 0xffff;
    c.len = 0xffff;
    CHECK_EQ(copy(m, &c), GNTST_bad_copy_arg);
    c = ok;
    c.flags = 0;
    c.source = (struct gnttab_copy_ptr){ .u.gmfn = RAM_GFN + 1,
                                         .domid = DOMID_SELF,
                                         .offset = 1 };
    c.len = 4096;
    CHECK_EQ(copy(m, &c), GNTST_bad_copy_arg);
    CHECK_EQ(entry(g, 80)->flags, GTF_permit_access);

    /* A frame number is only for DOMID_SELF, even for one's own id. */
    c = ok;
    c.dest.domid = 2;
    CHECK_EQ(copy(m, &c), GNTST_permission_denied);
    c = ok;
    c.flags = 0;
    c.source = (struct gnttab_copy_ptr){ .u.gmfn = RAM_GFN, .domid = 1 };
    CHECK_EQ(copy(m, &c), GNTST_permission_denied);

    /* Domains and refs. */
    c = ok;
    c.source.domid = 42;
    CHECK_EQ(copy(m, &c), GNTST_bad_domain);
    c = ok;
    c.source.u.ref = 512;
    CHECK_EQ(copy(m, &c), GNTST_bad_gntref);
    c = ok;
    c.source.u.ref = 82; /* granted to someone else */
    CHECK_EQ(copy(m, &c), GNTST_general_error);
    c = ok;
    c.source.u.ref = 84; /* empty */
    CHECK_EQ(copy(m, &c), GNTST_general_error);
    c = ok; /* a read-only grant as destination */
    c.flags = GNTCOPY_dest_gref;
    c.source =
        (struct gnttab_copy_ptr){ .u.gmfn = RAM_GFN, .domid = DOMID_SELF };
    c.dest = (struct gnttab_copy_ptr){ .u.ref = 81, .domid = 1 };
    CHECK_EQ(copy(m, &c), GNTST_general_error);
    CHECK_EQ(entry(g, 81)->flags, GTF_permit_access | GTF_readonly);

    /* Frames that are not RAM. */
    c = ok;
    c.source.u.ref = 83;
    CHECK_EQ(copy(m, &c), GNTST_bad_page);
    CHECK_EQ(entry(g, 83)->flags, GTF_permit_access);
    c = ok;
    c.dest.u.gmfn = HOLE_GFN;
    CHECK_EQ(copy(m, &c), GNTST_bad_page);
    c = ok;
    fake_of(m)->p2m[RAM_GFN].t = p2m_ram_ro;
    CHECK_EQ(copy(m, &c), GNTST_bad_page);
    fake_of(m)->p2m[RAM_GFN].t = p2m_ram_rw;
    c = ok;
    c.dest.u.gmfn = TABLE_GFN; /* the caller's grant-table frame */
    table_frame(m, 0);
    CHECK_EQ(copy(m, &c), GNTST_bad_page);

    /* A grant mapped by the caller can be copied too; another's cannot. */
    CHECK_EQ(map(m, 1, 80, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN, &h),
             GNTST_okay);
    CHECK_EQ(copy(m, &ok), GNTST_okay);
    CHECK_EQ(entry(g, 80)->flags, GTF_permit_access | GTF_reading);
    c = ok;
    c.dest.u.gmfn = RAM_GFN;
    CHECK_EQ(copy(m2, &c), GNTST_general_error);
    CHECK_EQ(unmap(m, h, MAP_GFN), GNTST_okay);

    /* A batch: each its own status. */
    batch[0] = ok;
    batch[1] = ok;
    batch[1].len = 5000;
    batch[2] = ok;
    batch[2].source.domid = 42;
    CHECK_EQ(gop(m, GNTTABOP_copy, batch, 3), 0);
    CHECK_EQ(batch[0].status, GNTST_okay);
    CHECK_EQ(batch[1].status, GNTST_bad_copy_arg);
    CHECK_EQ(batch[2].status, GNTST_bad_domain);
    copy_budget = 1;
    CHECK_EQ(gop(m, GNTTABOP_copy, batch, 3), -EFAULT);
    copy_budget = -1;

    CHECK_EQ(entry(g, 80)->flags, GTF_permit_access);
    CHECK_EQ(refs(ram_page(g, 3)), 1);
    CHECK_EQ(refs(ram_page(m, 0)), 1);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    CHECK_EQ(atomic_read(&m->refcnt), 1);
    dom_destroy(g);
    dom_destroy(m);
    dom_destroy(m2);
    CHECK_ALL_FREED();
}

/* ---------------------------------------------------------------------- */
/* Cache flush                                                             */

static long flush(struct domain *caller, paddr_t ma, uint16_t off, uint16_t len,
                  uint32_t op)
{
    struct gnttab_cache_flush f = {
        .a.dev_bus_addr = ma, .offset = off, .length = len, .op = op
    };

    return gop(caller, GNTTABOP_cache_flush, &f, 1);
}

TEST(cache_flush)
{
    struct domain *g, *m;
    grant_handle_t h;
    paddr_t own, foreign;
    void *xen_page;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    own = page_to_maddr(ram_page(m, 0));
    foreign = page_to_maddr(ram_page(g, 6));
    grant(g, 90, 2, RAM_GFN + 6, GTF_permit_access);

    /* Linux's probe. */
    CHECK_EQ(flush(m, 0, 0, 0, 0), 0);
    CHECK_EQ(flush_calls, 0);

    CHECK_EQ(flush(m, own, 4096, 0, GNTTAB_CACHE_CLEAN), -EINVAL);
    CHECK_EQ(flush(m, own, 0, 4097, GNTTAB_CACHE_CLEAN), -EINVAL);
    CHECK_EQ(flush(m, own, 4000, 97, GNTTAB_CACHE_CLEAN), -EINVAL);
    CHECK_EQ(
        flush(m, own, 0, 64, GNTTAB_CACHE_SOURCE_GREF | GNTTAB_CACHE_CLEAN),
        -EINVAL);
    CHECK_EQ(flush(m, own, 0, 64, 4), -EINVAL);
    CHECK_EQ(flush(m, own, 0, 0, GNTTAB_CACHE_CLEAN), 0);
    CHECK_EQ(flush_calls, 0);

    /* Own RAM. */
    CHECK_EQ(flush(m, own, 128, 64, GNTTAB_CACHE_CLEAN), 0);
    CHECK_EQ(flush_calls, 1);
    CHECK(flush_va == (char *)page_to_virt(ram_page(m, 0)) + 128);
    CHECK_EQ(flush_len, 64);
    CHECK(!flush_inval);
    /* Low bits of the address are not the offset. */
    CHECK_EQ(
        flush(m, own + 5, 0, 4096, GNTTAB_CACHE_CLEAN | GNTTAB_CACHE_INVAL), 0);
    CHECK(flush_va == page_to_virt(ram_page(m, 0)));
    CHECK_EQ(flush_len, 4096);
    CHECK(flush_inval);
    CHECK_EQ(flush(m, own, 0, 1, GNTTAB_CACHE_INVAL), 0);
    CHECK(flush_inval);
    CHECK_EQ(refs(ram_page(m, 0)), 1);

    /* A foreign page: only while the caller has it grant-mapped. */
    flush_calls = 0;
    CHECK_EQ(flush(m, foreign, 0, 64, GNTTAB_CACHE_CLEAN), -EINVAL);
    CHECK_EQ(map(m, 1, 90, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    CHECK_EQ(flush(m, foreign, 0, 64, GNTTAB_CACHE_CLEAN), 0);
    CHECK_EQ(flush_calls, 1);
    CHECK(flush_va == page_to_virt(ram_page(g, 6)));
    /* The granter flushes its own page itself. */
    CHECK_EQ(flush(g, foreign, 0, 64, GNTTAB_CACHE_INVAL), 0);
    CHECK_EQ(unmap(m, h, MAP_GFN), GNTST_okay);
    CHECK_EQ(flush(m, foreign, 0, 64, GNTTAB_CACHE_CLEAN), -EINVAL);

    /* Not a frame at all, and hypervisor memory. */
    CHECK_EQ(flush(m, ram + RAM_SIZE + 16 * PG, 0, 64, GNTTAB_CACHE_CLEAN),
             -EINVAL);
    xen_page = alloc_xenheap_page();
    CHECK_EQ(flush(m, virt_to_maddr(xen_page), 0, 64, GNTTAB_CACHE_CLEAN),
             -EPERM);
    free_xenheap_page(xen_page);

    /* A batch stops at the first failure; high cmd bits are ignored. */
    {
        struct gnttab_cache_flush f[2] = {
            { .a.dev_bus_addr = own, .length = 8, .op = GNTTAB_CACHE_CLEAN },
            { .a.dev_bus_addr = foreign,
              .length = 8,
              .op = GNTTAB_CACHE_CLEAN },
        };

        flush_calls = 0;
        CHECK_EQ(gop(m, GNTTABOP_cache_flush | (3u << 12), f, 2), -EINVAL);
        CHECK_EQ(flush_calls, 1);
    }

    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

/* ---------------------------------------------------------------------- */
/* Tear-down                                                               */

TEST(destroy_releases_everything)
{
    struct domain *g, *m;
    struct grant_entry_v1 *e1, *e2, *e3;
    grant_handle_t h;
    mfn_t mfn;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, true, 4);
    /* Both tables grown, so there is something to free. */
    CHECK_EQ(gnttab_map_frame(g, 5, _gfn(TABLE_GFN + 5), &mfn), 0);
    CHECK_EQ(gnttab_map_frame(m, 2, _gfn(TABLE_GFN + 2), &mfn), 0);
    e1 = grant(g, 100, 2, RAM_GFN + 10, GTF_permit_access);
    e2 = grant(g, 2600, 2, RAM_GFN + 11, GTF_permit_access);
    e3 = grant(m, 5, 2, RAM_GFN + 1, GTF_permit_access);
    CHECK_EQ(map(m, 1, 100, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    CHECK_EQ(map(m, 1, 100, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN + 1, &h),
             GNTST_okay);
    CHECK_EQ(
        map(m, 1, 2600, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN + 2, &h),
        GNTST_okay);
    CHECK_EQ(map(m, 2, 5, GNTMAP_host_map, MAP_GFN + 3, &h), GNTST_okay);
    CHECK_EQ(gnttab_mappings_in_use(m), 4);
    CHECK_EQ(atomic_read(&g->refcnt), 4);
    CHECK_EQ(atomic_read(&m->refcnt), 2);

    /*
     * The granter dies first: its pages outlive it while mapped, and its
     * struct domain too (the mappings hold references on it).
     */
    gnttab_release_mappings(g);
    fake_of(g)->ram[10]->count_info &= ~PGC_allocated;
    put_page(fake_of(g)->ram[10]);
    fake_of(g)->ram[10] = NULL;
    CHECK_EQ(mfn_to_page(p2m_mfn_at(m, MAP_GFN))->count_info & PGC_count_mask,
             2);
    /* It is still pinned, but no new user can take the page any more. */
    CHECK_EQ(map(m, 1, 100, GNTMAP_host_map, MAP_GFN + 4, NULL),
             GNTST_general_error);
    {
        struct gnttab_copy c = {
            .source = { .u.ref = 100, .domid = 1 },
            .dest = { .u.gmfn = RAM_GFN, .domid = DOMID_SELF },
            .len = 8,
            .flags = GNTCOPY_source_gref,
        };

        CHECK_EQ(copy(m, &c), GNTST_bad_domain);
    }
    CHECK_EQ(e1->flags, GTF_permit_access | GTF_reading | GTF_writing);

    /* The mapper is killed: everything it held goes. */
    gnttab_release_mappings(m);
    CHECK_EQ(gnttab_mappings_in_use(m), 0);
    CHECK_EQ(p2m_type_at(m, MAP_GFN), p2m_invalid);
    CHECK_EQ(p2m_type_at(m, MAP_GFN + 2), p2m_invalid);
    CHECK_EQ(p2m_type_at(m, MAP_GFN + 3), p2m_invalid);
    CHECK_EQ(e1->flags, GTF_permit_access);
    CHECK_EQ(e2->flags, GTF_permit_access);
    CHECK_EQ(e3->flags, GTF_permit_access);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    CHECK_EQ(atomic_read(&m->refcnt), 1);
    CHECK_EQ(refs(ram_page(g, 11)), 1);

    /* Granter's page 10 is gone now that nobody maps it. */
    fake_of(g)->ram[10] = alloc_domheap_page(g, 0);
    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

/* grant_table_destroy() alone also undoes the mappings. */
TEST(destroy_without_release)
{
    struct domain *g, *m;
    grant_handle_t h;

    setup();
    g = dom_create(0, 1, false, 4);
    m = dom_create(1, 2, false, 4);
    grant(g, 7, 2, RAM_GFN + 12, GTF_permit_access);
    CHECK_EQ(map(m, 1, 7, GNTMAP_host_map, MAP_GFN, &h), GNTST_okay);
    grant_table_destroy(m);
    CHECK(m->grant_table == NULL);
    CHECK_EQ(entry(g, 7)->flags, GTF_permit_access);
    CHECK_EQ(refs(ram_page(g, 12)), 1);
    CHECK_EQ(atomic_read(&g->refcnt), 1);
    CHECK_EQ(gnttab_mappings_in_use(m), 0);
    /* Without a table the hypercall is unavailable. */
    {
        struct gnttab_query_size q = { .dom = DOMID_SELF };

        CHECK_EQ(gop(m, GNTTABOP_query_size, &q, 1), -ENOSYS);
    }
    dom_destroy(g);
    dom_destroy(m);
    CHECK_ALL_FREED();
}

TESTS(T(layouts), T(init_limits), T(query_size), T(set_and_get_version),
      T(map_frame_growth), T(setup_table), T(map_unmap_writable),
      T(read_write_transitions), T(map_errors), T(concurrent_revoke),
      T(unmap_errors), T(self_map), T(batches), T(maptrack_growth),
      T(pin_limit), T(copy_combinations), T(copy_errors), T(cache_flush),
      T(destroy_releases_everything), T(destroy_without_release))
