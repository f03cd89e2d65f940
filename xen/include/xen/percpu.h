/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU variables: the linker gathers them in one template area; each
 * CPU gets a copy at boot, and the arch keeps this CPU's offset from the
 * template in a register (get_per_cpu_offset()).
 */
#ifndef XEN_PERCPU_H
#define XEN_PERCPU_H

#include <xen/compiler.h>
#include <asm/percpu.h>

#define DEFINE_PER_CPU(type, name) \
    __section(".data.percpu") __typeof__(type) per_cpu__##name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) per_cpu__##name

extern unsigned long __per_cpu_offset[NR_CPUS];

#define per_cpu(name, cpu) \
    (*(__typeof__(per_cpu__##name) *)((char *)&per_cpu__##name + \
                                      __per_cpu_offset[cpu]))
#define this_cpu(name) \
    (*(__typeof__(per_cpu__##name) *)((char *)&per_cpu__##name + \
                                      get_per_cpu_offset()))

/* Makes cpu's copy of the per-CPU area; 0 or -ENOMEM. */
int percpu_init_area(unsigned int cpu);

#endif
