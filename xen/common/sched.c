/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler: round robin with a time slice, one run queue per pCPU,
 * an idle vCPU per pCPU.  A vCPU runs on the pCPU it was placed on (within
 * its affinity); WFI blocks it, WFE and SCHEDOP_yield give up the slice.
 *
 * Scheduling decisions happen in the SCHEDULE softirq, which runs on the
 * way back to a guest; context_switch() (arch) swaps the register frame,
 * so no stack is ever switched.
 *
 * A vCPU only ever runs from its own pCPU's queue, and rq->curr (under the
 * queue lock) says whether it is taken: a wake-up that races with the
 * pCPU switching away from it queues it, and only that pCPU, after it has
 * saved the state, can pick it again.  is_running stays set until the
 * state is saved, for those who must wait for that (vcpu_sleep_sync).
 *
 * Lock order: a run queue lock is the innermost lock; never take two.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/xmalloc.h>
#include <public/domctl.h>
#include <public/vcpu.h>

#define SLICE_NS    MILLISECS(10)

struct runqueue {
    spinlock_t lock;
    struct list_head queue;     /* runnable, not running, FIFO */
    struct vcpu *idle;
    struct vcpu *curr;          /* chosen by the last schedule() */
    struct timer slice_timer;
};

static struct runqueue runqueues[NR_CPUS];
DEFINE_PER_CPU(struct vcpu *, curr_vcpu);
static struct domain *idle_domain;

/* Xen's option: we have one scheduler, and say so if another is asked for. */
static int parse_sched(const char *s)
{
    if ( strcmp(s, "rr") )
        printk(XENLOG_WARNING "Scheduler '%s' is not available: using 'rr' "
               "(round robin)\n", s);
    return 0;
}
custom_param("sched", parse_sched);

static bool vcpu_runnable(const struct vcpu *v)
{
    return !v->pause_flags && !atomic_read(&v->pause_count) &&
           !atomic_read(&v->domain->pause_count) && !v->domain->is_dying &&
           !v->domain->is_shutting_down;
}

static void runstate_change(struct vcpu *v, enum runstate state, s_time_t now)
{
    if ( v->runstate == state )
        return;
    v->runstate_time[v->runstate] += now - v->runstate_entry_ns;
    v->runstate_entry_ns = now;
    v->runstate = state;
}

/* v's runstate as the guest ABI shows it: times up to entering this state. */
void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *info)
{
    struct runqueue *rq = &runqueues[v->processor];
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    info->state = v->runstate;
    info->state_entry_time = v->runstate_entry_ns;
    memcpy(info->time, v->runstate_time, sizeof(info->time));
    spin_unlock_irqrestore(&rq->lock, flags);
}

uint64_t vcpu_runstate_time(const struct vcpu *v, enum runstate state)
{
    uint64_t t = v->runstate_time[state];

    if ( v->runstate == state )
        t += NOW() - v->runstate_entry_ns;
    return t;
}

static void slice_expired(void *data)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

struct vcpu *idle_vcpu(unsigned int cpu)
{
    return runqueues[cpu].idle;
}

static unsigned int pick_cpu(const struct vcpu *v)
{
    unsigned int cpu = v->vcpu_id % nr_cpu_ids, i;

    for ( i = 0; i < nr_cpu_ids; i++, cpu = (cpu + 1) % nr_cpu_ids )
        if ( cpu_online(cpu) && ((v->cpu_affinity >> cpu) & 1) )
            return cpu;
    return v->processor;
}

void sched_add_vcpu(struct vcpu *v)
{
    v->cpu_affinity = ~0UL;
    v->processor = pick_cpu(v);
    v->runstate = RUNSTATE_offline;
    v->runstate_entry_ns = NOW();
    INIT_LIST_HEAD(&v->runq_elem);
}

void vcpu_wake(struct vcpu *v)
{
    struct runqueue *rq = &runqueues[v->processor];
    unsigned long flags;
    bool kick = false;

    spin_lock_irqsave(&rq->lock, flags);
    if ( vcpu_runnable(v) && rq->curr != v && !v->on_runq ) {
        list_add_tail(&v->runq_elem, &rq->queue);
        v->on_runq = true;
        runstate_change(v, RUNSTATE_runnable, NOW());
        kick = true;
    }
    spin_unlock_irqrestore(&rq->lock, flags);
    if ( kick )
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

void vcpu_sleep(struct vcpu *v)
{
    struct runqueue *rq = &runqueues[v->processor];
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    if ( v->on_runq ) {
        list_del_init(&v->runq_elem);
        v->on_runq = false;
        runstate_change(v, test_bit(_VPF_down, &v->pause_flags) ?
                        RUNSTATE_offline : RUNSTATE_blocked, NOW());
    }
    spin_unlock_irqrestore(&rq->lock, flags);
    if ( v->is_running )
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

/* Waits until v is off every pCPU (it must already be unrunnable). */
void vcpu_sleep_sync(struct vcpu *v)
{
    vcpu_sleep(v);
    while ( READ_ONCE(v->is_running) )
        cpu_relax();
}

void vcpu_block(void)
{
    struct vcpu *v = current;

    set_bit(_VPF_blocked, &v->pause_flags);
    smp_mb();
    /* An interrupt may have arrived since the guest decided to wait. */
    if ( arch_vcpu_has_pending_irq(v) )
        clear_bit(_VPF_blocked, &v->pause_flags);
    else
        raise_softirq(SCHEDULE_SOFTIRQ);
}

/* Called when something v waits for happened: unblocks and queues it. */
void vcpu_unblock(struct vcpu *v)
{
    if ( test_and_clear_bit(_VPF_blocked, &v->pause_flags) )
        vcpu_wake(v);
}

void vcpu_yield(void)
{
    current->slice_start_ns = 0;
    raise_softirq(SCHEDULE_SOFTIRQ);
}

static void schedule_softirq(void)
{
    schedule();
}

void schedule(void)
{
    unsigned int cpu = smp_processor_id();
    struct runqueue *rq = &runqueues[cpu];
    struct vcpu *prev = current, *next;
    s_time_t now = NOW();
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    /* prev keeps the pCPU if its slice runs and nobody waits. */
    if ( !is_idle_vcpu(prev) && vcpu_runnable(prev) &&
         (list_empty(&rq->queue) || now - prev->slice_start_ns < SLICE_NS) ) {
        spin_unlock_irqrestore(&rq->lock, flags);
        return;
    }
    if ( !is_idle_vcpu(prev) && vcpu_runnable(prev) ) {
        list_add_tail(&prev->runq_elem, &rq->queue);
        prev->on_runq = true;
        runstate_change(prev, RUNSTATE_runnable, now);
    } else if ( !is_idle_vcpu(prev) ) {
        runstate_change(prev, test_bit(_VPF_down, &prev->pause_flags) ?
                        RUNSTATE_offline : RUNSTATE_blocked, now);
    }

    next = list_first_entry_or_null(&rq->queue, struct vcpu, runq_elem);
    if ( next ) {
        list_del_init(&next->runq_elem);
        next->on_runq = false;
        next->is_running = true;
        next->slice_start_ns = now;
        runstate_change(next, RUNSTATE_running, now);
    } else
        next = rq->idle;
    rq->curr = next;
    spin_unlock_irqrestore(&rq->lock, flags);

    if ( !is_idle_vcpu(next) )
        set_timer(&rq->slice_timer, now + SLICE_NS);
    else
        stop_timer(&rq->slice_timer);
    if ( next == prev )
        return;

    /*
     * Interrupts stay off until 'current' names the vCPU whose state is
     * loaded: an interrupt in between (its timer, say) would be handled for
     * the wrong vCPU.
     */
    flags = local_irq_save();
    context_switch(prev, next);
    this_cpu(curr_vcpu) = next;
    local_irq_restore(flags);
    smp_mb();
    prev->is_running = is_idle_vcpu(prev);
    /* next's translation regime is loaded: its area is reachable now. */
    if ( !is_idle_vcpu(next) )
        vcpu_update_runstate_area(next);
}

int vcpu_set_affinity(struct vcpu *v, unsigned long mask)
{
    unsigned int cpu;

    mask &= cpu_online_map;
    if ( !mask )
        return -EINVAL;
    v->cpu_affinity = mask;
    if ( (mask >> v->processor) & 1 )
        return 0;
    /* Move it: hold it off every pCPU, re-place it, wake it there. */
    atomic_inc(&v->pause_count);
    vcpu_sleep_sync(v);
    for ( cpu = 0; !((mask >> cpu) & 1); cpu++ )
        ;
    migrate_timer(&v->arch.vtimer.timer, cpu);
    v->processor = cpu;
    atomic_dec(&v->pause_count);
    vcpu_wake(v);
    return 0;
}

void sched_init_cpu(unsigned int cpu)
{
    struct runqueue *rq = &runqueues[cpu];
    struct vcpu *idle;

    spin_lock_init(&rq->lock);
    INIT_LIST_HEAD(&rq->queue);
    init_timer(&rq->slice_timer, slice_expired, NULL, cpu);
    idle = vcpu_create(idle_domain, cpu);
    if ( !idle )
        panic("Cannot create the idle vCPU of CPU%u\n", cpu);
    idle->processor = cpu;
    idle->is_running = true;
    rq->idle = rq->curr = idle;
    per_cpu(curr_vcpu, cpu) = idle;
}

void scheduler_init(void)
{
    open_softirq(SCHEDULE_SOFTIRQ, schedule_softirq);
    static const struct xen_domctl_createdomain idle_config = {
        .max_vcpus = NR_CPUS,
    };

    idle_domain = domain_create(DOMID_IDLE, &idle_config, false);
    if ( !idle_domain )
        panic("Cannot create the idle domain\n");
    sched_init_cpu(0);
    printk("Scheduler: round robin (rr), %llu ms slice\n",
           (unsigned long long)(SLICE_NS / 1000000));
}
