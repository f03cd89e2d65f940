/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_SMP_H
#define XEN_SMP_H

#include <xen/percpu.h>
#include <xen/types.h>

DECLARE_PER_CPU(unsigned int, cpu_id);
#define smp_processor_id() (this_cpu(cpu_id))

/* Online CPUs, as a bitmap: all code sizes its loops with nr_cpu_ids. */
extern unsigned long cpu_online_map;
extern unsigned int nr_cpu_ids;

static inline bool cpu_online(unsigned int cpu)
{
    return (cpu_online_map >> cpu) & 1;
}

#define for_each_online_cpu(c) \
    for ( (c) = 0; (c) < nr_cpu_ids; (c)++ ) if ( cpu_online(c) )

/* Cross-CPU function call: runs fn(arg) on cpu, waiting if wait. */
void smp_call_function_single(unsigned int cpu, void (*fn)(void *), void *arg,
                              bool wait);
/* Sends the scheduler IPI so cpu re-evaluates what to run. */
void smp_send_event_check(unsigned int cpu);

#endif
