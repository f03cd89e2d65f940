/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels: port storage and binding, the EVTCHNOP_* hypercalls, and
 * raising events from the hypervisor (VIRQs, sends on behalf of a domain).
 *
 * Which bits the guest sees move is up to one of two ABIs behind
 * d->evtchn_port_ops: every domain starts with 2-level (event_2l.c) and
 * switches to FIFO (event_fifo.c) at its first EVTCHNOP_init_control.
 *
 * Ports live in buckets of EVTCHNS_PER_BUCKET, allocated in order as ports
 * are needed, so a domain allowed 2^17 ports costs nothing until it uses
 * them.  Port 0 is never handed out (FIFO uses LINK = 0 as end of queue).
 */
#include <xen/domain_page.h>
#include <xen/errno.h>
#include <xen/event_channel.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>

/* ---------------------------------------------------------------------- */
/* Port storage                                                            */

struct evtchn *evtchn_from_port(const struct domain *d, evtchn_port_t port)
{
    /* Storage left over from FIFO days is not valid under 2-level. */
    if ( port >= d->valid_evtchns || port >= d->evtchn_port_ops->max_ports )
        return NULL;
    return &d->evtchn_bucket[port / EVTCHNS_PER_BUCKET]
                            [port % EVTCHNS_PER_BUCKET];
}

/* Ports below this may be allocated: the toolstack's cap and the ABI's. */
static unsigned int port_limit(const struct domain *d)
{
    return min(d->max_evtchns, d->evtchn_port_ops->max_ports);
}

/*
 * The array of bucket pointers grows by doubling.  Its capacity is a
 * function of the number of buckets, so it needs no field of its own.
 */
static unsigned int bucket_capacity(unsigned int nr)
{
    return nr <= 1 ? nr : 1U << (32 - __builtin_clz(nr - 1));
}

static int add_bucket(struct domain *d)
{
    unsigned int nr = d->valid_evtchns / EVTCHNS_PER_BUCKET, i;
    struct evtchn *bucket;

    if ( bucket_capacity(nr) == nr ) {
        struct evtchn **array = xzalloc_array(struct evtchn *,
                                              bucket_capacity(nr + 1));

        if ( !array )
            return -ENOMEM;
        if ( nr )
            memcpy(array, d->evtchn_bucket, nr * sizeof(*array));
        xfree(d->evtchn_bucket);
        d->evtchn_bucket = array;
    }

    bucket = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
    if ( !bucket )
        return -ENOMEM;
    for ( i = 0; i < EVTCHNS_PER_BUCKET; i++ )
        bucket[i].port = nr * EVTCHNS_PER_BUCKET + i;
    if ( nr == 0 )
        bucket[0].state = ECS_RESERVED;
    d->evtchn_bucket[nr] = bucket;
    d->valid_evtchns += EVTCHNS_PER_BUCKET;
    return 0;
}

/*
 * The lowest free port of d, with storage; or -errno.  The scan starts at
 * evtchn_scan_from, so filling a domain's ports costs linear time, not
 * quadratic; it stays at the first free-but-busy port it passes, which
 * may be free by the next call.
 */
static int get_free_port(struct domain *d)
{
    unsigned int port, limit = port_limit(d), resume = 0;
    int rc;

    if ( d->is_dying )
        return -EINVAL;
    for ( port = max(d->evtchn_scan_from, 1U);
          port < d->valid_evtchns && port < limit; port++ ) {
        const struct evtchn *chn = evtchn_from_port(d, port);

        if ( chn->state != ECS_FREE )
            continue;
        /* A busy port is still on a guest queue: reuse would corrupt it. */
        if ( !d->evtchn_port_ops->is_busy(d, chn) )
            break;
        if ( !resume )
            resume = port;
    }
    if ( port >= limit )
        rc = -ENOSPC;
    else
        rc = port < d->valid_evtchns ? 0 : add_bucket(d);
    d->evtchn_scan_from = resume ?: port;
    return rc ?: (int)port;
}

/* Allocates a port in the given state; the port (> 0) or -errno. */
static int alloc_port(struct domain *d, enum evtchn_state state,
                      unsigned int vcpu_id, struct evtchn **chnp)
{
    int port = get_free_port(d);
    struct evtchn *chn;

    if ( port < 0 )
        return port;
    chn = evtchn_from_port(d, port);
    chn->state = state;
    chn->notify_vcpu_id = vcpu_id;
    chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    chn->pending = false;
    d->used_evtchns++;
    *chnp = chn;
    return port;
}

static void free_port(struct domain *d, struct evtchn *chn)
{
    /* Whoever binds the port next must not find it pending. */
    d->evtchn_port_ops->clear_pending(d, chn);
    chn->state = ECS_FREE;
    chn->notify_vcpu_id = 0;
    d->used_evtchns--;
    if ( chn->port < d->evtchn_scan_from )
        d->evtchn_scan_from = chn->port;
}

static struct vcpu *domain_vcpu(const struct domain *d, unsigned int id)
{
    return id < d->max_vcpus ? d->vcpu[id] : NULL;
}

void evtchn_raise(struct domain *d, struct evtchn *chn)
{
    struct vcpu *v;

    if ( !chn || chn->state <= ECS_RESERVED )
        return;
    v = domain_vcpu(d, chn->notify_vcpu_id);
    if ( v )
        d->evtchn_port_ops->set_pending(v, chn);
}

/* ---------------------------------------------------------------------- */
/* Locking                                                                 */

static void lock_domains(struct domain *a, struct domain *b,
                         unsigned long *flags)
{
    if ( b->domain_id < a->domain_id ) {
        struct domain *t = a;

        a = b;
        b = t;
    }
    spin_lock_irqsave(&a->event_lock, *flags);
    if ( b != a )
        spin_lock(&b->event_lock);
}

static void unlock_domains(struct domain *a, struct domain *b,
                           unsigned long flags)
{
    if ( b != a )
        spin_unlock(&b->event_lock);
    spin_unlock_irqrestore(&a->event_lock, flags);
}

/*
 * Locks d and, if port is interdomain, its peer's domain too.  Taking them
 * in domid order may mean dropping d's lock, during which the port can
 * change, hence the loop.  *peer is the other domain held (d if none), with
 * a reference if it is not d; unlock_port() releases it all.
 */
static struct evtchn *lock_port(struct domain *d, evtchn_port_t port,
                                struct domain **peer, unsigned long *flags)
{
    struct domain *held = d, *want;
    struct evtchn *chn;

    for ( ;; ) {
        lock_domains(d, held, flags);
        chn = evtchn_from_port(d, port);
        want = chn && chn->state == ECS_INTERDOMAIN ? chn->u.interdomain.dom
                                                     : held;
        if ( want == held )
            break;
        /*
         * The peer cannot be freed while it has a channel to us: its
         * destruction closes the channel under our lock first.
         */
        if ( want != d && !get_domain(want) )
            BUG();
        unlock_domains(d, held, *flags);
        if ( held != d )
            put_domain(held);
        held = want;
    }
    *peer = held;
    return chn;
}

static void unlock_port(struct domain *d, struct domain *peer,
                        unsigned long flags)
{
    unlock_domains(d, peer, flags);
    if ( peer != d )
        put_domain(peer);
}

/* ---------------------------------------------------------------------- */
/* Operations                                                              */

static bool virq_is_global(unsigned int virq)
{
    switch ( virq ) {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    }
    return true;
}

/* Xen's default policy: a domain may act on itself; the privileged on all. */
static bool may_control(const struct domain *cd, const struct domain *d)
{
    return cd == d || cd->is_privileged;
}

static int alloc_unbound(struct domain *d, domid_t remote)
{
    struct evtchn *chn;
    unsigned long flags;
    int port;

    spin_lock_irqsave(&d->event_lock, flags);
    port = alloc_port(d, ECS_UNBOUND, 0, &chn);
    if ( port > 0 )
        chn->u.unbound_remote = remote;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port;
}

int evtchn_alloc_unbound_port(struct domain *d, domid_t remote_dom,
                              evtchn_port_t *port)
{
    int rc = alloc_unbound(d, remote_dom == DOMID_SELF ? d->domain_id
                                                       : remote_dom);

    if ( rc < 0 )
        return rc;
    *port = rc;
    return 0;
}

/* Closes a port whose lock (and its interdomain peer's) is held. */
static int close_locked(struct domain *d, struct evtchn *chn)
{
    struct evtchn *rchn;
    unsigned int i;

    switch ( chn->state ) {
    case ECS_FREE:
    case ECS_RESERVED:
        return -EINVAL;
    case ECS_VIRQ:
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpu[i] &&
                 d->vcpu[i]->virq_to_evtchn[chn->u.virq] == chn->port )
                d->vcpu[i]->virq_to_evtchn[chn->u.virq] = 0;
        break;
    case ECS_INTERDOMAIN:
        rchn = evtchn_from_port(chn->u.interdomain.dom,
                                chn->u.interdomain.port);
        BUG_ON(!rchn || rchn->state != ECS_INTERDOMAIN ||
               rchn->u.interdomain.dom != d);
        /* The peer waits for us to connect again, as after alloc_unbound. */
        rchn->state = ECS_UNBOUND;
        rchn->u.unbound_remote = d->domain_id;
        break;
    }
    free_port(d, chn);
    return 0;
}

static int evtchn_close(struct domain *d, evtchn_port_t port)
{
    struct domain *peer;
    unsigned long flags;
    struct evtchn *chn = lock_port(d, port, &peer, &flags);
    int rc = chn ? close_locked(d, chn) : -EINVAL;

    unlock_port(d, peer, flags);
    return rc;
}

int evtchn_send_port(struct domain *d, evtchn_port_t port)
{
    struct domain *peer;
    unsigned long flags;
    struct evtchn *chn = lock_port(d, port, &peer, &flags);
    int rc = 0;

    switch ( chn ? chn->state : ECS_FREE ) {
    case ECS_INTERDOMAIN:
        evtchn_raise(peer, evtchn_from_port(peer, chn->u.interdomain.port));
        break;
    case ECS_IPI:
        evtchn_raise(d, chn);
        break;
    case ECS_UNBOUND:
        /* Nobody to tell yet: dropped, as Xen does. */
        break;
    default:
        rc = -EINVAL;
    }
    unlock_port(d, peer, flags);
    return rc;
}

static void close_all_ports(struct domain *d)
{
    evtchn_port_t port;

    for ( port = 1; port < READ_ONCE(d->valid_evtchns); port++ )
        evtchn_close(d, port);
}

/* EVTCHNOP_reset: closes every port and goes back to 2-level. */
static int evtchn_reset(struct domain *d)
{
    unsigned long flags;
    int rc = 0;

    close_all_ports(d);
    spin_lock_irqsave(&d->event_lock, flags);
    if ( d->used_evtchns )
        rc = -EAGAIN;   /* someone bound a port meanwhile */
    else if ( d->evtchn_fifo ) {
        evtchn_fifo_destroy(d);
        d->evtchn_port_ops = &evtchn_port_ops_2l;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* EVTCHNOP_*: each takes the caller's domain and the copied-in struct.    */

static int op_alloc_unbound(struct domain *cd, void *arg)
{
    struct evtchn_alloc_unbound *op = arg;
    struct domain *d = get_domain_by_any_id(op->dom);
    domid_t remote = op->remote_dom == DOMID_SELF ? cd->domain_id
                                                  : op->remote_dom;
    int rc;

    if ( !d )
        return -ESRCH;
    rc = may_control(cd, d) ? alloc_unbound(d, remote) : -EPERM;
    put_domain(d);
    if ( rc < 0 )
        return rc;
    op->port = rc;
    return 0;
}

static int op_bind_interdomain(struct domain *ld, void *arg)
{
    struct evtchn_bind_interdomain *op = arg;
    struct domain *rd = get_domain_by_any_id(op->remote_dom);
    struct evtchn *lchn, *rchn;
    unsigned long flags;
    int port;

    if ( !rd )
        return -ESRCH;
    lock_domains(ld, rd, &flags);
    rchn = evtchn_from_port(rd, op->remote_port);
    if ( !rchn || rchn->state != ECS_UNBOUND ||
         rchn->u.unbound_remote != ld->domain_id )
        port = -EINVAL;
    else if ( (port = alloc_port(ld, ECS_INTERDOMAIN, 0, &lchn)) > 0 ) {
        lchn->u.interdomain.dom = rd;
        lchn->u.interdomain.port = op->remote_port;
        rchn->state = ECS_INTERDOMAIN;
        rchn->u.interdomain.dom = ld;
        rchn->u.interdomain.port = port;
        /* Sends to the unbound end were dropped: have the new end look. */
        evtchn_raise(ld, lchn);
    }
    unlock_domains(ld, rd, flags);
    put_domain(rd);
    if ( port < 0 )
        return port;
    op->local_port = port;
    return 0;
}

static int op_bind_virq(struct domain *d, void *arg)
{
    struct evtchn_bind_virq *op = arg;
    struct evtchn *chn;
    struct vcpu *v;
    unsigned long flags;
    int port;

    if ( op->virq >= NR_VIRQS )
        return -EINVAL;
    if ( virq_is_global(op->virq) && op->vcpu != 0 )
        return -EINVAL;
    v = domain_vcpu(d, op->vcpu);
    if ( !v )
        return -ENOENT;

    spin_lock_irqsave(&d->event_lock, flags);
    if ( v->virq_to_evtchn[op->virq] )
        port = -EEXIST;
    else if ( (port = alloc_port(d, ECS_VIRQ, v->vcpu_id, &chn)) > 0 ) {
        chn->u.virq = op->virq;
        v->virq_to_evtchn[op->virq] = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( port < 0 )
        return port;
    op->port = port;
    return 0;
}

static int op_bind_ipi(struct domain *d, void *arg)
{
    struct evtchn_bind_ipi *op = arg;
    struct evtchn *chn;
    unsigned long flags;
    int port;

    if ( !domain_vcpu(d, op->vcpu) )
        return -ENOENT;
    spin_lock_irqsave(&d->event_lock, flags);
    port = alloc_port(d, ECS_IPI, op->vcpu, &chn);
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( port < 0 )
        return port;
    op->port = port;
    return 0;
}

static int op_close(struct domain *d, void *arg)
{
    return evtchn_close(d, ((struct evtchn_close *)arg)->port);
}

static int op_send(struct domain *d, void *arg)
{
    return evtchn_send_port(d, ((struct evtchn_send *)arg)->port);
}

static void fill_status(struct evtchn_status *op, const struct evtchn *chn)
{
    static const uint32_t status[] = {
        [ECS_FREE] = EVTCHNSTAT_closed,
        [ECS_RESERVED] = EVTCHNSTAT_closed,
        [ECS_UNBOUND] = EVTCHNSTAT_unbound,
        [ECS_INTERDOMAIN] = EVTCHNSTAT_interdomain,
        [ECS_VIRQ] = EVTCHNSTAT_virq,
        [ECS_IPI] = EVTCHNSTAT_ipi,
    };

    op->status = status[chn->state];
    op->vcpu = chn->notify_vcpu_id;
    switch ( chn->state ) {
    case ECS_UNBOUND:
        op->u.unbound.dom = chn->u.unbound_remote;
        break;
    case ECS_INTERDOMAIN:
        op->u.interdomain.dom = chn->u.interdomain.dom->domain_id;
        op->u.interdomain.port = chn->u.interdomain.port;
        break;
    case ECS_VIRQ:
        op->u.virq = chn->u.virq;
        break;
    }
}

static int op_status(struct domain *cd, void *arg)
{
    struct evtchn_status *op = arg;
    struct domain *d = get_domain_by_any_id(op->dom);
    const struct evtchn *chn;
    unsigned long flags;
    int rc = 0;

    if ( !d )
        return -ESRCH;
    spin_lock_irqsave(&d->event_lock, flags);
    chn = evtchn_from_port(d, op->port);
    if ( !chn )
        rc = -EINVAL;
    else if ( !may_control(cd, d) )
        rc = -EPERM;
    else
        fill_status(op, chn);
    spin_unlock_irqrestore(&d->event_lock, flags);
    put_domain(d);
    return rc;
}

static int op_bind_vcpu(struct domain *d, void *arg)
{
    struct evtchn_bind_vcpu *op = arg;
    struct evtchn *chn;
    unsigned long flags;
    int rc = 0;

    if ( !domain_vcpu(d, op->vcpu) )
        return -ENOENT;
    spin_lock_irqsave(&d->event_lock, flags);
    chn = evtchn_from_port(d, op->port);
    switch ( chn ? chn->state : ECS_FREE ) {
    case ECS_VIRQ:
        /* A per-vCPU VIRQ belongs to its vCPU. */
        if ( !virq_is_global(chn->u.virq) ) {
            rc = -EINVAL;
            break;
        }
        /* fall through */
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
        chn->notify_vcpu_id = op->vcpu;
        break;
    default:
        /* Not open, or an IPI (bound to its vCPU for good). */
        rc = -EINVAL;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static int op_unmask(struct domain *d, void *arg)
{
    struct evtchn *chn;
    struct vcpu *v;
    unsigned long flags;
    int rc = 0;

    spin_lock_irqsave(&d->event_lock, flags);
    chn = evtchn_from_port(d, ((struct evtchn_unmask *)arg)->port);
    if ( !chn )
        rc = -EINVAL;
    else if ( chn->state > ECS_RESERVED &&
              (v = domain_vcpu(d, chn->notify_vcpu_id)) )
        d->evtchn_port_ops->unmask(v, chn);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static int op_reset(struct domain *cd, void *arg)
{
    struct domain *d = get_domain_by_any_id(((struct evtchn_reset *)arg)->dom);
    int rc;

    if ( !d )
        return -ESRCH;
    if ( !may_control(cd, d) )
        rc = -EPERM;
    else if ( d != cd && !atomic_read(&d->pause_count) )
        rc = -EINVAL;   /* as Xen: another domain must be paused */
    else
        rc = evtchn_reset(d);
    put_domain(d);
    return rc;
}

static int op_init_control(struct domain *d, void *arg)
{
    unsigned long flags;
    int rc;

    spin_lock_irqsave(&d->event_lock, flags);
    rc = evtchn_fifo_init_control(d, arg);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static int op_expand_array(struct domain *d, void *arg)
{
    const struct evtchn_expand_array *op = arg;
    unsigned long flags;
    int rc;

    spin_lock_irqsave(&d->event_lock, flags);
    rc = evtchn_fifo_expand_array(d, op->array_gfn);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static int op_set_priority(struct domain *d, void *arg)
{
    struct evtchn_set_priority *op = arg;
    struct evtchn *chn;
    unsigned long flags;
    int rc;

    spin_lock_irqsave(&d->event_lock, flags);
    chn = evtchn_from_port(d, op->port);
    rc = chn ? d->evtchn_port_ops->set_priority(d, chn, op->priority)
             : -EINVAL;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

union evtchn_op_args {
    struct evtchn_alloc_unbound alloc_unbound;
    struct evtchn_bind_interdomain bind_interdomain;
    struct evtchn_bind_virq bind_virq;
    struct evtchn_bind_ipi bind_ipi;
    struct evtchn_close close;
    struct evtchn_send send;
    struct evtchn_status status;
    struct evtchn_bind_vcpu bind_vcpu;
    struct evtchn_unmask unmask;
    struct evtchn_reset reset;
    struct evtchn_init_control init_control;
    struct evtchn_expand_array expand_array;
    struct evtchn_set_priority set_priority;
};

static const struct {
    int (*fn)(struct domain *cd, void *arg);
    unsigned int size;
    bool copy_back;             /* has OUT fields: whole struct goes back */
} evtchn_ops[] = {
#define OP(name, out) \
    [EVTCHNOP_##name] = { op_##name, sizeof(struct evtchn_##name), out }
    OP(bind_interdomain, true),
    OP(bind_virq, true),
    OP(close, false),
    OP(send, false),
    OP(status, true),
    OP(alloc_unbound, true),
    OP(bind_ipi, true),
    OP(bind_vcpu, false),
    OP(unmask, false),
    OP(reset, false),
    OP(init_control, true),
    OP(expand_array, false),
    OP(set_priority, false),
    /* We never preempt a reset, but a guest may still ask to continue one. */
    [EVTCHNOP_reset_cont] = { op_reset, sizeof(struct evtchn_reset), false },
#undef OP
};

long do_event_channel_op(int cmd, uint64_t arg)
{
    union evtchn_op_args args;
    int rc;

    /* bind_pirq included: there are no physical IRQs to bind on Arm. */
    if ( cmd < 0 || cmd >= (int)ARRAY_SIZE(evtchn_ops) || !evtchn_ops[cmd].fn )
        return SUBOP_UNIMPLEMENTED("event_channel_op", cmd);
    if ( raw_copy_from_guest(&args, arg, evtchn_ops[cmd].size) )
        return -EFAULT;
    rc = evtchn_ops[cmd].fn(current->domain, &args);
    /* Like Xen, a port allocated before a failed copy-out stays allocated. */
    if ( !rc && evtchn_ops[cmd].copy_back &&
         raw_copy_to_guest(arg, &args, evtchn_ops[cmd].size) )
        rc = -EFAULT;
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Raising events from the hypervisor                                     */

static void raise_virq(struct domain *d, struct vcpu *v, unsigned int virq)
{
    evtchn_port_t port = v->virq_to_evtchn[virq];

    if ( port )
        evtchn_raise(d, evtchn_from_port(d, port));
}

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
    struct domain *d = v->domain;
    unsigned long flags;

    if ( virq >= NR_VIRQS )
        return;
    ASSERT(!virq_is_global(virq));
    spin_lock_irqsave(&d->event_lock, flags);
    raise_virq(d, v, virq);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
    unsigned long flags;

    if ( !d || !d->vcpu || !domain_vcpu(d, 0) || virq >= NR_VIRQS )
        return;
    ASSERT(virq_is_global(virq));
    /* Bound on vCPU 0; bind_vcpu may have moved where it is delivered. */
    spin_lock_irqsave(&d->event_lock, flags);
    raise_virq(d, d->vcpu[0], virq);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

/* ---------------------------------------------------------------------- */
/* Domains                                                                 */

int evtchn_domain_init(struct domain *d, uint32_t max_port)
{
    spin_lock_init(&d->event_lock);
    d->evtchn_port_ops = &evtchn_port_ops_2l;
    d->evtchn_bucket = NULL;
    d->evtchn_fifo = NULL;
    d->valid_evtchns = d->used_evtchns = 0;
    /*
     * The toolstack names the highest port a domU may use (createdomain's
     * max_evtchn_port); dom0 gets the ABI maximum, as in Xen.
     */
    d->max_evtchns = d->is_privileged ? EVTCHN_FIFO_NR_CHANNELS
                                      : min(max_port, EVTCHN_FIFO_NR_CHANNELS - 1) + 1;
    return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
    unsigned long flags;
    unsigned int i;

    /* No new ports from here on, so the sweep below catches them all. */
    spin_lock_irqsave(&d->event_lock, flags);
    d->max_evtchns = 0;
    spin_unlock_irqrestore(&d->event_lock, flags);

    close_all_ports(d);
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            unmap_vcpu_info(d->vcpu[i]);

    spin_lock_irqsave(&d->event_lock, flags);
    ASSERT(!d->used_evtchns);
    evtchn_fifo_destroy(d);
    d->evtchn_port_ops = &evtchn_port_ops_2l;
    for ( i = 0; i < d->valid_evtchns / EVTCHNS_PER_BUCKET; i++ )
        xfree(d->evtchn_bucket[i]);
    xfree(d->evtchn_bucket);
    d->evtchn_bucket = NULL;
    d->valid_evtchns = 0;
    spin_unlock_irqrestore(&d->event_lock, flags);
}

unsigned int evtchn_ports_in_use(const struct domain *d)
{
    return READ_ONCE(d->used_evtchns);
}

void evtchn_dump(struct domain *d)
{
    static const char *const state[] = {
        [ECS_UNBOUND] = "unbound", [ECS_INTERDOMAIN] = "interdomain",
        [ECS_VIRQ] = "virq", [ECS_IPI] = "ipi",
    };
    const struct evtchn_port_ops *ops = d->evtchn_port_ops;
    const struct evtchn *chn;
    unsigned long flags;
    evtchn_port_t port;

    spin_lock_irqsave(&d->event_lock, flags);
    printk("d%u: %u event channels in use, %s ABI\n", d->domain_id,
           d->used_evtchns, ops->name);
    for ( port = 1; (chn = evtchn_from_port(d, port)) != NULL; port++ ) {
        if ( chn->state <= ECS_RESERVED )
            continue;
        printk("  %5u %-11s v%u %c%c prio %u", port, state[chn->state],
               chn->notify_vcpu_id, ops->is_pending(d, chn) ? 'P' : '-',
               ops->is_masked(d, chn) ? 'M' : '-', chn->priority);
        if ( chn->state == ECS_UNBOUND )
            printk(" for d%u", chn->u.unbound_remote);
        else if ( chn->state == ECS_INTERDOMAIN )
            printk(" to d%u:%u", chn->u.interdomain.dom->domain_id,
                   chn->u.interdomain.port);
        else if ( chn->state == ECS_VIRQ )
            printk(" virq %u", chn->u.virq);
        if ( ops->print_state )
            ops->print_state(d, chn);
        printk("\n");
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
}

/* ---------------------------------------------------------------------- */
/* Guest pages the ABIs write into                                         */

void *map_guest_page(struct domain *d, gfn_t gfn, struct page_info **pg)
{
    p2m_type_t t;
    struct page_info *page = get_page_from_gfn(d, gfn, &t);

    if ( !page )
        return NULL;
    /* Only plain RAM: no read-only, foreign, granted or MMIO frames. */
    if ( t != p2m_ram_rw ) {
        put_page(page);
        return NULL;
    }
    *pg = page;
    return map_domain_page(page_to_mfn(page));
}

void unmap_guest_page(struct page_info *pg, const void *va)
{
    unmap_domain_page(va);
    put_page(pg);
}
