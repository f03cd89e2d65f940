/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software timers: a callback runs on a chosen pCPU (in softirq context)
 * once system time passes the expiry.  Time is nanoseconds since boot.
 */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/list.h>
#include <xen/types.h>

typedef uint64_t s_time_t;

#define MILLISECS(ms)  ((s_time_t)(ms) * 1000000ULL)
#define MICROSECS(us)  ((s_time_t)(us) * 1000ULL)
#define SECONDS(s)     ((s_time_t)(s) * 1000000000ULL)

struct timer {
    s_time_t expires;
    void (*fn)(void *data);
    void *data;
    unsigned int cpu;
    bool active;
    struct list_head list;      /* in the pCPU's list, sorted by expiry */
};

/* System time in ns since boot (arch: from the generic counter). */
s_time_t NOW(void);

void init_timer(struct timer *t, void (*fn)(void *), void *data,
                unsigned int cpu);
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
void migrate_timer(struct timer *t, unsigned int cpu);
/* Stops the timer for good; it must not be set again. */
void kill_timer(struct timer *t);

/* Runs this pCPU's expired timers and reprograms the hardware. */
void timer_softirq_action(void);
void timers_init_cpu(unsigned int cpu);

/* Arch: fire this pCPU's hypervisor timer interrupt at 'deadline' (0: off). */
void arch_timer_program(s_time_t deadline);

#endif
