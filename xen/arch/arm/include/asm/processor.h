/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_PROCESSOR_H
#define ASM_ARM_PROCESSOR_H

#include <xen/compiler.h>
#include <xen/types.h>
#include <asm/sysregs.h>

static inline void cpu_relax(void)
{
    __asm__ __volatile__("yield" ::: "memory");
}

static inline void cpu_wake_waiters(void) { }

static inline unsigned long local_irq_save(void)
{
    unsigned long flags;

    __asm__ __volatile__("mrs %0, daif\n\tmsr daifset, #2"
                         : "=r" (flags) :: "memory");
    return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
    __asm__ __volatile__("msr daif, %0" :: "r" (flags) : "memory");
}

static inline void local_irq_disable(void)
{
    __asm__ __volatile__("msr daifset, #2" ::: "memory");
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__("msr daifclr, #2" ::: "memory");
}

static inline bool local_irq_is_enabled(void)
{
    return !(READ_SYSREG(daif) & PSR_I);
}

static inline void wait_for_interrupt(void)
{
    __asm__ __volatile__("dsb sy; wfi" ::: "memory");
}

#endif
