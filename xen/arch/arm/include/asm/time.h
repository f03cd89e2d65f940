/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_TIME_H
#define ASM_ARM_TIME_H

#include <xen/types.h>

extern uint32_t cpu_khz;            /* generic counter frequency / 1000 */
extern uint64_t boot_count;         /* counter value at boot */

void time_init(const void *fdt);
void time_init_secondary_cpu(void);

uint64_t ticks_to_ns(uint64_t ticks);
uint64_t ns_to_ticks(uint64_t ns);

static inline uint64_t get_cycles(void)
{
    uint64_t c;

    __asm__ __volatile__("isb; mrs %0, cntpct_el0" : "=r" (c) :: "memory");
    return c;
}

/* The virtual timer PPI fired for the vCPU running here. */
void vtimer_interrupt(void);

#endif
