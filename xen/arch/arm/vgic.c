/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vGIC's interrupt-state core: per-interrupt state, injection, the
 * per-vCPU list of interrupts in flight (ap_list), and moving that state in
 * and out of the list registers of the virtual CPU interface.
 *
 * Model
 * -----
 * Every interrupt a vCPU may have to see is on that vCPU's ap_list while it
 * is active, or pending and enabled.  The list is sorted by priority.  The
 * list registers are a cache of the list's head: vgic_flush_lrs() writes
 * them on the way into the guest (active interrupts first, so the guest can
 * always EOI what it acknowledged, then pending ones by priority), and
 * vgic_sync_from_lrs() folds them all back into the interrupt state on the
 * way out and frees them.  Nothing lives only in a list register while the
 * hypervisor runs, so a descheduled vCPU keeps its interrupts in flight on
 * its ap_list, state changes made from any pCPU are never lost, and a
 * re-routed SPI simply moves to another list.
 *
 * Pending state:
 *  - edge-triggered interrupts latch each raise; writing one into an LR as
 *    pending moves the latch into the LR (a new edge meanwhile re-latches).
 *  - forwarded hardware SPIs are treated the same way whatever their
 *    trigger: the physical GIC tracks the line and will not signal again
 *    until the guest's EOI (HW bit) deactivates the physical interrupt.
 *  - level-triggered virtual interrupts: each raise latches until the guest
 *    acknowledges it, as Xen 4.17 does, so sources that only ever raise
 *    (the virtual timer and the event-channel upcall) get one delivery per
 *    raise.  Once a source has lowered its line (inject level=false), the
 *    vGIC knows it reports both edges, and from then on the interrupt
 *    follows the line: it stays pending, also after the guest's EOI, for
 *    as long as the line is high.  Lowering also drops a raise the guest
 *    has not acknowledged yet.
 *
 * Locking
 * -------
 *  1. d->arch.vgic.lock (dist lock): distributor-wide state (GICD_CTLR),
 *     SPI routing changes, hardware connection.  Taken first.
 *  2. v->arch.vgic.ap_lock: v's ap_list and the whole state of every
 *     interrupt whose irq->target is v (private ones always; SPIs while
 *     routed to v).  When two are needed (moving an SPI), the lower
 *     vcpu_id is taken first.  An SPI's target changes only with the old
 *     target's ap_lock held, so lockers re-check it (irq_lock()).
 *  3. The physical GIC's own lock (gic_irq_set_type()), innermost.
 * All are taken with interrupts off: injection runs in interrupt handlers.
 * None is held across vcpu_unblock() / smp_send_event_check(): the scheduler
 * calls vgic_vcpu_pending_irq() (which takes an ap_lock) under its locks.
 */
#include <xen/atomic.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/list.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/vgic.h>

#include "vgic-internal.h"

BUILD_BUG_ON(VGIC_LR_PENDING != ICH_LR_PENDING);
BUILD_BUG_ON(VGIC_LR_ACTIVE != ICH_LR_ACTIVE);
BUILD_BUG_ON(VGIC_LR_HW != ICH_LR_HW);
BUILD_BUG_ON(VGIC_LR_GROUP1 != ICH_LR_GROUP1);
BUILD_BUG_ON(VGIC_LR_PRIO_SHIFT != ICH_LR_PRIO_SHIFT);
BUILD_BUG_ON(VGIC_LR_PINTID_SHIFT != ICH_LR_PINTID_SHIFT);

/* ICH registers by encoding (assemblers differ in the names they know). */
#define ICH_VTR_EL2     S3_4_C12_C11_1
#define ICH_VMCR_EL2    S3_4_C12_C11_7
#define ICH_VMCR_VPMR_SHIFT 24

/* What the virtual CPU interface implements (ICH_VTR_EL2), probed once. */
static unsigned int vgic_nr_aprs = 1;   /* ICH_AP{0,1}R<n>_EL2 in use */
static uint8_t vgic_prio_mask = 0xf8;   /* priority bits implemented */

static void vgic_probe_vtr(void)
{
    uint64_t vtr = READ_SYSREG(ICH_VTR_EL2);
    unsigned int pribits = ((vtr >> 29) & 7) + 1;
    unsigned int prebits = ((vtr >> 26) & 7) + 1;

    if ( pribits < 4 )
        pribits = 4;                /* not architecturally possible */
    vgic_prio_mask = (uint8_t)(0xff << (8 - pribits));
    /* 5 preemption bits: 32 groups, one APR; 6: two; 7: four. */
    vgic_nr_aprs = prebits <= 5 ? 1 : prebits == 6 ? 2 : 4;
}

/* APRs to switch, bounded by the save area whatever VTR said. */
static unsigned int vgic_aprs(const struct vgic_cpu *vc)
{
    return min(vgic_nr_aprs, (unsigned int)ARRAY_SIZE(vc->ap0r));
}

static unsigned int vgic_nr_lrs(void)
{
    return min(gic.nr_lrs, (unsigned int)VGIC_MAX_LRS);
}

static struct vcpu *domain_vcpu(const struct domain *d, unsigned int id)
{
    return d->vcpu && id < d->max_vcpus ? d->vcpu[id] : NULL;
}

/* ---- Interrupt state -------------------------------------------------- */

static bool irq_is_hw(const struct vgic_irq *irq)
{
    return irq->hw_intid != 0;
}

static bool irq_edge_like(const struct vgic_irq *irq)
{
    return irq->edge || irq_is_hw(irq);
}

static bool irq_pending(const struct vgic_irq *irq)
{
    return vgic_state_pending(irq_edge_like(irq), irq->pending,
                              irq->line_tracked && irq->line_level);
}

/* Belongs on its target's ap_list. */
static bool irq_in_flight(const struct vgic_irq *irq)
{
    return irq->active || (irq->enabled && irq_pending(irq));
}

static bool irq_queued(const struct vgic_irq *irq)
{
    return !list_empty(&irq->ap_list);
}

bool vgic_irq_is_pending(const struct vgic_irq *irq)
{
    return irq_pending(irq);
}

struct vgic_irq *vgic_get_irq(struct domain *d, struct vcpu *v,
                              unsigned int intid)
{
    struct vgic_dist *dist = &d->arch.vgic;

    if ( intid < VGIC_NR_PRIVATE_IRQS )
        return v && v->domain == d ? &v->arch.vgic.private_irqs[intid] : NULL;
    intid -= VGIC_NR_PRIVATE_IRQS;
    if ( !dist->spis || intid >= dist->nr_spis )
        return NULL;
    return &dist->spis[intid];
}

struct vcpu *vgic_vcpu_by_aff(struct domain *d, uint32_t aff)
{
    int id = vgic_aff32_to_vcpuid(aff);
    struct vcpu *v = id >= 0 ? domain_vcpu(d, id) : NULL;
    unsigned int i;

    if ( v && vgic_aff32(v->arch.vmpidr) == aff )
        return v;
    /* Only if vmpidr does not follow the usual scheme: look for it. */
    for ( i = 0; i < d->max_vcpus; i++ ) {
        v = domain_vcpu(d, i);
        if ( v && vgic_aff32(v->arch.vmpidr) == aff )
            return v;
    }
    return NULL;
}

/* Where IROUTER sends an SPI: 1-of-N and unknown affinities go to vCPU 0. */
static struct vcpu *vgic_route(struct domain *d, uint64_t irouter)
{
    struct vcpu *v = NULL;

    if ( !(irouter & GICD_IROUTER_IRM) )
        v = vgic_vcpu_by_aff(d, vgic_aff32(irouter));
    return v ? v : domain_vcpu(d, 0);
}

static struct vcpu *irq_target(const struct vgic_irq *irq)
{
    return __atomic_load_n(&irq->target, __ATOMIC_ACQUIRE);
}

static void irq_set_target(struct vgic_irq *irq, struct vcpu *t)
{
    /* Last store under the old owner's lock: publishes the state with it. */
    __atomic_store_n(&irq->target, t, __ATOMIC_RELEASE);
}

/*
 * Takes the ap_lock of the vCPU owning irq's state.  NULL for an SPI of a
 * domain without vCPUs yet (nothing can race with its setup then).
 */
static struct vcpu *irq_lock(struct vgic_irq *irq, unsigned long *flags)
{
    for ( ;; ) {
        struct vcpu *t = irq_target(irq);

        if ( !t )
            return NULL;
        spin_lock_irqsave(&t->arch.vgic.ap_lock, *flags);
        if ( likely(irq_target(irq) == t) )
            return t;
        /* Re-routed while we waited: chase it. */
        spin_unlock_irqrestore(&t->arch.vgic.ap_lock, *flags);
    }
}

static void irq_unlock(struct vcpu *t, unsigned long flags)
{
    spin_unlock_irqrestore(&t->arch.vgic.ap_lock, flags);
}

/* Both ap_locks, lower vcpu_id first; interrupts already off. */
static void lock_pair(struct vcpu *a, struct vcpu *b)
{
    if ( a == b ) {
        spin_lock(&a->arch.vgic.ap_lock);
        return;
    }
    if ( a->vcpu_id > b->vcpu_id ) {
        struct vcpu *t = a;

        a = b;
        b = t;
    }
    spin_lock(&a->arch.vgic.ap_lock);
    spin_lock(&b->arch.vgic.ap_lock);
}

static void unlock_pair(struct vcpu *a, struct vcpu *b)
{
    if ( a != b )
        spin_unlock(&b->arch.vgic.ap_lock);
    spin_unlock(&a->arch.vgic.ap_lock);
}

/* ---- ap_list ---------------------------------------------------------- */

/* Behind everything of higher or equal priority: FIFO among equals. */
static void ap_list_insert(struct vcpu *t, struct vgic_irq *irq)
{
    struct list_head *pos;

    list_for_each(pos, &t->arch.vgic.ap_list) {
        const struct vgic_irq *o = list_entry(pos, struct vgic_irq, ap_list);

        if ( o->priority > irq->priority )
            break;
    }
    list_add_tail(&irq->ap_list, pos);
}

/*
 * Off its owner's list.  An SPI re-routed while it was in flight could not
 * move then; it takes its new route now.  The caller must not touch irq
 * afterwards (it may have a new owner).
 */
static void irq_dequeue(struct domain *d, struct vgic_irq *irq)
{
    list_del_init(&irq->ap_list);
    if ( irq->intid >= VGIC_NR_PRIVATE_IRQS ) {
        struct vcpu *want = vgic_route(d, irq->irouter);

        if ( want && want != irq->target )
            irq_set_target(irq, want);
    }
}

/*
 * Puts irq on or takes it off its owner t's list after a state change (t's
 * ap_lock held).  True if t has something new to take: kick it.
 */
static bool irq_update_queue(struct domain *d, struct vcpu *t,
                             struct vgic_irq *irq)
{
    if ( irq_in_flight(irq) ) {
        if ( !irq_queued(irq) )
            ap_list_insert(t, irq);
        return irq->enabled && irq_pending(irq);
    }
    /* One in a list register is the owner's to fold back: leave it. */
    if ( irq_queued(irq) && irq->lr < 0 )
        irq_dequeue(d, irq);
    return false;
}

/*
 * Makes t notice new work: out of WFI, and out of the guest if it runs on
 * another pCPU, so it comes back through vgic_flush_lrs().  No vGIC lock
 * may be held.
 */
static void vgic_kick(struct vcpu *t)
{
    /* Our list update must be visible before we look at is_running. */
    smp_mb();
    /*
     * Also when t is current: an interrupt taken between its WFI trap and
     * the switch away from it (its own timer, typically) must cancel the
     * block, or t sleeps with the interrupt pending.
     */
    vcpu_unblock(t);
    if ( t == current )
        return;     /* we are in the hypervisor: flushed before re-entry */
    if ( READ_ONCE(t->is_running) && t->processor != smp_processor_id() )
        smp_send_event_check(t->processor);
}

/* ---- Injection -------------------------------------------------------- */

/* A source raises or lowers irq's line; true if anything changed. */
static bool irq_set_line(struct vgic_irq *irq, bool level)
{
    bool changed;

    if ( level ) {
        /*
         * A latch already waiting for an LR needs nothing new; one whose
         * earlier instance sits in an LR of a running vCPU needs that vCPU
         * to come out and pick it up.
         */
        changed = !irq->pending || irq->lr >= 0;
        irq->pending = true;
        if ( !irq_edge_like(irq) ) {
            changed |= !irq->line_level;
            irq->line_level = true;
            /* Else the fold would take it for the instance acknowledged. */
            irq->raised_in_lr |= irq->lr >= 0;
        }
        return changed;
    }
    if ( irq_edge_like(irq) )
        return false;       /* edges are latched; hw lines are the GIC's */
    changed = irq->pending || irq->line_level;
    irq->line_level = false;
    irq->line_tracked = true;
    irq->pending = false;
    irq->raised_in_lr = false;
    return changed;
}

void vgic_inject_irq(struct domain *d, struct vcpu *v, unsigned int intid,
                     bool level)
{
    struct vgic_irq *irq = vgic_get_irq(d, v, intid);
    unsigned long flags;
    struct vcpu *t;
    bool kick = false;

    if ( !irq )
        return;
    t = irq_lock(irq, &flags);
    if ( !t )
        return;
    if ( irq_set_line(irq, level) )
        kick = irq_update_queue(d, t, irq);
    irq_unlock(t, flags);
    if ( kick )
        vgic_kick(t);
}

void vgic_emulate_sgi(struct vcpu *v, uint64_t sgir)
{
    struct domain *d = v->domain;
    struct vgic_sgi_req req;
    unsigned int i;

    vgic_decode_sgir(sgir, &req);
    if ( req.broadcast ) {
        for ( i = 0; i < d->max_vcpus; i++ ) {
            struct vcpu *t = domain_vcpu(d, i);

            if ( t && t != v )
                vgic_inject_irq(d, t, req.intid, true);
        }
        return;
    }
    for ( i = 0; i < 16; i++ ) {
        struct vcpu *t;

        if ( !(req.targets & (1u << i)) )
            continue;
        /* Aff0 = RS * 16 + i: no carry out of the Aff0 byte. */
        t = vgic_vcpu_by_aff(d, req.aff + i);
        if ( t )
            vgic_inject_irq(d, t, req.intid, true);
    }
}

/* ---- Guest register writes -------------------------------------------- */

typedef bool (*irq_change_fn)(struct domain *d, struct vcpu *t,
                              struct vgic_irq *irq, unsigned int arg);

/* Runs one change under the owner's lock, then kicks the owner if needed. */
static void irq_change(struct domain *d, struct vgic_irq *irq,
                       irq_change_fn fn, unsigned int arg)
{
    unsigned long flags;
    struct vcpu *t = irq_lock(irq, &flags);
    bool kick = false;

    if ( !t )
        return;
    if ( fn(d, t, irq, arg) )
        kick = irq_update_queue(d, t, irq);
    irq_unlock(t, flags);
    if ( kick )
        vgic_kick(t);
}

static bool change_enabled(struct domain *d, struct vcpu *t,
                           struct vgic_irq *irq, unsigned int on)
{
    if ( irq->enabled == !!on )
        return false;
    irq->enabled = on;
    /* A forwarded SPI is masked at the source while the guest masks it. */
    if ( irq_is_hw(irq) ) {
        if ( on )
            gic_irq_enable(irq->hw_intid);
        else
            gic_irq_disable(irq->hw_intid);
    }
    return true;
}

static bool change_pending(struct domain *d, struct vcpu *t,
                           struct vgic_irq *irq, unsigned int on)
{
    if ( on ) {
        irq->pending = true;
        irq->raised_in_lr |= !irq_edge_like(irq) && irq->lr >= 0;
        return true;
    }
    /*
     * The physical side of a forwarded SPI waiting for delivery is active
     * (acknowledged by us, not yet EOIed by the guest): if the guest drops
     * it, end it there too or the line stays dead.  An instance in an LR
     * of a running vCPU is the guest's to EOI.
     */
    if ( irq_is_hw(irq) && irq->pending && !irq->active && irq->lr < 0 )
        gic_irq_deactivate(irq->hw_intid);
    irq->pending = false;
    irq->raised_in_lr = false;
    return true;
}

static bool change_active(struct domain *d, struct vcpu *t,
                          struct vgic_irq *irq, unsigned int on)
{
    if ( irq->active == !!on )
        return false;
    if ( on ) {
        irq->active = true;
        return true;
    }
    /* In an LR of a running vCPU: the fold would undo us; leave it. */
    if ( irq->lr >= 0 )
        return false;
    if ( irq_is_hw(irq) )
        gic_irq_deactivate(irq->hw_intid);
    irq->active = false;
    return true;
}

static bool change_priority(struct domain *d, struct vcpu *t,
                            struct vgic_irq *irq, unsigned int prio)
{
    prio &= vgic_prio_mask;
    if ( irq->priority == prio )
        return false;
    irq->priority = prio;
    /* Keep the list sorted; priority never reaches the physical GIC. */
    if ( irq_queued(irq) ) {
        list_del_init(&irq->ap_list);
        ap_list_insert(t, irq);
    }
    return false;   /* an ordering change alone is no reason to kick */
}

static bool change_edge(struct domain *d, struct vcpu *t,
                        struct vgic_irq *irq, unsigned int edge)
{
    if ( irq->intid < NR_GIC_SGI || irq->edge == !!edge )
        return false;       /* SGIs are always edge-triggered */
    irq->edge = edge;
    if ( edge )
        irq->line_level = false;
    /* The guest knows its device: the physical line follows. */
    if ( irq_is_hw(irq) )
        gic_irq_set_type(irq->hw_intid, edge);
    return true;
}

void vgic_irq_set_enabled(struct domain *d, struct vgic_irq *irq, bool on)
{
    irq_change(d, irq, change_enabled, on);
}

void vgic_irq_set_pending(struct domain *d, struct vgic_irq *irq, bool on)
{
    irq_change(d, irq, change_pending, on);
}

void vgic_irq_set_active(struct domain *d, struct vgic_irq *irq, bool on)
{
    irq_change(d, irq, change_active, on);
}

void vgic_irq_set_priority(struct domain *d, struct vgic_irq *irq,
                           uint8_t prio)
{
    irq_change(d, irq, change_priority, prio);
}

void vgic_irq_set_edge(struct domain *d, struct vgic_irq *irq, bool edge)
{
    irq_change(d, irq, change_edge, edge);
}

/*
 * Re-routes an SPI.  One waiting only on its list moves at once; one in a
 * list register or active stays with its owner until the owner is done
 * with it (irq_dequeue() / vgic_sync_from_lrs() move it then).
 */
void vgic_irq_set_irouter(struct domain *d, struct vgic_irq *irq,
                          uint64_t val, uint64_t mask)
{
    struct vgic_dist *dist = &d->arch.vgic;
    struct vcpu *old, *new = NULL;
    unsigned long flags;
    uint64_t irouter;
    bool kick = false;

    if ( irq->intid < VGIC_NR_PRIVATE_IRQS )
        return;
    spin_lock_irqsave(&dist->lock, flags);
    irouter = ((irq->irouter & ~mask) | (val & mask)) & GICD_IROUTER_MASK;
    new = vgic_route(d, irouter);
    for ( ;; ) {
        old = irq_target(irq);
        if ( !old || !new ) {
            irq->irouter = irouter;     /* no vCPUs yet */
            goto out;
        }
        lock_pair(old, new);
        if ( irq_target(irq) == old )
            break;
        unlock_pair(old, new);
    }
    irq->irouter = irouter;
    if ( new != old ) {
        if ( !irq_queued(irq) )
            irq_set_target(irq, new);
        else if ( irq->lr < 0 && !irq->active ) {
            list_del_init(&irq->ap_list);
            irq_set_target(irq, new);
            ap_list_insert(new, irq);
            kick = true;
        }
    }
    unlock_pair(old, new);
 out:
    spin_unlock_irqrestore(&dist->lock, flags);
    if ( kick )
        vgic_kick(new);
}

void vgic_dist_set_ctlr(struct domain *d, uint32_t val)
{
    struct vgic_dist *dist = &d->arch.vgic;
    unsigned long flags;
    bool enabled;
    unsigned int i;

    spin_lock_irqsave(&dist->lock, flags);
    enabled = !(dist->ctlr & GICD_CTLR_ENABLE_G1) &&
              (val & GICD_CTLR_ENABLE_G1);
    WRITE_ONCE(dist->ctlr, val & (GICD_CTLR_ENABLE_G0 | GICD_CTLR_ENABLE_G1));
    spin_unlock_irqrestore(&dist->lock, flags);

    /* Interrupts held back while the distributor was off may now go. */
    if ( enabled )
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( domain_vcpu(d, i) )
                vgic_kick(domain_vcpu(d, i));
}

int vgic_connect_hw_irq(struct domain *d, unsigned int intid,
                        unsigned int hw_intid)
{
    struct vgic_irq *irq = vgic_get_irq(d, NULL, intid);
    struct vgic_dist *dist = &d->arch.vgic;
    unsigned long flags, f2 = 0;
    struct vcpu *t;
    int rc = 0;

    if ( !irq || hw_intid < NR_GIC_LOCAL_IRQS || hw_intid >= GIC_SPURIOUS_FIRST )
        return -EINVAL;
    /* The dist lock covers an SPI that has no owner yet. */
    spin_lock_irqsave(&dist->lock, flags);
    t = irq_lock(irq, &f2);
    if ( irq->hw_intid && irq->hw_intid != hw_intid )
        rc = -EBUSY;
    else {
        irq->hw_intid = hw_intid;
        if ( irq->enabled )
            gic_irq_enable(hw_intid);
    }
    if ( t )
        irq_unlock(t, f2);
    spin_unlock_irqrestore(&dist->lock, flags);
    return rc;
}

/* ---- List registers --------------------------------------------------- */

/* Writes irq into list register n (owner's ap_lock held). */
static void lr_write(struct vgic_irq *irq, unsigned int n, bool dist_on)
{
    bool edge_like = irq_edge_like(irq);
    bool pend = dist_on && irq->enabled && irq_pending(irq) &&
                vgic_lr_may_pend(irq_is_hw(irq), irq->active);
    /* A level line we track: hear about the EOI, to re-present it. */
    bool eoi = !edge_like && irq->line_tracked;

    gic_write_lr(n, vgic_lr_encode(irq->intid, irq->priority, pend,
                                   irq->active, irq->hw_intid, eoi));
    if ( pend && edge_like )
        irq->pending = false;       /* the LR carries it now */
    irq->lr = n;
}

/* Reads back and clears every LR in use (v's ap_lock held). */
static void lrs_fold(struct vcpu *v)
{
    struct vgic_cpu *vc = &v->arch.vgic;
    unsigned int i;

    for ( i = 0; i < vc->used_lrs; i++ ) {
        uint64_t lr = gic_read_lr(i);
        struct vgic_irq *irq = vgic_get_irq(v->domain, v,
                                            lr & ICH_LR_VINTID_MASK);

        gic_write_lr(i, 0);
        if ( !irq || irq->lr != (int)i )
            continue;                   /* not ours: cannot happen */
        irq->active = lr & ICH_LR_ACTIVE;
        irq->pending = vgic_fold_latch(irq_edge_like(irq), irq->pending,
                                       irq->raised_in_lr, lr);
        irq->raised_in_lr = false;
        irq->lr = -1;
    }
    vc->used_lrs = 0;
}

/* Drops what the guest finished with (v's ap_lock held, LRs folded). */
static void ap_list_prune(struct vcpu *v)
{
    struct vgic_irq *irq, *next;

    list_for_each_entry_safe(irq, next, &v->arch.vgic.ap_list, ap_list)
        if ( !irq_in_flight(irq) )
            irq_dequeue(v->domain, irq);
}

/*
 * Hands over the first SPI on v's list that was re-routed while it sat in
 * v's LRs and is now only pending.  Called with v's ap_lock held and
 * interrupts off; drops and retakes the lock.  False if there was none.
 */
static bool ap_list_migrate_one(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vgic_irq *irq;
    struct vcpu *want = NULL, *t;
    unsigned long flags;
    bool kick = false;

    list_for_each_entry(irq, &v->arch.vgic.ap_list, ap_list) {
        if ( irq->intid < VGIC_NR_PRIVATE_IRQS || irq->active )
            continue;
        want = vgic_route(d, irq->irouter);
        if ( want && want != v )
            break;
        want = NULL;
    }
    if ( !want )
        return false;
    list_del_init(&irq->ap_list);
    irq_set_target(irq, want);
    spin_unlock(&v->arch.vgic.ap_lock);

    t = irq_lock(irq, &flags);
    if ( t ) {
        kick = irq_update_queue(d, t, irq);
        irq_unlock(t, flags);
    }
    if ( kick )
        vgic_kick(t);
    spin_lock(&v->arch.vgic.ap_lock);
    return true;
}

void vgic_sync_from_lrs(struct vcpu *v)
{
    struct vgic_cpu *vc = &v->arch.vgic;
    unsigned long flags;
    unsigned int moved = 0;

    if ( is_idle_vcpu(v) )
        return;
    spin_lock_irqsave(&vc->ap_lock, flags);
    lrs_fold(v);
    ap_list_prune(v);
    /* Each round moves one SPI off this list for good: bounded. */
    while ( moved++ < VGIC_MAX_SPIS && ap_list_migrate_one(v) )
        ;
    spin_unlock_irqrestore(&vc->ap_lock, flags);
    /* No underflow interrupt while the LRs are empty in the hypervisor. */
    gic_write_hcr(ICH_HCR_EN);
}

void vgic_flush_lrs(struct vcpu *v)
{
    struct vgic_cpu *vc = &v->arch.vgic;
    bool dist_on = READ_ONCE(v->domain->arch.vgic.ctlr) & GICD_CTLR_ENABLE_G1;
    unsigned int nr = vgic_nr_lrs(), used = 0;
    struct vgic_irq *irq;
    unsigned long flags;
    bool more = false;

    if ( is_idle_vcpu(v) )
        return;
    spin_lock_irqsave(&vc->ap_lock, flags);
    if ( vc->used_lrs )
        lrs_fold(v);        /* no sync since the last flush: start afresh */

    /* Active first: the guest must find what it acknowledged to EOI it. */
    list_for_each_entry(irq, &vc->ap_list, ap_list)
        if ( irq->active ) {
            if ( used == nr ) {
                more = true;
                break;
            }
            lr_write(irq, used++, dist_on);
        }
    list_for_each_entry(irq, &vc->ap_list, ap_list)
        if ( dist_on && !irq->active && irq->enabled && irq_pending(irq) ) {
            if ( used == nr ) {
                more = true;
                break;
            }
            lr_write(irq, used++, dist_on);
        }
    vc->used_lrs = used;
    spin_unlock_irqrestore(&vc->ap_lock, flags);

    /*
     * More than fits: ask for the underflow maintenance interrupt to come
     * back and refill.  With a single LR it would fire at once, forever.
     */
    gic_write_hcr(ICH_HCR_EN | (more && nr > 1 ? ICH_HCR_UIE : 0));
}

/* ---- Context switch --------------------------------------------------- */

#define APR_CASE(g, n, crm) \
    case (g) * 4 + (n): return READ_SYSREG(S3_4_C12_##crm##_##n)
static uint64_t apr_read(unsigned int grp, unsigned int n)
{
    switch ( grp * 4 + n ) {
    APR_CASE(0, 0, C8); APR_CASE(0, 1, C8); APR_CASE(0, 2, C8); APR_CASE(0, 3, C8);
    APR_CASE(1, 0, C9); APR_CASE(1, 1, C9); APR_CASE(1, 2, C9); APR_CASE(1, 3, C9);
    }
    return 0;
}
#undef APR_CASE

#define APR_CASE(g, n, crm) \
    case (g) * 4 + (n): WRITE_SYSREG(val, S3_4_C12_##crm##_##n); break
static void apr_write(unsigned int grp, unsigned int n, uint64_t val)
{
    switch ( grp * 4 + n ) {
    APR_CASE(0, 0, C8); APR_CASE(0, 1, C8); APR_CASE(0, 2, C8); APR_CASE(0, 3, C8);
    APR_CASE(1, 0, C9); APR_CASE(1, 1, C9); APR_CASE(1, 2, C9); APR_CASE(1, 3, C9);
    }
}
#undef APR_CASE

void vgic_save_state(struct vcpu *v)
{
    struct vgic_cpu *vc = &v->arch.vgic;
    unsigned long flags;
    unsigned int i;

    if ( is_idle_vcpu(v) )
        return;
    /*
     * Normally vgic_sync_from_lrs() already emptied the LRs on the exit.
     * If not, fold them, but move nothing: kicking other vCPUs from the
     * middle of a context switch could re-enter the scheduler.
     */
    spin_lock_irqsave(&vc->ap_lock, flags);
    if ( vc->used_lrs ) {
        lrs_fold(v);
        ap_list_prune(v);
    }
    spin_unlock_irqrestore(&vc->ap_lock, flags);

    vc->vmcr = READ_SYSREG(ICH_VMCR_EL2);
    for ( i = 0; i < vgic_aprs(vc); i++ ) {
        vc->ap0r[i] = apr_read(0, i);
        vc->ap1r[i] = apr_read(1, i);
    }
    gic_write_hcr(0);
}

void vgic_restore_state(struct vcpu *v)
{
    struct vgic_cpu *vc = &v->arch.vgic;
    unsigned int i;

    if ( is_idle_vcpu(v) )
        return;
    WRITE_SYSREG(vc->vmcr, ICH_VMCR_EL2);
    for ( i = 0; i < vgic_aprs(vc); i++ ) {
        apr_write(0, i, vc->ap0r[i]);
        apr_write(1, i, vc->ap1r[i]);
    }
    isb();
    /* The LRs stay empty until vgic_flush_lrs() on the way in. */
}

bool vgic_vcpu_pending_irq(const struct vcpu *cv)
{
    struct vcpu *v = (struct vcpu *)cv;    /* for the lock only */
    struct vgic_cpu *vc = &v->arch.vgic;
    const struct vgic_irq *irq;
    unsigned long flags;
    unsigned int pmr;
    bool found = false;

    if ( is_idle_vcpu(v) )
        return false;
    if ( !(READ_ONCE(v->domain->arch.vgic.ctlr) & GICD_CTLR_ENABLE_G1) )
        return false;       /* nothing gets forwarded: as vgic_flush_lrs() */
    if ( v == current )
        pmr = READ_SYSREG(ICH_VMCR_EL2) >> ICH_VMCR_VPMR_SHIFT;
    else if ( READ_ONCE(v->is_running) )
        pmr = 0xff;         /* its mask is live elsewhere: assume open */
    else
        pmr = vc->vmcr >> ICH_VMCR_VPMR_SHIFT;
    pmr &= vgic_prio_mask;
    /* Lowest priority first past the mask is enough: the list is sorted. */
    spin_lock_irqsave(&vc->ap_lock, flags);
    list_for_each_entry(irq, &vc->ap_list, ap_list) {
        if ( irq->priority >= pmr )
            break;
        /* In an LR (flushed, not yet synced): in flight, count it. */
        if ( irq->lr >= 0 || (irq->enabled && irq_pending(irq)) ) {
            found = true;
            break;
        }
    }
    spin_unlock_irqrestore(&vc->ap_lock, flags);
    return found;
}

/* ---- Setup ------------------------------------------------------------ */

static void irq_init(struct vgic_irq *irq, unsigned int intid,
                     struct vcpu *target, bool edge)
{
    memset(irq, 0, sizeof(*irq));
    irq->intid = intid;
    irq->edge = edge;
    irq->lr = -1;
    irq->target = target;
    INIT_LIST_HEAD(&irq->ap_list);
}

int vgic_domain_init(struct domain *d, unsigned int nr_spis)
{
    struct vgic_dist *dist = &d->arch.vgic;
    unsigned int i;

    if ( nr_spis > VGIC_MAX_SPIS )
        return -EINVAL;
    vgic_probe_vtr();
    memset(dist, 0, sizeof(*dist));
    spin_lock_init(&dist->lock);
    if ( nr_spis ) {
        dist->spis = xzalloc_array(struct vgic_irq, nr_spis);
        if ( !dist->spis )
            return -ENOMEM;
    }
    dist->nr_spis = nr_spis;
    /* Level-triggered, routed to vCPU 0 (IROUTER 0) once it exists. */
    for ( i = 0; i < nr_spis; i++ )
        irq_init(&dist->spis[i], VGIC_NR_PRIVATE_IRQS + i, NULL, false);
    return 0;
}

void vgic_domain_destroy(struct domain *d)
{
    struct vgic_dist *dist = &d->arch.vgic;
    unsigned int i;

    /* Unlink everything so no list points into the SPIs we free. */
    for ( i = 0; i < d->max_vcpus; i++ ) {
        struct vcpu *v = domain_vcpu(d, i);
        unsigned long flags;

        if ( !v )
            continue;
        spin_lock_irqsave(&v->arch.vgic.ap_lock, flags);
        INIT_LIST_HEAD(&v->arch.vgic.ap_list);
        spin_unlock_irqrestore(&v->arch.vgic.ap_lock, flags);
    }
    xfree(dist->spis);
    dist->spis = NULL;
    dist->nr_spis = 0;
}

int vgic_vcpu_init(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vgic_cpu *vc = &v->arch.vgic;
    unsigned long flags;
    unsigned int i;

    memset(vc, 0, sizeof(*vc));
    spin_lock_init(&vc->ap_lock);
    INIT_LIST_HEAD(&vc->ap_list);
    /* SGIs: edge, enabled as on most GICs; PPIs: level, disabled. */
    for ( i = 0; i < VGIC_NR_PRIVATE_IRQS; i++ ) {
        irq_init(&vc->private_irqs[i], i, v, i < NR_GIC_SGI);
        vc->private_irqs[i].enabled = i < NR_GIC_SGI;
    }
    vc->waker = GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP;   /* reset state */
    vgic_v3_place_vcpu(d, v);

    if ( v->vcpu_id == 0 ) {
        spin_lock_irqsave(&d->arch.vgic.lock, flags);
        for ( i = 0; i < d->arch.vgic.nr_spis; i++ )
            if ( !d->arch.vgic.spis[i].target )
                irq_set_target(&d->arch.vgic.spis[i], v);
        spin_unlock_irqrestore(&d->arch.vgic.lock, flags);
    }
    return 0;
}

void vgic_dump_irq(struct vcpu *v, unsigned int intid)
{
    struct vgic_irq *irq = vgic_get_irq(v->domain, v, intid);

    if ( !irq )
        return;
    /* Unlocked: a snapshot for a person, which may be torn. */
    printk("    vgic intid %u: %s %s%s%s%s lr %d prio %#x\n", intid,
           irq->enabled ? "enabled" : "disabled",
           irq->edge ? "edge" : "level", irq->pending ? " pending" : "",
           irq->active ? " active" : "", irq->line_level ? " line-high" : "",
           irq->lr, irq->priority);
}

void vgic_dump_vcpu(struct vcpu *v)
{
    struct vgic_cpu *vc = &v->arch.vgic;
    const struct vgic_irq *irq;
    unsigned long flags;

    /* The list itself needs the lock: a walk racing a removal never ends. */
    spin_lock_irqsave(&vc->ap_lock, flags);
    printk("    vgic vmcr %#lx ap1r0 %#lx in flight:", (unsigned long)vc->vmcr,
           (unsigned long)vc->ap1r[0]);
    list_for_each_entry(irq, &vc->ap_list, ap_list)
        printk(" %u%s%s", irq->intid, irq->pending ? "p" : "",
               irq->active ? "a" : "");
    printk("\n");
    spin_unlock_irqrestore(&vc->ap_lock, flags);
}
