/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 exception vectors.  Every exception saves a struct cpu_user_regs frame
 * on the current stack and calls a C handler with it.  Traps from guests
 * return through leave_hypervisor_to_guest(), which runs softirqs, may pick
 * another vCPU (rewriting the frame) and idles when nothing is runnable.
 */
#include <asm/asm_defns.h>
#include <asm/regs.h>

.macro save_frame, from_guest
        sub     sp, sp, #UREGS_SIZE
        stp     x0, x1, [sp, #16 * 0]
        stp     x2, x3, [sp, #16 * 1]
        stp     x4, x5, [sp, #16 * 2]
        stp     x6, x7, [sp, #16 * 3]
        stp     x8, x9, [sp, #16 * 4]
        stp     x10, x11, [sp, #16 * 5]
        stp     x12, x13, [sp, #16 * 6]
        stp     x14, x15, [sp, #16 * 7]
        stp     x16, x17, [sp, #16 * 8]
        stp     x18, x19, [sp, #16 * 9]
        stp     x20, x21, [sp, #16 * 10]
        stp     x22, x23, [sp, #16 * 11]
        stp     x24, x25, [sp, #16 * 12]
        stp     x26, x27, [sp, #16 * 13]
        stp     x28, x29, [sp, #16 * 14]
        add     x21, sp, #UREGS_SIZE
        stp     x30, x21, [sp, #UREGS_LR]
        mrs     x22, elr_el2
        mrs     x23, spsr_el2
        stp     x22, x23, [sp, #UREGS_PC]
        mrs     x24, esr_el2
        str     x24, [sp, #UREGS_ESR]
.endm

.macro restore_frame
        ldp     x22, x23, [sp, #UREGS_PC]
        msr     elr_el2, x22
        msr     spsr_el2, x23
        ldp     x0, x1, [sp, #16 * 0]
        ldp     x2, x3, [sp, #16 * 1]
        ldp     x4, x5, [sp, #16 * 2]
        ldp     x6, x7, [sp, #16 * 3]
        ldp     x8, x9, [sp, #16 * 4]
        ldp     x10, x11, [sp, #16 * 5]
        ldp     x12, x13, [sp, #16 * 6]
        ldp     x14, x15, [sp, #16 * 7]
        ldp     x16, x17, [sp, #16 * 8]
        ldp     x18, x19, [sp, #16 * 9]
        ldp     x20, x21, [sp, #16 * 10]
        ldp     x22, x23, [sp, #16 * 11]
        ldp     x24, x25, [sp, #16 * 12]
        ldp     x26, x27, [sp, #16 * 13]
        ldp     x28, x29, [sp, #16 * 14]
        ldr     x30, [sp, #UREGS_LR]
        add     sp, sp, #UREGS_SIZE
        eret
        dsb     nsh
        isb
.endm

/* A vector slot: 128 bytes, so only a branch fits. */
.macro vector, label
        .p2align 7
        b       \label
.endm

        .section .text.vectors, "ax", %progbits
        .p2align 11
        .global hyp_traps_vector
hyp_traps_vector:
        vector  hyp_bad_sync            /* current EL, SP0 */
        vector  hyp_bad_irq
        vector  hyp_bad_fiq
        vector  hyp_bad_serror
        vector  hyp_sync                /* current EL, SPx */
        vector  hyp_irq
        vector  hyp_bad_fiq
        vector  hyp_serror
        vector  guest_sync              /* lower EL, AArch64 */
        vector  guest_irq
        vector  guest_fiq
        vector  guest_serror
        vector  guest_bad_aarch32       /* lower EL, AArch32 */
        vector  guest_bad_aarch32
        vector  guest_bad_aarch32
        vector  guest_bad_aarch32

.macro bad_vector, label, reason
\label:
        save_frame 0
        mov     x0, sp
        mov     x1, #\reason
        bl      do_bad_mode
        b       .
.endm

        bad_vector hyp_bad_sync, 0
        bad_vector hyp_bad_irq, 1
        bad_vector hyp_bad_fiq, 2
        bad_vector hyp_bad_serror, 3
        bad_vector guest_bad_aarch32, 4

hyp_sync:
        save_frame 0
        mov     x0, sp
        bl      do_trap_hyp_sync
        restore_frame

hyp_irq:
        save_frame 0
        mov     x0, sp
        bl      do_trap_irq
        restore_frame

hyp_serror:
        save_frame 0
        mov     x0, sp
        mov     x1, #5
        bl      do_bad_mode
        b       .

guest_sync:
        save_frame 1
        mov     x0, sp
        bl      do_trap_guest_sync
        b       return_to_guest

guest_irq:
        save_frame 1
        mov     x0, sp
        bl      do_trap_irq
        b       return_to_guest

guest_fiq:
        save_frame 1
        mov     x0, sp
        mov     x1, #6
        bl      do_bad_mode
        b       .

guest_serror:
        save_frame 1
        mov     x0, sp
        bl      do_trap_guest_serror
        b       return_to_guest

/*
 * The way back to a guest, also used to enter the first vCPU: sp points at
 * the guest frame at the top of this pCPU's stack.
 */
        .global return_to_guest
return_to_guest:
        msr     daifset, #2
        mov     x0, sp
        bl      leave_hypervisor_to_guest
        restore_frame

/* void reset_stack_and_return_to_guest(void *frame) */
        .global reset_stack_and_return_to_guest
reset_stack_and_return_to_guest:
        mov     sp, x0
        b       return_to_guest
