/* xen-sources: common/event_channel.c common/subop.c common/event_2l.c common/event_fifo.c common/vcpu_info.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels, FIFO ABI, against a guest that consumes its queues the
 * way Linux 6.1 does (events_fifo.c): init_control and expand_array rules,
 * queue linking and delivery in priority order with every event delivered
 * once, masking and EVTCHNOP_unmask, tails that move between queues,
 * bind_vcpu, ports still queued not being reused, the switch from 2-level
 * keeping pending events until their page arrives, reset back to 2-level,
 * the larger port space, and a two-thread run of hypervisor raises racing
 * a consuming, masking and unmasking guest (the BUSY protocol).
 */
#include <pthread.h>

#include "test-evtchn.h"

#define W_PENDING   (1U << EVTCHN_FIFO_PENDING)
#define W_MASKED    (1U << EVTCHN_FIFO_MASKED)
#define W_LINKED    (1U << EVTCHN_FIFO_LINKED)
#define W_BUSY      (1U << EVTCHN_FIFO_BUSY)

/* ---------------------------------------------------------------------- */
/* The guest                                                               */

struct guest {
    struct tdom *td;
    event_word_t *page[128];
    unsigned int nr_pages;
    unsigned int busy_seen;         /* unmasks that found BUSY set */
};

struct gcpu {
    struct vcpu *v;
    struct evtchn_fifo_control_block *cb;
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];
};

static event_word_t *gword(struct guest *g, evtchn_port_t port)
{
    return g->page[port / 1024] + port % 1024;
}

static event_word_t wload(struct guest *g, evtchn_port_t port)
{
    return __atomic_load_n(gword(g, port), __ATOMIC_SEQ_CST);
}

static long g_init_control(struct guest *g, struct gcpu *c, unsigned int vcpu)
{
    unsigned long gfn = tdom_page(g->td);
    struct evtchn_init_control op = { .control_gfn = gfn, .vcpu = vcpu };
    long rc = hc(&g->td->v[0], EVTCHNOP_init_control, &op);

    memset(c, 0, sizeof(*c));
    c->v = &g->td->v[vcpu];
    if ( !rc )
        c->cb = gfn_va(g->td, gfn);
    return rc;
}

/* Adds a page of event words, all masked (as Linux does) or not. */
static long g_expand(struct guest *g, bool masked)
{
    unsigned long gfn = tdom_page(g->td);
    struct evtchn_expand_array op = { .array_gfn = gfn };
    event_word_t *w = gfn_va(g->td, gfn);
    unsigned int i;
    long rc;

    for ( i = 0; i < 1024; i++ )
        w[i] = masked ? W_MASKED : 0;
    rc = hc(&g->td->v[0], EVTCHNOP_expand_array, &op);
    if ( !rc )
        g->page[g->nr_pages++] = w;
    return rc;
}

static void g_mask(struct guest *g, evtchn_port_t port)
{
    __atomic_fetch_or(gword(g, port), W_MASKED, __ATOMIC_SEQ_CST);
}

/* Linux: clear MASKED locally unless PENDING (then ask), never if BUSY. */
static void g_unmask(struct guest *g, evtchn_port_t port)
{
    event_word_t *word = gword(g, port);
    event_word_t w = __atomic_load_n(word, __ATOMIC_SEQ_CST), old;
    struct evtchn_unmask op = { .port = port };

    for ( ;; ) {
        if ( !(w & W_MASKED) )
            return;
        if ( w & W_PENDING )
            break;
        old = w & ~W_BUSY;
        if ( __atomic_compare_exchange_n(word, &old, old & ~W_MASKED, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) )
            return;
        if ( old & W_BUSY )
            __atomic_add_fetch(&g->busy_seen, 1, __ATOMIC_SEQ_CST);
        w = old;
    }
    current = &g->td->v[0];
    CHECK_EQ(do_event_channel_op(EVTCHNOP_unmask, gva(&op)), 0);
}

/* Clears LINKED and LINK; returns the old LINK (the next port, or 0). */
static uint32_t clear_linked(event_word_t *word)
{
    const event_word_t link = W_LINKED | EVTCHN_FIFO_LINK_MASK;
    event_word_t w = __atomic_load_n(word, __ATOMIC_SEQ_CST);

    while ( !__atomic_compare_exchange_n(word, &w, w & ~link, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) )
        ;
    return w & EVTCHN_FIFO_LINK_MASK;
}

/*
 * Linux's __evtchn_fifo_handle_events(): consumes the ready queues, highest
 * priority first, handling (and acking) pending unmasked events.  Stores
 * the ports handled in out[] and returns how many there were.
 */
static unsigned int g_consume(struct guest *g, struct gcpu *c,
                              evtchn_port_t *out, unsigned int max)
{
    uint32_t ready = __atomic_exchange_n(&c->cb->ready, 0, __ATOMIC_SEQ_CST);
    unsigned int n = 0, loops = 0;

    while ( ready && ++loops < 1000000 ) {
        unsigned int q = __builtin_ctz(ready);
        evtchn_port_t port = c->head[q];
        event_word_t *word;

        if ( !port )
            port = __atomic_load_n(&c->cb->head[q], __ATOMIC_SEQ_CST);
        word = gword(g, port);
        c->head[q] = clear_linked(word);
        if ( !c->head[q] )
            ready &= ~(1U << q);
        if ( (__atomic_load_n(word, __ATOMIC_SEQ_CST) &
              (W_PENDING | W_MASKED)) == W_PENDING ) {
            __atomic_fetch_and(word, ~W_PENDING, __ATOMIC_SEQ_CST);
            if ( n < max )
                out[n] = port;
            n++;
        }
        ready |= __atomic_exchange_n(&c->cb->ready, 0, __ATOMIC_SEQ_CST);
    }
    CHECK(loops < 1000000);
    return n;
}

/* The upcall handler: clear the flag, then consume. */
static unsigned int g_upcall(struct guest *g, struct gcpu *c,
                             evtchn_port_t *out, unsigned int max)
{
    vcpu_info_of(c->v)->evtchn_upcall_pending = 0;
    return g_consume(g, c, out, max);
}

/* A domain with FIFO set up on vCPU 0 and one page of masked words. */
static struct tdom *fifo_domain(domid_t id, unsigned int nr_vcpus,
                                struct guest *g, struct gcpu *c0)
{
    struct tdom *td = tdom_new(id, nr_vcpus, id == 0);

    memset(g, 0, sizeof(*g));
    g->td = td;
    CHECK_EQ(g_init_control(g, c0, 0), 0);
    CHECK_EQ(g_expand(g, true), 0);
    return td;
}

/* The same, as a test's first step. */
static struct tdom *first_fifo_domain(domid_t id, unsigned int nr_vcpus,
                                      struct guest *g, struct gcpu *c0)
{
    env_reset();
    return fifo_domain(id, nr_vcpus, g, c0);
}

static evtchn_port_t new_ipi(struct guest *g, unsigned int vcpu)
{
    evtchn_port_t port = 0;

    CHECK_EQ(bind_ipi(&g->td->v[0], vcpu, &port), 0);
    g_unmask(g, port);
    return port;
}

static long set_priority(struct vcpu *v, evtchn_port_t port, uint32_t prio)
{
    struct evtchn_set_priority op = { .port = port, .priority = prio };

    return hc(v, EVTCHNOP_set_priority, &op);
}

static void send(struct guest *g, evtchn_port_t port)
{
    CHECK_EQ(port_op(&g->td->v[0], EVTCHNOP_send, port), 0);
}

static unsigned int page_refs(struct tdom *td, unsigned long gfn)
{
    return frame_table[td->page_of[gfn - GFN_BASE]].count_info;
}

/* ---------------------------------------------------------------------- */

TEST(init_control_rules)
{
    struct tdom *td;
    struct vcpu *v;
    struct evtchn_init_control op = { .vcpu = 3 };
    unsigned long g;

    env_reset();
    td = tdom_new(1, 3, false);
    v = &td->v[0];
    g = tdom_page(td);
    op.control_gfn = g;
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), -ENOENT);
    op.vcpu = 0;
    op.offset = PAGE_SIZE - sizeof(struct evtchn_fifo_control_block) + 8;
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), -EINVAL);
    op.offset = 4;
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), -EINVAL);
    op.offset = 0;
    op.control_gfn = GFN_BASE + DOM_GFNS;
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), -EINVAL);
    op.control_gfn = g;
    td->type[g - GFN_BASE] = p2m_ram_ro;
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), -EINVAL);
    td->type[g - GFN_BASE] = p2m_ram_rw;
    /* Failures leave the domain as it was. */
    CHECK(td->d.evtchn_port_ops == &evtchn_port_ops_2l);
    CHECK(td->d.evtchn_fifo == NULL && td->v[0].evtchn_fifo == NULL);
    CHECK_EQ(live_allocs, 0);
    CHECK_EQ(page_refs(td, g), 0);

    op.offset = PAGE_SIZE - sizeof(struct evtchn_fifo_control_block);
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), 0);
    CHECK_EQ(op.link_bits, EVTCHN_FIFO_LINK_BITS);
    CHECK(td->d.evtchn_port_ops == &evtchn_port_ops_fifo);
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), -EINVAL);      /* once */
    /* Another vCPU, still offline, may share the page. */
    op.vcpu = 1;
    op.offset = 0;
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), 0);
    CHECK_EQ(page_refs(td, g), 2);
    op.vcpu = 2;
    fail_copy_to = true;
    CHECK_EQ(hc(v, EVTCHNOP_init_control, &op), -EFAULT);
    fail_copy_to = false;

    tdom_free(td);
    env_check_clean();
}

TEST(expand_array_rules)
{
    struct tdom *td;
    struct guest g = { 0 };
    struct gcpu c;
    struct evtchn_expand_array op;
    unsigned int i;

    env_reset();
    td = tdom_new(0, 1, true);
    g.td = td;
    op.array_gfn = tdom_page(td);
    CHECK_EQ(hc(&td->v[0], EVTCHNOP_expand_array, &op), -EOPNOTSUPP);
    CHECK_EQ(g_init_control(&g, &c, 0), 0);
    op.array_gfn = GFN_BASE + DOM_GFNS;
    CHECK_EQ(hc(&td->v[0], EVTCHNOP_expand_array, &op), -EINVAL);
    for ( i = 0; i < 128; i++ )
        CHECK_EQ(g_expand(&g, true), 0);
    CHECK_EQ(g_expand(&g, true), -ENOSPC);
    CHECK_EQ(page_refs(td, GFN_BASE + 1), 1);
    CHECK_EQ(page_refs(td, GFN_BASE + 128), 1);
    tdom_free(td);
    env_check_clean();
}

TEST(priority_order)
{
    static const uint32_t prio[] = { 7, 3, 15, 3, 0, 7 };
    struct guest g;
    struct gcpu c;
    struct tdom *td = first_fifo_domain(1, 1, &g, &c);
    evtchn_port_t p[6], out[16];
    unsigned int i;

    for ( i = 0; i < 6; i++ ) {
        p[i] = new_ipi(&g, 0);
        CHECK_EQ(set_priority(&td->v[0], p[i], prio[i]), 0);
    }
    send(&g, p[0]);
    send(&g, p[2]);
    send(&g, p[1]);
    send(&g, p[5]);
    send(&g, p[4]);
    send(&g, p[3]);
    send(&g, p[1]);             /* still queued: no second entry */

    /* One upcall; each queue's head in the control block, tails linked. */
    CHECK_EQ(td->injects[0], 1);
    CHECK_EQ(c.cb->ready, (1U << 0) | (1U << 3) | (1U << 7) | (1U << 15));
    CHECK_EQ(c.cb->head[0], p[4]);
    CHECK_EQ(c.cb->head[3], p[1]);
    CHECK_EQ(c.cb->head[7], p[0]);
    CHECK_EQ(c.cb->head[15], p[2]);
    CHECK_EQ(wload(&g, p[0]), W_PENDING | W_LINKED | p[5]);
    CHECK_EQ(wload(&g, p[1]), W_PENDING | W_LINKED | p[3]);

    CHECK_EQ(g_upcall(&g, &c, out, 16), 6);
    CHECK_EQ(out[0], p[4]);
    CHECK_EQ(out[1], p[1]);
    CHECK_EQ(out[2], p[3]);
    CHECK_EQ(out[3], p[0]);
    CHECK_EQ(out[4], p[5]);
    CHECK_EQ(out[5], p[2]);
    for ( i = 0; i < 6; i++ )
        CHECK_EQ(wload(&g, p[i]), 0);
    CHECK_EQ(c.cb->ready, 0);

    /* The queue's old tail was consumed: p[0] is a new head, not linked. */
    send(&g, p[0]);
    CHECK_EQ(c.cb->head[7], p[0]);
    CHECK_EQ(wload(&g, p[5]), 0);
    CHECK_EQ(td->injects[0], 2);
    CHECK_EQ(g_upcall(&g, &c, out, 16), 1);
    CHECK_EQ(out[0], p[0]);

    tdom_free(td);
    env_check_clean();
}

TEST(masked_events)
{
    struct guest g;
    struct gcpu c;
    struct tdom *td = first_fifo_domain(1, 1, &g, &c);
    evtchn_port_t p, q, out[4];

    CHECK_EQ(bind_ipi(&td->v[0], 0, &p), 0);    /* left masked */
    send(&g, p);
    CHECK_EQ(wload(&g, p), W_PENDING | W_MASKED);
    CHECK_EQ(c.cb->ready, 0);
    CHECK_EQ(td->injects[0], 0);
    /* Unmasking a pending event goes through the hypervisor, which links. */
    g_unmask(&g, p);
    CHECK_EQ(wload(&g, p), W_PENDING | W_LINKED);
    CHECK_EQ(td->injects[0], 1);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 1);
    CHECK_EQ(out[0], p);

    /* Masked while queued: skipped and unlinked, kept pending. */
    q = new_ipi(&g, 0);
    send(&g, q);
    g_mask(&g, q);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 0);
    CHECK_EQ(wload(&g, q), W_PENDING | W_MASKED);
    g_unmask(&g, q);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 1);
    CHECK_EQ(out[0], q);
    /* Not pending: the guest unmasks on its own. */
    g_mask(&g, q);
    g_unmask(&g, q);
    CHECK_EQ(wload(&g, q), 0);

    tdom_free(td);
    env_check_clean();
}

TEST(tail_moves_to_another_queue)
{
    struct guest g;
    struct gcpu c;
    struct tdom *td = first_fifo_domain(1, 1, &g, &c);
    evtchn_port_t p1 = new_ipi(&g, 0), p2 = new_ipi(&g, 0), out[4];

    send(&g, p1);
    send(&g, p2);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 2);
    /* p2, the tail of queue 7, now goes to queue 3... */
    CHECK_EQ(set_priority(&td->v[0], p2, 3), 0);
    send(&g, p2);
    /* ...so queue 7 is empty: p1 must not be linked after p2. */
    send(&g, p1);
    CHECK_EQ(wload(&g, p2), W_PENDING | W_LINKED);
    CHECK_EQ(c.cb->head[7], p1);
    CHECK_EQ(c.cb->ready, (1U << 3) | (1U << 7));
    CHECK_EQ(g_upcall(&g, &c, out, 4), 2);
    CHECK_EQ(out[0], p2);
    CHECK_EQ(out[1], p1);

    tdom_free(td);
    env_check_clean();
}

TEST(bind_vcpu_moves_queue)
{
    struct guest g;
    struct gcpu c0, c1;
    struct tdom *td = first_fifo_domain(1, 2, &g, &c0);
    evtchn_port_t pa, pb, out[4];

    CHECK_EQ(register_vcpu_info(&td->v[1], tdom_page(td), 0), 0);
    CHECK_EQ(g_init_control(&g, &c1, 1), 0);
    CHECK_EQ(alloc_unbound(&td->v[0], DOMID_SELF, DOMID_SELF, &pa), 0);
    CHECK_EQ(bind_interdomain(&td->v[0], DOMID_SELF, pa, &pb), 0);
    g_unmask(&g, pa);
    g_unmask(&g, pb);           /* pending from the bind: queued on vCPU 0 */
    CHECK_EQ(c0.cb->head[7], pb);

    CHECK_EQ(bind_vcpu(&td->v[0], pb, 1), 0);
    send(&g, pa);               /* still queued on vCPU 0 */
    CHECK_EQ(g_upcall(&g, &c1, out, 4), 0);
    CHECK_EQ(g_upcall(&g, &c0, out, 4), 1);
    CHECK_EQ(out[0], pb);
    send(&g, pa);
    CHECK_EQ(c1.cb->head[7], pb);
    CHECK_EQ(c0.cb->ready, 0);
    CHECK_EQ(td->injects[1], 2);    /* registration, then this */
    CHECK_EQ(g_upcall(&g, &c1, out, 4), 1);
    CHECK_EQ(out[0], pb);
    /* Its queue is now vCPU 1's: again, without linking to itself. */
    send(&g, pa);
    CHECK_EQ(wload(&g, pb), W_PENDING | W_LINKED);
    CHECK_EQ(g_upcall(&g, &c1, out, 4), 1);

    tdom_free(td);
    env_check_clean();
}

TEST(queued_port_not_reused)
{
    struct guest g;
    struct gcpu c;
    struct tdom *td = first_fifo_domain(1, 1, &g, &c);
    evtchn_port_t p1 = new_ipi(&g, 0), p2, out[4];

    send(&g, p1);
    CHECK_EQ(port_op(&td->v[0], EVTCHNOP_close, p1), 0);
    CHECK_EQ(wload(&g, p1), W_LINKED);  /* closing cleared PENDING only */
    p2 = new_ipi(&g, 0);
    CHECK_EQ(p2, p1 + 1);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 0);  /* skipped, not pending */
    CHECK_EQ(port_op(&td->v[0], EVTCHNOP_close, p2), 0);
    CHECK_EQ(new_ipi(&g, 0), p1);

    tdom_free(td);
    env_check_clean();
}

TEST(switch_from_2l_keeps_pending)
{
    struct tdom *dom0, *u;
    struct guest g = { 0 };
    struct gcpu c;
    evtchn_port_t console, store, dc, ds, p = 0, out[4];

    env_reset();
    dom0 = tdom_new(0, 1, true);
    u = tdom_new(2, 1, false);
    g.td = u;
    /* What the toolstack sets up before the domU boots. */
    CHECK_EQ(evtchn_alloc_unbound_port(&u->d, 0, &console), 0);
    CHECK_EQ(evtchn_alloc_unbound_port(&u->d, 0, &store), 0);
    CHECK_EQ(bind_interdomain(&dom0->v[0], 2, console, &dc), 0);
    CHECK_EQ(bind_interdomain(&dom0->v[0], 2, store, &ds), 0);
    CHECK_EQ(port_op(&dom0->v[0], EVTCHNOP_send, dc), 0);
    u->d.max_evtchns = 2048;
    while ( p < 1030 )
        CHECK_EQ(bind_ipi(&u->v[0], 0, &p), 0);
    send(&g, 1030);
    CHECK(test_bit(console, u->d.shared_info->evtchn_pending));

    CHECK_EQ(g_init_control(&g, &c, 0), 0);
    CHECK_EQ(c.cb->ready, 0);
    /* The first page: the console event waits behind its mask... */
    CHECK_EQ(g_expand(&g, true), 0);
    CHECK_EQ(wload(&g, console), W_PENDING | W_MASKED);
    CHECK_EQ(wload(&g, store), W_MASKED);
    g_unmask(&g, console);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 1);
    CHECK_EQ(out[0], console);
    /* ...and port 1030's until its page, unmasked here, is added. */
    CHECK_EQ(g_expand(&g, false), 0);
    CHECK_EQ(wload(&g, 1029), 0);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 1);
    CHECK_EQ(out[0], 1030);
    /* The ports still work. */
    CHECK_EQ(port_op(&dom0->v[0], EVTCHNOP_send, ds), 0);
    g_unmask(&g, store);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 1);
    CHECK_EQ(out[0], store);

    tdom_free(u);
    tdom_free(dom0);
    env_check_clean();
}

TEST(set_priority_rules)
{
    struct guest g;
    struct gcpu c;
    struct tdom *l2, *td;
    evtchn_port_t p;

    env_reset();
    l2 = tdom_new(2, 1, false);
    CHECK_EQ(bind_ipi(&l2->v[0], 0, &p), 0);
    CHECK_EQ(set_priority(&l2->v[0], p, 3), -ENOSYS);  /* 2-level */
    CHECK_EQ(set_priority(&l2->v[0], 500, 3), -EINVAL);
    td = fifo_domain(1, 1, &g, &c);
    p = new_ipi(&g, 0);
    CHECK_EQ(set_priority(&td->v[0], p, EVTCHN_FIFO_PRIORITY_MIN), 0);
    CHECK_EQ(set_priority(&td->v[0], p, EVTCHN_FIFO_PRIORITY_MIN + 1), -EINVAL);
    CHECK_EQ(set_priority(&td->v[0], 5000, 0), -EINVAL);
    tdom_free(l2);
    tdom_free(td);
    env_check_clean();
}

TEST(no_control_block_drops)
{
    struct guest g;
    struct gcpu c0, c1;
    struct tdom *td = first_fifo_domain(1, 2, &g, &c0);
    evtchn_port_t p = new_ipi(&g, 1), out[4];

    send(&g, p);
    CHECK_EQ(wload(&g, p), 0);
    CHECK_EQ(g_init_control(&g, &c1, 1), 0);
    send(&g, p);
    CHECK_EQ(c1.cb->head[7], p);
    CHECK_EQ(g_consume(&g, &c1, out, 4), 1);

    tdom_free(td);
    env_check_clean();
}

TEST(reset_back_to_2l)
{
    struct guest g;
    struct gcpu c;
    struct tdom *td = first_fifo_domain(1, 1, &g, &c);
    struct evtchn_reset op = { .dom = DOMID_SELF };
    evtchn_port_t p = new_ipi(&g, 0);

    CHECK_EQ(g_expand(&g, true), 0);
    send(&g, p);
    CHECK_EQ(hc(&td->v[0], EVTCHNOP_reset, &op), 0);
    CHECK(td->d.evtchn_port_ops == &evtchn_port_ops_2l);
    CHECK(td->d.evtchn_fifo == NULL && td->v[0].evtchn_fifo == NULL);
    CHECK_EQ(page_refs(td, GFN_BASE), 0);
    CHECK_EQ(page_refs(td, GFN_BASE + 2), 0);
    CHECK_EQ(live_allocs, 2);   /* the bucket and its pointer array */
    /* It can start over. */
    memset(&g, 0, sizeof(g));
    g.td = td;
    CHECK_EQ(g_init_control(&g, &c, 0), 0);
    CHECK_EQ(g_expand(&g, true), 0);
    tdom_free(td);
    env_check_clean();
}

TEST(fifo_port_limits)
{
    struct guest g0, gu;
    struct gcpu c0, cu;
    struct tdom *dom0, *u;
    evtchn_port_t p = 0, out[4];
    unsigned int i;

    env_reset();
    dom0 = fifo_domain(0, 1, &g0, &c0);
    u = fifo_domain(1, 1, &gu, &cu);
    while ( p < 4200 )
        CHECK_EQ(evtchn_alloc_unbound_port(&dom0->d, 0, &p), 0);
    CHECK_EQ(p, 4200);
    /* No event words there yet: the events wait for their page. */
    CHECK_EQ(bind_interdomain(&dom0->v[0], DOMID_SELF, 4200, &p), 0);
    CHECK_EQ(p, 4201);
    CHECK_EQ(port_op(&dom0->v[0], EVTCHNOP_send, p), 0);
    CHECK_EQ(g_upcall(&g0, &c0, out, 4), 0);
    for ( i = 0; i < 4; i++ )
        CHECK_EQ(g_expand(&g0, false), 0);
    CHECK_EQ(g_upcall(&g0, &c0, out, 4), 2);
    CHECK_EQ(out[0], 4200);
    CHECK_EQ(out[1], 4201);
    /* A domU stays within its 1023 in FIFO too. */
    p = 0;
    while ( p < 1023 )
        CHECK_EQ(evtchn_alloc_unbound_port(&u->d, 0, &p), 0);
    CHECK_EQ(evtchn_alloc_unbound_port(&u->d, 0, &p), -ENOSPC);
    tdom_free(dom0);
    tdom_free(u);
    env_check_clean();
}

TEST(destroy_frees_everything)
{
    struct guest g;
    struct gcpu c0, c1;
    struct tdom *td = first_fifo_domain(1, 2, &g, &c0);
    struct tdom *other = tdom_new(2, 1, false);
    evtchn_port_t p;

    CHECK_EQ(g_init_control(&g, &c1, 1), 0);
    CHECK_EQ(g_expand(&g, true), 0);
    CHECK_EQ(g_expand(&g, false), 0);
    CHECK_EQ(register_vcpu_info(&td->v[1], tdom_page(td), 0), 0);
    send(&g, new_ipi(&g, 1));
    CHECK_EQ(alloc_unbound(&other->v[0], DOMID_SELF, 1, &p), 0);
    CHECK_EQ(bind_interdomain(&td->v[0], 2, p, NULL), 0);
    tdom_free(td);
    tdom_free(other);
    env_check_clean();
}

/* ---------------------------------------------------------------------- */
/* The guest changing a tail word while we link to it                      */

static struct guest *race_guest;
static unsigned int race_calls, race_busy;
static void (*race_change)(event_word_t *word, unsigned int call);

/* Plays the guest's CPU between the hypervisor's read and cmpxchg. */
static void link_race(event_word_t *word)
{
    event_word_t w = __atomic_load_n(word, __ATOMIC_SEQ_CST), old;

    if ( w & W_BUSY ) {
        /* BUSY must stop the guest's unmask (a cmpxchg without BUSY). */
        old = w & ~W_BUSY;
        CHECK(!__atomic_compare_exchange_n(word, &old, old & ~W_MASKED, false,
                                           __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST));
        race_busy++;
    }
    race_change(word, race_calls++);
}

static void mask_once(event_word_t *word, unsigned int call)
{
    if ( call == 0 )
        __atomic_fetch_or(word, W_MASKED, __ATOMIC_SEQ_CST);
}

/* The guest consumes the tail: unlinks it, handles it. */
static void consume_once(event_word_t *word, unsigned int call)
{
    if ( call == 0 ) {
        clear_linked(word);
        __atomic_fetch_and(word, ~W_PENDING, __ATOMIC_SEQ_CST);
    }
}

static void flip_always(event_word_t *word, unsigned int call)
{
    __atomic_fetch_xor(word, W_MASKED, __ATOMIC_SEQ_CST);
}

/* Queues tail then next, with change() racing the link; returns tail's word. */
static event_word_t link_with_race(struct guest *g, evtchn_port_t tail,
                                   evtchn_port_t next,
                                   void (*change)(event_word_t *, unsigned int))
{
    send(g, tail);
    race_guest = g;
    race_calls = race_busy = 0;
    race_change = change;
    evtchn_fifo_link_race = link_race;
    send(g, next);
    evtchn_fifo_link_race = NULL;
    return wload(g, tail);
}

TEST(busy_protocol)
{
    struct guest g;
    struct gcpu c;
    struct tdom *td = first_fifo_domain(1, 1, &g, &c);
    evtchn_port_t p1 = new_ipi(&g, 0), p2 = new_ipi(&g, 0), out[4];

    /* Masked under us: retried with BUSY set, linked, BUSY cleared. */
    CHECK_EQ(link_with_race(&g, p1, p2, mask_once),
             W_PENDING | W_MASKED | W_LINKED | p2);
    CHECK_EQ(race_calls, 2);
    CHECK_EQ(race_busy, 1);
    g_unmask(&g, p1);
    CHECK_EQ(g_upcall(&g, &c, out, 4), 2);

    /* Consumed under us: the queue is empty, p2 becomes its head. */
    CHECK_EQ(link_with_race(&g, p1, p2, consume_once), 0);
    CHECK_EQ(race_calls, 1);
    CHECK_EQ(c.cb->head[7], p2);
    CHECK_EQ(wload(&g, p2), W_PENDING | W_LINKED);
    CHECK_EQ(g_consume(&g, &c, out, 4), 1);
    CHECK_EQ(out[0], p2);

    /* A guest breaking the rules: we give up after bounded tries, unBUSY. */
    CHECK_EQ(link_with_race(&g, p1, p2, flip_always) & (W_BUSY | W_LINKED |
                                                        EVTCHN_FIFO_LINK_MASK),
             W_LINKED);
    CHECK_EQ(race_calls, 5);
    CHECK_EQ(race_busy, 4);

    tdom_free(td);
    env_check_clean();
}

/* ---------------------------------------------------------------------- */
/* Hypervisor raises racing the guest                                      */

#define STRESS_PORTS    32
#define STRESS_RAISES   100000

struct stress {
    struct guest g;
    struct gcpu c;
    evtchn_port_t port[STRESS_PORTS];
    unsigned int raised[STRESS_PORTS + 1], delivered[STRESS_PORTS + 1];
    bool done;
};

static void *hypervisor_side(void *arg)
{
    struct stress *s = arg;
    unsigned int seed = 1, i;

    for ( i = 0; i < STRESS_RAISES; i++ ) {
        evtchn_port_t port = s->port[rand_r(&seed) % STRESS_PORTS];

        __atomic_add_fetch(&s->raised[port], 1, __ATOMIC_SEQ_CST);
        evtchn_send_port(&s->g.td->d, port);
    }
    __atomic_store_n(&s->done, true, __ATOMIC_SEQ_CST);
    return NULL;
}

static void *guest_side(void *arg)
{
    static evtchn_port_t out[1 << 16];
    struct stress *s = arg;
    struct vcpu_info *vi = vcpu_info_of(s->c.v);
    unsigned int seed = 2, n, i;

    while ( !__atomic_load_n(&s->done, __ATOMIC_SEQ_CST) ||
            __atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST) ) {
        evtchn_port_t port = s->port[rand_r(&seed) % STRESS_PORTS];

        if ( __atomic_exchange_n(&vi->evtchn_upcall_pending, 0,
                                 __ATOMIC_SEQ_CST) ) {
            n = g_consume(&s->g, &s->c, out, ARRAY_SIZE(out));
            for ( i = 0; i < n && i < ARRAY_SIZE(out); i++ )
                s->delivered[out[i]]++;
        }
        g_mask(&s->g, port);
        g_unmask(&s->g, port);
    }
    return NULL;
}

TEST(raises_race_the_guest)
{
    static struct stress s;
    struct tdom *td;
    pthread_t hyp, guest;
    unsigned int i;

    env_reset();
    memset(&s, 0, sizeof(s));
    td = fifo_domain(1, 1, &s.g, &s.c);
    for ( i = 0; i < STRESS_PORTS; i++ ) {
        s.port[i] = new_ipi(&s.g, 0);
        CHECK_EQ(set_priority(&td->v[0], s.port[i], i % 4), 0);
    }
    current = &td->v[0];
    pthread_create(&guest, NULL, guest_side, &s);
    pthread_create(&hyp, NULL, hypervisor_side, &s);
    pthread_join(hyp, NULL);
    pthread_join(guest, NULL);

    /* Nothing lost, nothing left queued, nothing made up. */
    CHECK_EQ(s.c.cb->ready, 0);
    for ( i = 0; i < STRESS_PORTS; i++ ) {
        evtchn_port_t p = s.port[i];

        CHECK_EQ(wload(&s.g, p), 0);
        CHECK(s.delivered[p] > 0);
        CHECK(s.delivered[p] <= s.raised[p]);
    }
    if ( getenv("HARNESS_VERBOSE") )
        fprintf(stderr, "  %u upcalls, guest met BUSY %u times\n",
                td->injects[0], s.g.busy_seen);
    tdom_free(td);
    env_check_clean();
}

TESTS(T(init_control_rules), T(expand_array_rules), T(priority_order),
      T(masked_events), T(tail_moves_to_another_queue),
      T(bind_vcpu_moves_queue), T(queued_port_not_reused),
      T(switch_from_2l_keeps_pending), T(set_priority_rules),
      T(no_control_block_drops), T(reset_back_to_2l), T(fifo_port_limits),
      T(destroy_frees_everything), T(busy_protocol),
      T(raises_race_the_guest))
