/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trapped instructions: system register accesses (SGI generation through
 * ICC_SGI*R, which always traps with HCR_EL2.IMO set; the ID registers,
 * trapped by HCR_EL2.TID3) and WFI/WFE.
 * Anything else is undefined for the guest, logged once per register.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/cpufeature.h>
#include <asm/regs.h>
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <asm/vgic.h>

/* ESR ISS of a trapped MSR/MRS: op0, op1, CRn, CRm, op2 (read bit 0 clear). */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
    (((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_MASK         SYSREG_ISS(3, 7, 15, 15, 7)
#define ICC_SGI1R_EL1       SYSREG_ISS(3, 0, 12, 11, 5)
#define ICC_ASGI1R_EL1      SYSREG_ISS(3, 1, 12, 11, 6)
#define ICC_SGI0R_EL1       SYSREG_ISS(3, 2, 12, 11, 7)
#define ID_SPACE_MASK       SYSREG_ISS(3, 7, 15, 0, 0)
#define ID_SPACE            SYSREG_ISS(3, 0, 0, 0, 0)

static void unhandled_sysreg(struct cpu_user_regs *regs, uint32_t iss)
{
    static uint32_t logged[16];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(logged) && logged[i] != iss; i++ )
        if ( !logged[i] ) {
            logged[i] = iss;
            printk(XENLOG_WARNING "d%u: unhandled system register %s "
                   "op0=%u op1=%u CRn=%u CRm=%u op2=%u: injecting undef\n",
                   current->domain->domain_id, (iss & 1) ? "read" : "write",
                   (iss >> 20) & 3, (iss >> 14) & 7, (iss >> 10) & 15,
                   (iss >> 1) & 15, (iss >> 17) & 7);
            break;
        }
    inject_undef_exception(regs);
}

void do_trap_sysreg(struct cpu_user_regs *regs)
{
    uint32_t iss = ESR_ISS(regs->esr);
    unsigned int rt = (iss >> 5) & 0x1f;
    bool is_read = iss & 1;
    uint64_t val = rt == 31 ? 0 : regs->x[rt];

    if ( (iss & ID_SPACE_MASK) == ID_SPACE && is_read &&
         guest_id_reg_read((iss >> 1) & 15, (iss >> 17) & 7, &val) ) {
        if ( rt != 31 )
            regs->x[rt] = val;
        advance_pc(regs);
        return;
    }

    switch ( iss & SYSREG_MASK ) {
    case ICC_SGI1R_EL1:
    case ICC_ASGI1R_EL1:
    case ICC_SGI0R_EL1:
        if ( is_read )
            break;
        vgic_emulate_sgi(current, val);
        advance_pc(regs);
        return;
    }
    unhandled_sysreg(regs, iss & (SYSREG_MASK | 1));
}

void do_trap_wfx(struct cpu_user_regs *regs)
{
    if ( regs->esr & 1 )        /* TI: WFE */
        vcpu_yield();
    else
        vcpu_block();
    advance_pc(regs);
}
