/* SPDX-License-Identifier: GPL-2.0-only */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/smp.h>

extern char __per_cpu_start[], __per_cpu_end[];

unsigned long __per_cpu_offset[NR_CPUS];
DEFINE_PER_CPU(unsigned int, cpu_id);

/*
 * CPU 0 uses the template itself (it needs per-CPU data before the heap
 * exists); the others get zeroed areas of the same size, so per-CPU
 * variables must not rely on static initialisers.
 */
int percpu_init_area(unsigned int cpu)
{
    size_t size = __per_cpu_end - __per_cpu_start;
    unsigned int order = 0;
    char *p;

    if ( cpu == 0 ) {
        __per_cpu_offset[0] = 0;
        per_cpu(cpu_id, 0) = 0;
        return 0;
    }
    while ( (PAGE_SIZE << order) < size )
        order++;
    p = alloc_xenheap_pages(order, 0);
    if ( !p )
        return -ENOMEM;
    memset(p, 0, size);
    __per_cpu_offset[cpu] = p - __per_cpu_start;
    per_cpu(cpu_id, cpu) = cpu;
    return 0;
}
