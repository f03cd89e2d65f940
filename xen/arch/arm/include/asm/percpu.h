/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_PERCPU_H
#define ASM_ARM_PERCPU_H

#include <asm/sysregs.h>

/* TPIDR_EL2 holds this CPU's per-CPU offset. */
static inline unsigned long get_per_cpu_offset(void)
{
    return READ_SYSREG(tpidr_el2);
}

static inline void set_per_cpu_offset(unsigned long off)
{
    WRITE_SYSREG(off, tpidr_el2);
}

#endif
