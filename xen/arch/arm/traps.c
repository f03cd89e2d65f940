/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions taken to EL2: traps from guests (hypercalls, PSCI, system
 * register accesses, stage-2 faults, WFI/WFE) and the crash report for
 * anything the hypervisor did not expect of itself.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/symbols.h>
#include <public/xen.h>
#include <asm/gic.h>
#include <asm/regs.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

static const char *const ec_names[64] = {
    [EC_UNKNOWN] = "unknown/undefined instruction",
    [EC_WFX] = "WFI/WFE",
    [EC_FP_ASIMD] = "FP/SIMD access",
    [EC_ILLEGAL] = "illegal execution state",
    [EC_SVC64] = "SVC",
    [EC_HVC64] = "HVC",
    [EC_SMC64] = "SMC",
    [EC_SYSREG] = "system register access",
    [EC_SVE] = "SVE access",
    [EC_IABT_LOW] = "instruction abort (lower EL)",
    [EC_IABT_CUR] = "instruction abort",
    [EC_PC_ALIGN] = "PC alignment fault",
    [EC_DABT_LOW] = "data abort (lower EL)",
    [EC_DABT_CUR] = "data abort",
    [EC_SP_ALIGN] = "SP alignment fault",
    [EC_SERROR] = "SError",
    [EC_BRK64] = "BRK",
};

static const char *ec_name(uint64_t esr)
{
    const char *n = ec_names[ESR_EC(esr)];

    return n ? n : "reserved";
}

void show_registers(const struct cpu_user_regs *regs)
{
    unsigned int i;

    printk("PC:     %016lx ", (unsigned long)regs->pc);
    if ( !regs_from_guest(regs) )
        print_symbol(regs->pc);
    printk("\nLR:     %016lx ", (unsigned long)regs->x[30]);
    if ( !regs_from_guest(regs) )
        print_symbol(regs->x[30]);
    printk("\nSP:     %016lx CPSR: %08lx ESR: %08lx\n", (unsigned long)regs->sp,
           (unsigned long)regs->cpsr, (unsigned long)regs->esr);
    for ( i = 0; i < 30; i += 3 )
        printk("X%-2u: %016lx X%-2u: %016lx X%-2u: %016lx\n",
               i, (unsigned long)regs->x[i], i + 1, (unsigned long)regs->x[i + 1],
               i + 2, (unsigned long)regs->x[i + 2]);
    printk("FAR_EL2: %016lx HPFAR_EL2: %016lx\n",
           (unsigned long)READ_SYSREG(far_el2), (unsigned long)READ_SYSREG(hpfar_el2));
}

static void print_trace_entry(uint64_t addr)
{
    printk("   [<%016lx>] ", (unsigned long)addr);
    print_symbol(addr);
    printk("\n");
}

/*
 * Frame-pointer walk: {fp, lr} pairs, bounded to the current stack.  lr,
 * when known (a trap frame), goes after pc: a leaf function keeps its
 * return address there without a frame record.
 */
void show_backtrace(uint64_t fp, uint64_t pc, uint64_t lr)
{
    unsigned int depth;
    uint64_t lo = fp & ~(uint64_t)(STACK_SIZE - 1), hi = lo + STACK_SIZE;

    printk("Xen call trace:\n");
    print_trace_entry(pc);
    if ( lr )
        print_trace_entry(lr);
    for ( depth = 0; depth < 32; depth++ ) {
        const uint64_t *frame = (const uint64_t *)fp;

        if ( fp < lo || fp + 16 > hi || (fp & 7) || !frame[1] )
            break;
        if ( depth || frame[1] != lr )
            print_trace_entry(frame[1]);
        if ( frame[0] <= fp )
            break;
        fp = frame[0];
    }
}

void dump_execution_state(void)
{
    /* Start at our caller: this function's own frame says nothing. */
    const uint64_t *frame = __builtin_frame_address(0);

    show_backtrace(frame[0], frame[1], 0);
}

static void __noreturn hypervisor_crash(const struct cpu_user_regs *regs,
                                        const char *what)
{
    console_force_unlock();
    printk("CPU%u: Unexpected %s: %s (ESR %#lx)\n", smp_processor_id(), what,
           ec_name(regs->esr), (unsigned long)regs->esr);
    show_registers(regs);
    show_backtrace(regs->x[29], regs->pc, regs->x[30]);
    panic("Fatal trap in the hypervisor\n");
}

void do_trap_hyp_sync(struct cpu_user_regs *regs)
{
    hypervisor_crash(regs, "hypervisor exception");
}

void do_bad_mode(struct cpu_user_regs *regs, unsigned int reason)
{
    static const char *const reasons[] = {
        "synchronous exception on SP0", "IRQ on SP0", "FIQ", "SError on SP0",
        "AArch32 guest exception", "SError", "FIQ from guest",
    };

    hypervisor_crash(regs, reason < ARRAY_SIZE(reasons) ? reasons[reason]
                                                          : "exception");
}

void do_trap_irq(struct cpu_user_regs *regs)
{
    if ( regs_from_guest(regs) )
        enter_hypervisor_from_guest(regs);
    gic_interrupt();
}

void do_trap_guest_serror(struct cpu_user_regs *regs)
{
    enter_hypervisor_from_guest(regs);
    printk(XENLOG_WARNING "d%uv%u: SError from guest (ESR %#lx): crashing it\n",
           current->domain->domain_id, current->vcpu_id, (unsigned long)regs->esr);
    domain_crash(current->domain);
}

/* Skips the trapped instruction (all we trap are 32-bit instructions). */
void advance_pc(struct cpu_user_regs *regs)
{
    regs->pc += 4;
}

static void do_trap_hvc(struct cpu_user_regs *regs)
{
    uint64_t args[5];
    unsigned int imm = regs->esr & 0xffff;

    if ( imm == 0 ) {               /* SMCCC / PSCI over HVC */
        vsmccc_handle_call(regs);
        return;
    }
    if ( imm != XEN_HYPERCALL_TAG ) {
        inject_undef_exception(regs);
        return;
    }
    memcpy(args, regs->x, sizeof(args));
    regs->x[0] = do_hypercall(regs->x[16], args);
    /* HVC is not skipped: ELR already points past it. */
}

void do_trap_guest_sync(struct cpu_user_regs *regs)
{
    uint64_t esr = regs->esr;

    enter_hypervisor_from_guest(regs);

    switch ( ESR_EC(esr) ) {
    case EC_HVC64:
        do_trap_hvc(regs);
        break;
    case EC_SMC64:
        /* SMC is trapped before it executes: step over it. */
        vsmccc_handle_call(regs);
        advance_pc(regs);
        break;
    case EC_WFX:
        do_trap_wfx(regs);
        break;
    case EC_SYSREG:
        do_trap_sysreg(regs);
        break;
    case EC_DABT_LOW:
        do_trap_stage2_abort(regs, false);
        break;
    case EC_IABT_LOW:
        do_trap_stage2_abort(regs, true);
        break;
    case EC_FP_ASIMD:
    case EC_SVE:
    case EC_UNKNOWN:
    case EC_ILLEGAL:
    default:
        printk(XENLOG_DEBUG "d%uv%u: unhandled %s at %#lx: injecting undef\n",
               current->domain->domain_id, current->vcpu_id, ec_name(esr),
               (unsigned long)regs->pc);
        inject_undef_exception(regs);
        break;
    }
}
