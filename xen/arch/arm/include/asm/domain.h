/* SPDX-License-Identifier: GPL-2.0-only */
/* Arm parts of struct domain and struct vcpu. */
#ifndef ASM_ARM_DOMAIN_H
#define ASM_ARM_DOMAIN_H

#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/types.h>
#include <asm/mmio.h>
#include <asm/regs.h>
#include <asm/vgic.h>

struct p2m_domain {
    spinlock_t lock;
    uint64_t *root;             /* level-0 table (4 levels, 48-bit IPA) */
    uint64_t vttbr;             /* root | VMID << 48 */
    uint16_t vmid;
    unsigned long nr_tables;    /* table pages, freed at destroy */
};

struct vfp_state {
    __uint128_t q[32];
    uint64_t fpsr, fpcr;
};

struct vtimer {
    uint64_t ctl;               /* CNTV_CTL_EL0 */
    uint64_t cval;              /* CNTV_CVAL_EL0 */
    struct timer timer;         /* wakes the vCPU while it is descheduled */
};

struct arch_vcpu {
    struct cpu_user_regs regs;  /* general registers while off the pCPU */

    /* EL1/EL0 system registers, switched with the vCPU. */
    uint64_t sctlr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
    uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1;
    uint64_t elr_el1, spsr_el1, esr_el1, far_el1, afsr0, afsr1, par;
    uint64_t cpacr, csselr, cntkctl, mdscr;
    uint64_t vmpidr;

    struct vfp_state fp;
    struct vtimer vtimer;
    struct vgic_cpu vgic;
};

struct arch_domain {
    struct p2m_domain p2m;
    struct vgic_dist vgic;
    struct mmio_handlers mmio;
    uint64_t cntvoff;           /* virtual counter = physical - cntvoff */
    unsigned int evtchn_ppi;    /* upcall interrupt (a PPI) */
    unsigned int vtimer_ppi;    /* the virtual timer's PPI as the guest sees it */
    bool direct_map;            /* guest physical == machine (dom0) */
};

struct vcpu;
/* Puts v in the state a kernel is entered in (EL1h, masked, MMU off). */
void vcpu_reset_state(struct vcpu *v, uint64_t entry, uint64_t x0);

#endif
