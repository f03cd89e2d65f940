/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The register frame saved on every exception to EL2.  For a trap from a
 * guest it holds the guest's general registers; it sits at the top of the
 * pCPU's stack, and vCPU switches copy it to and from struct vcpu.
 */
#ifndef ASM_ARM_REGS_H
#define ASM_ARM_REGS_H

#define UREGS_X0    0
#define UREGS_LR    240
#define UREGS_SP    248
#define UREGS_PC    256
#define UREGS_CPSR  264
#define UREGS_ESR   272
#define UREGS_SIZE  288

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct cpu_user_regs {
    uint64_t x[31];     /* x30 is the link register */
    uint64_t sp;        /* stack pointer at the trap (EL2 traps only) */
    uint64_t pc;        /* ELR_EL2 */
    uint64_t cpsr;      /* SPSR_EL2 */
    uint64_t esr;       /* ESR_EL2 */
    uint64_t pad;
};

_Static_assert(sizeof(struct cpu_user_regs) == UREGS_SIZE, "frame size");
_Static_assert(__builtin_offsetof(struct cpu_user_regs, pc) == UREGS_PC, "pc");

static inline bool regs_from_guest(const struct cpu_user_regs *regs)
{
    return (regs->cpsr & 0xf) < 0x8;   /* EL0 or EL1 */
}

/* The frame of the guest that trapped on this pCPU. */
struct cpu_user_regs *guest_cpu_user_regs(void);
#endif

#endif
