/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stage-2 aborts: emulated MMIO (registered handlers), and exceptions the
 * guest gets for accesses nothing backs.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/mmio.h>
#include <asm/regs.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define ESR_ELx_IL      (1UL << 25)
#define FSC_EXT_ABORT   0x10

int register_mmio_handler(struct domain *d, const struct mmio_handler_ops *ops,
                          paddr_t base, paddr_t size, void *priv)
{
    struct mmio_handlers *m = &d->arch.mmio;

    if ( m->nr >= MAX_MMIO_HANDLERS )
        return -ENOSPC;
    m->h[m->nr].base = base;
    m->h[m->nr].size = size;
    m->h[m->nr].ops = ops;
    m->h[m->nr].priv = priv;
    m->nr++;
    return 0;
}

static const struct mmio_handler *find_handler(struct domain *d, paddr_t gpa)
{
    const struct mmio_handlers *m = &d->arch.mmio;
    unsigned int i;

    for ( i = 0; i < m->nr; i++ )
        if ( gpa >= m->h[i].base && gpa - m->h[i].base < m->h[i].size )
            return &m->h[i];
    return NULL;
}

/* Enters the guest's EL1 vector for a synchronous exception. */
static void inject_sync_exception(struct cpu_user_regs *regs, uint64_t esr,
                                  uint64_t far, bool set_far)
{
    unsigned int mode = regs->cpsr & PSR_MODE_MASK;
    uint64_t offset;

    if ( mode == PSR_MODE_EL1h )
        offset = 0x200;         /* current EL with SP_EL1 */
    else if ( mode == PSR_MODE_EL1t )
        offset = 0x000;
    else
        offset = 0x400;         /* from EL0 (AArch64) */

    WRITE_SYSREG(regs->pc, elr_el1);
    WRITE_SYSREG(regs->cpsr, spsr_el1);
    WRITE_SYSREG(esr, esr_el1);
    if ( set_far )
        WRITE_SYSREG(far, far_el1);
    regs->cpsr = PSR_MODE_EL1h | PSR_D | PSR_A | PSR_I | PSR_F;
    regs->pc = READ_SYSREG(vbar_el1) + offset;
}

static bool from_el0(const struct cpu_user_regs *regs)
{
    return (regs->cpsr & PSR_MODE_MASK) == PSR_MODE_EL0t;
}

void inject_undef_exception(struct cpu_user_regs *regs)
{
    inject_sync_exception(regs, ESR_ELx_IL, 0, false);
}

void inject_dabt_exception(struct cpu_user_regs *regs, uint64_t va)
{
    uint64_t ec = from_el0(regs) ? EC_DABT_LOW : EC_DABT_CUR;

    inject_sync_exception(regs, (ec << ESR_EC_SHIFT) | ESR_ELx_IL | FSC_EXT_ABORT,
                          va, true);
}

void inject_iabt_exception(struct cpu_user_regs *regs, uint64_t va)
{
    uint64_t ec = from_el0(regs) ? EC_IABT_LOW : EC_IABT_CUR;

    inject_sync_exception(regs, (ec << ESR_EC_SHIFT) | ESR_ELx_IL | FSC_EXT_ABORT,
                          va, true);
}

static bool handle_mmio(struct cpu_user_regs *regs, uint32_t iss, paddr_t gpa)
{
    const struct mmio_handler *h = find_handler(current->domain, gpa);
    struct mmio_access a;
    unsigned int rt = DABT_SRT(iss);
    uint64_t val;

    /* Without a valid syndrome we cannot know the register: refuse. */
    if ( !h || !(iss & DABT_ISV) )
        return false;
    a.gpa = gpa;
    a.size = 1u << DABT_SAS(iss);
    a.is_write = iss & DABT_WNR;

    if ( a.is_write ) {
        val = rt == 31 ? 0 : regs->x[rt];
        if ( a.size < 8 )
            val &= (1UL << (a.size * 8)) - 1;
        if ( !h->ops->write(current, &a, val, h->priv) )
            return false;
    } else {
        val = 0;
        if ( !h->ops->read(current, &a, &val, h->priv) )
            return false;
        if ( (iss & DABT_SSE) && a.size < 8 && (val >> (a.size * 8 - 1)) & 1 )
            val |= ~0UL << (a.size * 8);
        if ( !(iss & DABT_SF) )
            val &= 0xffffffffUL;
        if ( rt != 31 )
            regs->x[rt] = val;
    }
    advance_pc(regs);
    return true;
}

void do_trap_stage2_abort(struct cpu_user_regs *regs, bool is_instr)
{
    uint32_t iss = ESR_ISS(regs->esr);
    uint64_t far = READ_SYSREG(far_el2);
    paddr_t gpa = HPFAR_FIPA(READ_SYSREG(hpfar_el2)) | (far & 0xfff);

    if ( !is_instr && !(iss & DABT_S1PTW) && handle_mmio(regs, iss, gpa) )
        return;

    printk(XENLOG_DEBUG "d%uv%u: unhandled %s abort at IPA %#"PRIx64
           " (VA %#lx, PC %#lx): injecting it\n",
           current->domain->domain_id, current->vcpu_id,
           is_instr ? "instruction" : "data", gpa, (unsigned long)far,
           (unsigned long)regs->pc);
    if ( is_instr )
        inject_iabt_exception(regs, far);
    else
        inject_dabt_exception(regs, far);
}
