/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software timers: per pCPU, a list sorted by expiry under a lock; the
 * arch's one-shot hypervisor timer is programmed for the earliest one.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/timer.h>

struct timer_queue {
    spinlock_t lock;
    struct list_head list;
};

static struct timer_queue queues[NR_CPUS];

static void reprogram(struct timer_queue *q)
{
    struct timer *first = list_first_entry_or_null(&q->list, struct timer, list);

    arch_timer_program(first ? first->expires : 0);
}

void init_timer(struct timer *t, void (*fn)(void *), void *data,
                unsigned int cpu)
{
    t->fn = fn;
    t->data = data;
    t->cpu = cpu;
    t->active = false;
    INIT_LIST_HEAD(&t->list);
}

static void enqueue(struct timer_queue *q, struct timer *t)
{
    struct timer *pos;

    list_for_each_entry(pos, &q->list, list)
        if ( pos->expires > t->expires ) {
            list_add_tail(&t->list, &pos->list);
            t->active = true;
            return;
        }
    list_add_tail(&t->list, &q->list);
    t->active = true;
}

void set_timer(struct timer *t, s_time_t expires)
{
    unsigned int cpu = t->cpu;
    struct timer_queue *q = &queues[cpu];
    unsigned long flags;

    spin_lock_irqsave(&q->lock, flags);
    if ( t->active )
        list_del(&t->list);
    t->expires = expires;
    enqueue(q, t);
    if ( cpu == smp_processor_id() )
        reprogram(q);
    spin_unlock_irqrestore(&q->lock, flags);
    if ( cpu != smp_processor_id() )
        cpu_raise_softirq(cpu, TIMER_SOFTIRQ);
}

void stop_timer(struct timer *t)
{
    struct timer_queue *q = &queues[t->cpu];
    unsigned long flags;

    spin_lock_irqsave(&q->lock, flags);
    if ( t->active ) {
        list_del_init(&t->list);
        t->active = false;
    }
    spin_unlock_irqrestore(&q->lock, flags);
}

void migrate_timer(struct timer *t, unsigned int cpu)
{
    bool was_active = t->active;

    stop_timer(t);
    t->cpu = cpu;
    if ( was_active )
        set_timer(t, t->expires);
}

void kill_timer(struct timer *t)
{
    stop_timer(t);
    t->fn = NULL;
}

void timer_softirq_action(void)
{
    struct timer_queue *q = &queues[smp_processor_id()];
    unsigned long flags;

    spin_lock_irqsave(&q->lock, flags);
    for ( ;; ) {
        struct timer *t = list_first_entry_or_null(&q->list, struct timer, list);
        void (*fn)(void *);
        void *data;

        if ( !t || t->expires > NOW() )
            break;
        list_del_init(&t->list);
        t->active = false;
        fn = t->fn;
        data = t->data;
        /* The callback may set timers, on this CPU too. */
        spin_unlock_irqrestore(&q->lock, flags);
        if ( fn )
            fn(data);
        spin_lock_irqsave(&q->lock, flags);
    }
    reprogram(q);
    spin_unlock_irqrestore(&q->lock, flags);
}

void timers_init_cpu(unsigned int cpu)
{
    spin_lock_init(&queues[cpu].lock);
    INIT_LIST_HEAD(&queues[cpu].list);
    if ( cpu == 0 )
        open_softirq(TIMER_SOFTIRQ, timer_softirq_action);
}
