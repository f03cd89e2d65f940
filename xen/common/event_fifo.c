/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The FIFO event channel ABI.  Every port has a 32-bit event word in pages
 * the guest adds one at a time (EVTCHNOP_expand_array); every vCPU has a
 * control block (EVTCHNOP_init_control) holding a ready bitmap and the
 * heads of 16 priority queues.  We append a raised event to its queue by
 * writing its port into the LINK field of the queue's tail word; the guest
 * consumes from the head, unlinking each word as it goes.
 *
 * The guest may change a LINKED word at any time, but only to set or clear
 * MASKED, clear PENDING, or clear LINKED together with LINK.  While linking
 * to a tail we set BUSY on it, which stops the guest's unmask (a cmpxchg
 * that expects BUSY clear), so the link cmpxchg loses only a few races.
 *
 * Everything here runs under the domain's event_lock (IRQs off).  Each
 * queue's lock orders updates of its tail as well, so the queue logic does
 * not depend on the caller's locking.
 */
#include <xen/atomic.h>
#include <xen/domain_page.h>
#include <xen/errno.h>
#include <xen/event_channel.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>

#define WORDS_PER_PAGE  (PAGE_SIZE / sizeof(event_word_t))
#define MAX_ARRAY_PAGES (EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)

struct evtchn_fifo_queue {
    spinlock_t lock;
    evtchn_port_t tail;         /* last port we linked; the guest may have
                                   consumed it since (0: none) */
    uint8_t priority;
};

struct evtchn_fifo_vcpu {
    struct evtchn_fifo_control_block *cb;   /* NULL until init_control */
    struct page_info *cb_page;
    struct evtchn_fifo_queue queue[EVTCHN_FIFO_MAX_QUEUES];
};

struct evtchn_fifo_domain {
    unsigned int nr_ports;      /* ports with an event word */
    event_word_t *array[MAX_ARRAY_PAGES];
    struct page_info *array_page[MAX_ARRAY_PAGES];
};

/* ---------------------------------------------------------------------- */
/* Event words (guest memory: atomics only)                                */

static event_word_t *fifo_word(const struct domain *d, evtchn_port_t port)
{
    const struct evtchn_fifo_domain *f = d->evtchn_fifo;

    if ( !f || port >= f->nr_ports )
        return NULL;
    return f->array[port / WORDS_PER_PAGE] + port % WORDS_PER_PAGE;
}

static bool word_test(const event_word_t *w, unsigned int bit)
{
    return __atomic_load_n(w, __ATOMIC_SEQ_CST) & (1U << bit);
}

static bool word_test_and_set(event_word_t *w, unsigned int bit)
{
    return __atomic_fetch_or(w, 1U << bit, __ATOMIC_SEQ_CST) & (1U << bit);
}

static void word_clear(event_word_t *w, unsigned int bit)
{
    __atomic_fetch_and(w, ~(1U << bit), __ATOMIC_SEQ_CST);
}

#ifdef XEN_HOST_TEST
void (*evtchn_fifo_link_race)(event_word_t *word);
#endif

/*
 * One attempt at pointing tail word *word (last seen as *w) at port.
 * 1: done (and BUSY cleared); 0: the guest has unlinked it, so the queue is
 * empty; -EAGAIN: the word changed, *w is its new value.
 */
static int try_set_link(event_word_t *word, event_word_t *w,
                        evtchn_port_t port)
{
    event_word_t new;

    if ( !(*w & (1U << EVTCHN_FIFO_LINKED)) )
        return 0;
    new = (*w & ~((1U << EVTCHN_FIFO_BUSY) | EVTCHN_FIFO_LINK_MASK)) | port;
#ifdef XEN_HOST_TEST
    if ( evtchn_fifo_link_race )
        evtchn_fifo_link_race(word);
#endif
    return __atomic_compare_exchange_n(word, w, new, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST) ? 1 : -EAGAIN;
}

/* Links port after the tail word while it is still LINKED; true if done. */
static bool set_link(const struct domain *d, event_word_t *word,
                     evtchn_port_t port)
{
    event_word_t w = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    unsigned int try;
    int rc = try_set_link(word, &w, port);

    if ( rc >= 0 )
        return rc;

    /*
     * Keep the guest from unmasking: then it can only set MASKED, clear
     * PENDING and unlink, so four more tries are enough.
     */
    word_test_and_set(word, EVTCHN_FIFO_BUSY);
    w = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    for ( try = 0; try < 4 && rc < 0; try++ )
        rc = try_set_link(word, &w, port);
    if ( rc != 1 )
        word_clear(word, EVTCHN_FIFO_BUSY);
    if ( rc >= 0 )
        return rc;
    /* The guest broke the protocol; as Xen, give the event up. */
    printk(XENLOG_WARNING "d%u: event channel %u not linked\n",
           d->domain_id, port);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Raising                                                                 */

static struct evtchn_fifo_queue *last_queue(const struct domain *d,
                                            const struct evtchn *chn)
{
    const struct vcpu *v = chn->last_vcpu_id < d->max_vcpus
                           ? d->vcpu[chn->last_vcpu_id] : NULL;

    return v && v->evtchn_fifo ? &v->evtchn_fifo->queue[chn->last_priority]
                               : NULL;
}

static void lock_queues(struct evtchn_fifo_queue *a,
                        struct evtchn_fifo_queue *b)
{
    if ( a > b ) {
        struct evtchn_fifo_queue *t = a;

        a = b;
        b = t;
    }
    spin_lock(&a->lock);
    if ( b != a )
        spin_lock(&b->lock);
}

static void unlock_queues(struct evtchn_fifo_queue *a,
                          struct evtchn_fifo_queue *b)
{
    if ( b != a )
        spin_unlock(&b->lock);
    spin_unlock(&a->lock);
}

/*
 * Sets PENDING and, unless the event is masked or already queued, appends
 * it to v's queue q.  old_q is where it was queued last.  Returns true if
 * it became the head of an empty queue, which must then be marked ready.
 */
static bool link_event(struct vcpu *v, struct evtchn *chn, event_word_t *word,
                       struct evtchn_fifo_queue *q,
                       struct evtchn_fifo_queue *old_q)
{
    const struct domain *d = v->domain;

    word_test_and_set(word, EVTCHN_FIFO_PENDING);
    if ( word_test(word, EVTCHN_FIFO_MASKED) ||
         word_test_and_set(word, EVTCHN_FIFO_LINKED) )
        return false;

    /*
     * It was not linked, so if it is old_q's tail the guest has consumed
     * it and old_q is empty: forget the tail, or the next event on old_q
     * would be linked after a word that is now on q.
     */
    if ( old_q->tail == chn->port )
        old_q->tail = 0;
    chn->last_vcpu_id = v->vcpu_id;
    chn->last_priority = q->priority;

    if ( q->tail && set_link(d, fifo_word(d, q->tail), chn->port) ) {
        q->tail = chn->port;
        return false;
    }
    /* The queue was empty: the event is its new head. */
    __atomic_store_n(&v->evtchn_fifo->cb->head[q->priority], chn->port,
                     __ATOMIC_SEQ_CST);
    q->tail = chn->port;
    return true;
}

static void evtchn_fifo_set_pending(struct vcpu *v, struct evtchn *chn)
{
    struct domain *d = v->domain;
    struct evtchn_fifo_vcpu *efv = v->evtchn_fifo;
    event_word_t *word = fifo_word(d, chn->port);
    struct evtchn_fifo_queue *q, *old_q;
    bool head;

    /* No event word yet: raise it when the guest adds the page. */
    if ( !word ) {
        chn->pending = true;
        return;
    }
    /* The guest unmasks nothing before it has a control block: drop it. */
    if ( !efv || !efv->cb )
        return;

    q = &efv->queue[chn->priority];
    old_q = last_queue(d, chn) ?: q;
    lock_queues(q, old_q);
    head = link_event(v, chn, word, q, old_q);
    unlock_queues(q, old_q);

    if ( head && !(__atomic_fetch_or(&efv->cb->ready, 1U << q->priority,
                                     __ATOMIC_SEQ_CST) & (1U << q->priority)) )
        vcpu_mark_events_pending(v);
}

/* ---------------------------------------------------------------------- */
/* The other port operations                                               */

static void evtchn_fifo_clear_pending(struct domain *d, struct evtchn *chn)
{
    event_word_t *word = fifo_word(d, chn->port);

    /* Only PENDING: the guest unlinks the word, and skips it as not pending. */
    if ( word )
        word_clear(word, EVTCHN_FIFO_PENDING);
    chn->pending = false;
}

static void evtchn_fifo_unmask(struct vcpu *v, struct evtchn *chn)
{
    event_word_t *word = fifo_word(v->domain, chn->port);

    if ( !word )
        return;
    word_clear(word, EVTCHN_FIFO_MASKED);
    if ( word_test(word, EVTCHN_FIFO_PENDING) )
        evtchn_fifo_set_pending(v, chn);
}

static bool evtchn_fifo_is_pending(const struct domain *d,
                                   const struct evtchn *chn)
{
    const event_word_t *word = fifo_word(d, chn->port);

    return word ? word_test(word, EVTCHN_FIFO_PENDING) : chn->pending;
}

static bool evtchn_fifo_is_masked(const struct domain *d,
                                  const struct evtchn *chn)
{
    const event_word_t *word = fifo_word(d, chn->port);

    return !word || word_test(word, EVTCHN_FIFO_MASKED);
}

static bool evtchn_fifo_is_busy(const struct domain *d,
                                const struct evtchn *chn)
{
    const event_word_t *word = fifo_word(d, chn->port);

    return word && word_test(word, EVTCHN_FIFO_LINKED);
}

static int evtchn_fifo_set_priority(struct domain *d, struct evtchn *chn,
                                    unsigned int priority)
{
    if ( priority > EVTCHN_FIFO_PRIORITY_MIN )
        return -EINVAL;
    /* Future links only: a queued event stays where it is. */
    chn->priority = priority;
    return 0;
}

static void evtchn_fifo_print_state(const struct domain *d,
                                    const struct evtchn *chn)
{
    const event_word_t *word = fifo_word(d, chn->port);
    event_word_t w;

    if ( !word ) {
        printk(" no word");
        return;
    }
    w = __atomic_load_n(word, __ATOMIC_SEQ_CST);
    printk(" word %08x%s%s", w,
           w & (1U << EVTCHN_FIFO_LINKED) ? " linked" : "",
           w & (1U << EVTCHN_FIFO_BUSY) ? " busy" : "");
}

const struct evtchn_port_ops evtchn_port_ops_fifo = {
    .name = "FIFO",
    .max_ports = EVTCHN_FIFO_NR_CHANNELS,
    .set_pending = evtchn_fifo_set_pending,
    .clear_pending = evtchn_fifo_clear_pending,
    .unmask = evtchn_fifo_unmask,
    .is_pending = evtchn_fifo_is_pending,
    .is_masked = evtchn_fifo_is_masked,
    .is_busy = evtchn_fifo_is_busy,
    .set_priority = evtchn_fifo_set_priority,
    .print_state = evtchn_fifo_print_state,
};

/* ---------------------------------------------------------------------- */
/* Setup and teardown                                                      */

/* Gives every vCPU that has none its (empty) queues. */
static int alloc_queues(struct domain *d)
{
    unsigned int i, p;

    for ( i = 0; i < d->max_vcpus; i++ ) {
        struct vcpu *v = d->vcpu[i];
        struct evtchn_fifo_vcpu *efv;

        if ( !v || v->evtchn_fifo )
            continue;
        efv = xzalloc(struct evtchn_fifo_vcpu);
        if ( !efv )
            return -ENOMEM;
        for ( p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++ ) {
            spin_lock_init(&efv->queue[p].lock);
            efv->queue[p].priority = p;
        }
        v->evtchn_fifo = efv;
    }
    return 0;
}

static int map_control_block(struct vcpu *v, uint64_t gfn, unsigned int offset)
{
    struct evtchn_fifo_vcpu *efv = v->evtchn_fifo;
    void *va;

    if ( efv->cb )
        return -EINVAL;
    va = map_guest_page(v->domain, _gfn(gfn), &efv->cb_page);
    if ( !va )
        return -EINVAL;
    efv->cb = (struct evtchn_fifo_control_block *)((char *)va + offset);
    return 0;
}

void evtchn_fifo_destroy(struct domain *d)
{
    struct evtchn_fifo_domain *f = d->evtchn_fifo;
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ ) {
        struct vcpu *v = d->vcpu[i];

        if ( !v || !v->evtchn_fifo )
            continue;
        if ( v->evtchn_fifo->cb )
            unmap_guest_page(v->evtchn_fifo->cb_page,
                             (void *)((unsigned long)v->evtchn_fifo->cb &
                                      PAGE_MASK));
        xfree(v->evtchn_fifo);
        v->evtchn_fifo = NULL;
    }
    if ( !f )
        return;
    for ( i = 0; i < f->nr_ports / WORDS_PER_PAGE; i++ )
        unmap_guest_page(f->array_page[i], f->array[i]);
    xfree(f);
    d->evtchn_fifo = NULL;
}

/*
 * The first init_control: queues for every vCPU, an empty event array, v's
 * control block, then the switch.  Ports bound under 2-level keep their
 * pending bit as a flag, raised when the page with their word arrives.
 */
static int switch_to_fifo(struct domain *d, struct vcpu *v,
                          const struct evtchn_init_control *op)
{
    struct evtchn *chn;
    evtchn_port_t port;
    int rc = alloc_queues(d);

    if ( !rc && !(d->evtchn_fifo = xzalloc(struct evtchn_fifo_domain)) )
        rc = -ENOMEM;
    if ( !rc )
        rc = map_control_block(v, op->control_gfn, op->offset);
    if ( rc ) {
        evtchn_fifo_destroy(d);
        return rc;
    }

    /* Still 2-level here, so this walks the ports valid under it. */
    for ( port = 1; (chn = evtchn_from_port(d, port)) != NULL; port++ ) {
        chn->pending = chn->state > ECS_RESERVED &&
                       evtchn_port_ops_2l.is_pending(d, chn);
        chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    }
    d->evtchn_port_ops = &evtchn_port_ops_fifo;
    return 0;
}

int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *op)
{
    struct vcpu *v = op->vcpu < d->max_vcpus ? d->vcpu[op->vcpu] : NULL;
    int rc;

    op->link_bits = EVTCHN_FIFO_LINK_BITS;
    if ( !v )
        return -ENOENT;
    /* Within one page, 8-byte aligned.  The vCPU may still be offline. */
    if ( op->offset > PAGE_SIZE - sizeof(struct evtchn_fifo_control_block) ||
         !IS_ALIGNED(op->offset, 8) )
        return -EINVAL;
    if ( !d->evtchn_fifo )
        return switch_to_fifo(d, v, op);
    rc = alloc_queues(d);   /* for a vCPU created after the switch */
    return rc ?: map_control_block(v, op->control_gfn, op->offset);
}

int evtchn_fifo_expand_array(struct domain *d, uint64_t array_gfn)
{
    struct evtchn_fifo_domain *f = d->evtchn_fifo;
    unsigned int slot;
    struct evtchn *chn;
    evtchn_port_t port;

    if ( !f )
        return -EOPNOTSUPP;
    slot = f->nr_ports / WORDS_PER_PAGE;
    if ( slot >= MAX_ARRAY_PAGES )
        return -ENOSPC;
    f->array[slot] = map_guest_page(d, _gfn(array_gfn), &f->array_page[slot]);
    if ( !f->array[slot] )
        return -EINVAL;
    f->nr_ports += WORDS_PER_PAGE;

    /* Events raised before their word existed. */
    for ( port = slot * WORDS_PER_PAGE;
          port < f->nr_ports && (chn = evtchn_from_port(d, port)) != NULL;
          port++ )
        if ( chn->pending ) {
            chn->pending = false;
            evtchn_raise(d, chn);
        }
    return 0;
}
