/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_TRAPS_H
#define ASM_ARM_TRAPS_H

#include <asm/regs.h>

struct domain;

void show_registers(const struct cpu_user_regs *regs);
void show_backtrace(uint64_t fp, uint64_t pc, uint64_t lr);
void advance_pc(struct cpu_user_regs *regs);

/* Called first on every trap from a guest (syncs vGIC state). */
void enter_hypervisor_from_guest(struct cpu_user_regs *regs);

/* Injects an exception into the current vCPU at EL1. */
void inject_undef_exception(struct cpu_user_regs *regs);
void inject_dabt_exception(struct cpu_user_regs *regs, uint64_t va);
void inject_iabt_exception(struct cpu_user_regs *regs, uint64_t va);

void vsmccc_handle_call(struct cpu_user_regs *regs);
void do_trap_wfx(struct cpu_user_regs *regs);
void do_trap_sysreg(struct cpu_user_regs *regs);
void do_trap_stage2_abort(struct cpu_user_regs *regs, bool is_instr);

void domain_crash(struct domain *d);

/* Exception vector entry points (entry.S) and their C handlers. */
void do_trap_hyp_sync(struct cpu_user_regs *regs);
void do_trap_guest_sync(struct cpu_user_regs *regs);
void do_trap_irq(struct cpu_user_regs *regs);
void do_trap_guest_serror(struct cpu_user_regs *regs);
void do_bad_mode(struct cpu_user_regs *regs, unsigned int reason);
void leave_hypervisor_to_guest(struct cpu_user_regs *regs);
void __noreturn reset_stack_and_return_to_guest(struct cpu_user_regs *regs);

#endif
