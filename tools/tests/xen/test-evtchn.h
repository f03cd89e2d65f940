/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A fake machine for the event channel tests (test-evtchn*.c; include it
 * from exactly one file per program).  It stands in for everything the
 * event code calls outside itself:
 *
 *  - guest RAM: host pages with a frame table (machine address == host
 *    address, as with the hypervisor's 1:1 map); get_page_from_gfn() and
 *    put_page() count references, so a test can check none are left;
 *  - domains with up to NR_TVCPUS vCPUs, each with a window of DOM_GFNS
 *    guest frames of its own (any of which a test may retype or remap);
 *  - guest pointers are host pointers; those at or above BAD_GVA fault,
 *    and fail_copy_to makes every copy to the guest fail;
 *  - xmalloc counts live allocations (fail_alloc_in = n fails the n-th next);
 *  - the upcall interrupt is a counter per vCPU.
 */
#ifndef TEST_EVTCHN_H
#define TEST_EVTCHN_H

#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include <xen/errno.h>
#include <xen/event_channel.h>
#include <xen/guest_access.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>

#define RAM_PAGES   1024
#define DOM_GFNS    256
#define MAX_TDOMS   (RAM_PAGES / DOM_GFNS)
#define NR_TVCPUS   4
#define GFN_BASE    0x40000UL       /* first gfn of every domain's window */
#define BAD_GVA     0xdead000000000000ULL

struct tdom {
    struct domain d;
    struct vcpu v[NR_TVCPUS];
    struct vcpu *vcpus[NR_TVCPUS];
    unsigned int slot;
    unsigned long page_of[DOM_GFNS];    /* RAM page behind each gfn */
    p2m_type_t type[DOM_GFNS];
    unsigned long next_gfn;             /* for tdom_page() */
    unsigned int injects[NR_TVCPUS];
};

static char *ram;
static struct tdom *tdoms[MAX_TDOMS];
static long live_allocs;
static int fail_alloc_in;               /* the n-th next xmalloc fails */
static bool fail_copy_to;

/* ---------------------------------------------------------------------- */
/* Stand-ins for the rest of the hypervisor                                */

struct page_info *frame_table;
unsigned long frametable_base_mfn, frametable_nr;
struct vcpu *per_cpu__curr_vcpu;

void *_xmalloc(size_t size, size_t align)
{
    void *p;

    if ( fail_alloc_in && --fail_alloc_in == 0 )
        return NULL;
    align = align < 16 ? 16 : align;
    p = aligned_alloc(align, (size + align - 1) & ~(align - 1));
    if ( p )
        __atomic_add_fetch(&live_allocs, 1, __ATOMIC_SEQ_CST);
    return p;
}

void *_xzalloc(size_t size, size_t align)
{
    void *p = _xmalloc(size, align);

    return p ? memset(p, 0, size) : NULL;
}

void xfree(void *p)
{
    if ( !p )
        return;
    __atomic_sub_fetch(&live_allocs, 1, __ATOMIC_SEQ_CST);
    free(p);
}

unsigned long raw_copy_from_guest(void *to, uint64_t from, unsigned long len)
{
    if ( from >= BAD_GVA )
        return len;
    memcpy(to, (void *)(uintptr_t)from, len);
    return 0;
}

unsigned long raw_copy_to_guest(uint64_t to, const void *from,
                                unsigned long len)
{
    if ( to >= BAD_GVA || fail_copy_to )
        return len;
    memcpy((void *)(uintptr_t)to, from, len);
    return 0;
}

static struct tdom *tdom_of(const struct domain *d)
{
    return container_of(d, struct tdom, d);
}

struct page_info *get_page_from_gfn(struct domain *d, gfn_t gfn,
                                    p2m_type_t *t)
{
    struct tdom *td = tdom_of(d);
    unsigned long i = gfn_x(gfn) - GFN_BASE;
    struct page_info *pg;

    *t = i < DOM_GFNS ? td->type[i] : p2m_invalid;
    if ( !p2m_is_ram(*t) )
        return NULL;
    pg = frame_table + td->page_of[i];
    __atomic_add_fetch(&pg->count_info, 1, __ATOMIC_SEQ_CST);
    return pg;
}

void put_page(struct page_info *pg)
{
    CHECK(pg->count_info > 0);
    __atomic_sub_fetch(&pg->count_info, 1, __ATOMIC_SEQ_CST);
}

bool get_domain(struct domain *d)
{
    return atomic_add_return(1, &d->refcnt) > 1;
}

void put_domain(struct domain *d)
{
    CHECK(atomic_add_return(-1, &d->refcnt) > 0);
}

struct domain *get_domain_by_any_id(domid_t domid)
{
    unsigned int i;

    if ( domid == DOMID_SELF )
        domid = current->domain->domain_id;
    for ( i = 0; i < MAX_TDOMS; i++ )
        if ( tdoms[i] && tdoms[i]->d.domain_id == domid )
            return get_domain(&tdoms[i]->d) ? &tdoms[i]->d : NULL;
    return NULL;
}

void arch_evtchn_inject(struct vcpu *v)
{
    __atomic_add_fetch(&tdom_of(v->domain)->injects[v->vcpu_id], 1,
                       __ATOMIC_SEQ_CST);
}

/* ---------------------------------------------------------------------- */
/* Test helpers                                                            */

/* Fresh RAM, no references, no allocations: call first in every test. */
static inline void env_reset(void)
{
    if ( !ram ) {
        ram = aligned_alloc(PAGE_SIZE, RAM_PAGES * PAGE_SIZE);
        frame_table = calloc(RAM_PAGES, sizeof(*frame_table));
        frametable_base_mfn = (uintptr_t)ram >> PAGE_SHIFT;
        frametable_nr = RAM_PAGES;
    }
    memset(ram, 0, RAM_PAGES * PAGE_SIZE);
    memset(frame_table, 0, RAM_PAGES * sizeof(*frame_table));
    memset(tdoms, 0, sizeof(tdoms));
    live_allocs = 0;
    fail_alloc_in = 0;
    fail_copy_to = false;
    current = NULL;
}

/* Nothing allocated, no page referenced: call last in every test. */
static inline void env_check_clean(void)
{
    unsigned int i;

    CHECK_EQ(live_allocs, 0);
    for ( i = 0; i < RAM_PAGES; i++ )
        CHECK_EQ(frame_table[i].count_info, 0);
}

static inline struct tdom *tdom_new(domid_t id, unsigned int nr_vcpus,
                                    bool privileged)
{
    struct tdom *td = calloc(1, sizeof(*td));
    struct domain *d = &td->d;
    unsigned int i;

    for ( td->slot = 0; tdoms[td->slot]; td->slot++ )
        ;
    tdoms[td->slot] = td;
    d->domain_id = id;
    d->is_privileged = privileged;
    d->max_vcpus = nr_vcpus;
    d->vcpu = td->vcpus;
    atomic_set(&d->refcnt, 1);
    d->shared_info = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
    memset(d->shared_info, 0, PAGE_SIZE);
    for ( i = 0; i < nr_vcpus; i++ ) {
        td->v[i].vcpu_id = i;
        td->v[i].domain = d;
        td->v[i].vcpu_info_mfn = INVALID_MFN;
        if ( i )
            set_bit(_VPF_down, &td->v[i].pause_flags);
        td->vcpus[i] = &td->v[i];
    }
    for ( i = 0; i < DOM_GFNS; i++ ) {
        td->page_of[i] = td->slot * DOM_GFNS + i;
        td->type[i] = p2m_ram_rw;
    }
    td->next_gfn = GFN_BASE;
    CHECK_EQ(evtchn_domain_init(d, 1023), 0);
    return td;
}

/* Destroys the domain's event state, checks it is all gone, frees it. */
static inline void tdom_free(struct tdom *td)
{
    evtchn_domain_destroy(&td->d);
    CHECK_EQ(evtchn_ports_in_use(&td->d), 0);
    CHECK(td->d.evtchn_bucket == NULL && td->d.evtchn_fifo == NULL);
    CHECK_EQ(atomic_read(&td->d.refcnt), 1);
    tdoms[td->slot] = NULL;
    free(td->d.shared_info);
    free(td);
}

/* The guest's view of one of its frames. */
static inline void *gfn_va(struct tdom *td, unsigned long gfn)
{
    return ram + td->page_of[gfn - GFN_BASE] * PAGE_SIZE;
}

/* A fresh gfn of td's RAM, for a test to hand to the hypervisor. */
static inline unsigned long tdom_page(struct tdom *td)
{
    return td->next_gfn++;
}

static inline uint64_t gva(const void *p)
{
    return (uint64_t)(uintptr_t)p;
}

/* A hypercall from vCPU v. */
static inline long hc(struct vcpu *v, int cmd, void *arg)
{
    current = v;
    return do_event_channel_op(cmd, gva(arg));
}

static inline long alloc_unbound(struct vcpu *v, domid_t dom, domid_t remote,
                                 evtchn_port_t *port)
{
    struct evtchn_alloc_unbound op = { .dom = dom, .remote_dom = remote,
                                       .port = 0xdeadbeef };
    long rc = hc(v, EVTCHNOP_alloc_unbound, &op);

    if ( port )
        *port = op.port;
    return rc;
}

static inline long bind_interdomain(struct vcpu *v, domid_t remote,
                                    evtchn_port_t rport, evtchn_port_t *port)
{
    struct evtchn_bind_interdomain op = { .remote_dom = remote,
                                          .remote_port = rport };
    long rc = hc(v, EVTCHNOP_bind_interdomain, &op);

    if ( port )
        *port = op.local_port;
    return rc;
}

static inline long bind_virq(struct vcpu *v, uint32_t virq, uint32_t vcpu,
                             evtchn_port_t *port)
{
    struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };
    long rc = hc(v, EVTCHNOP_bind_virq, &op);

    if ( port )
        *port = op.port;
    return rc;
}

static inline long bind_ipi(struct vcpu *v, uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi op = { .vcpu = vcpu };
    long rc = hc(v, EVTCHNOP_bind_ipi, &op);

    if ( port )
        *port = op.port;
    return rc;
}

static inline long port_op(struct vcpu *v, int cmd, evtchn_port_t port)
{
    /* close, send and unmask all take just the port. */
    struct evtchn_send op = { .port = port };

    return hc(v, cmd, &op);
}

static inline long bind_vcpu(struct vcpu *v, evtchn_port_t port, uint32_t vcpu)
{
    struct evtchn_bind_vcpu op = { .port = port, .vcpu = vcpu };

    return hc(v, EVTCHNOP_bind_vcpu, &op);
}

static inline long status(struct vcpu *v, domid_t dom, evtchn_port_t port,
                          struct evtchn_status *st)
{
    memset(st, 0, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return hc(v, EVTCHNOP_status, st);
}

static inline long register_vcpu_info(struct vcpu *v, unsigned long gfn,
                                      unsigned int offset)
{
    current = v;
    return map_vcpu_info(v, _gfn(gfn), offset);
}

#endif /* TEST_EVTCHN_H */
