/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vCPU's registers as the toolstack sets and reads them (domctl
 * setvcpucontext/getvcpucontext): how the domain builder starts vCPU 0.
 * The caller holds the domain paused.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/sysregs.h>
#include <public/arch-arm.h>

/* Only AArch64 EL0t, EL1t and EL1h: no AArch32, and never EL2. */
static bool guest_psr_valid(uint64_t psr)
{
    unsigned int mode = psr & PSR_MODE_MASK;

    if ( psr >> 32 )
        return false;
    return mode == PSR_MODE_EL0t || mode == PSR_MODE_EL1t ||
           mode == PSR_MODE_EL1h;
}

int arch_set_vcpu_context(struct vcpu *v, const struct vcpu_guest_context *c)
{
    const struct vcpu_guest_core_regs *r = &c->user_regs;
    const uint64_t *x = &r->x0;
    unsigned int i;

    if ( c->flags & ~VGCF_online )
        return -EINVAL;
    if ( !guest_psr_valid(r->cpsr) || !guest_psr_valid(r->spsr_el1) )
        return -EINVAL;

    vcpu_reset_state(v, r->pc64, r->x0);
    for ( i = 0; i < 31; i++ )
        v->arch.regs.x[i] = x[i];
    v->arch.regs.cpsr = r->cpsr;
    v->arch.sp_el0 = r->sp_el0;
    v->arch.sp_el1 = r->sp_el1;
    v->arch.elr_el1 = r->elr_el1;
    v->arch.spsr_el1 = r->spsr_el1;
    v->arch.sctlr = c->sctlr;
    v->arch.tcr = c->ttbcr;
    v->arch.ttbr0 = c->ttbr0;
    v->arch.ttbr1 = c->ttbr1;

    if ( c->flags & VGCF_online )
        clear_bit(_VPF_down, &v->pause_flags);
    else
        set_bit(_VPF_down, &v->pause_flags);
    return 0;
}

void arch_get_vcpu_context(const struct vcpu *v, struct vcpu_guest_context *c)
{
    struct vcpu_guest_core_regs *r = &c->user_regs;
    uint64_t *x = &r->x0;
    unsigned int i;

    memset(c, 0, sizeof(*c));
    if ( !test_bit(_VPF_down, &v->pause_flags) )
        c->flags = VGCF_online;
    for ( i = 0; i < 31; i++ )
        x[i] = v->arch.regs.x[i];
    r->pc64 = v->arch.regs.pc;
    r->cpsr = v->arch.regs.cpsr;
    r->sp_el0 = v->arch.sp_el0;
    r->sp_el1 = v->arch.sp_el1;
    r->elr_el1 = v->arch.elr_el1;
    r->spsr_el1 = v->arch.spsr_el1;
    c->sctlr = v->arch.sctlr;
    c->ttbcr = v->arch.tcr;
    c->ttbr0 = v->arch.ttbr0;
    c->ttbr1 = v->arch.ttbr1;
}
