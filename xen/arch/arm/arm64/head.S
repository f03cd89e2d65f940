/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry from the boot loader, at EL2 with the MMU off, x0 = DTB address.
 *
 * The image starts with the arm64 Linux Image header, so QEMU -kernel,
 * U-Boot booti and GRUB load it as they load Linux (or Xen).  It is linked at
 * XEN_VIRT_START and may be loaded at any 2 MiB aligned address: until the
 * MMU is on, only PC-relative addressing is used.
 *
 * Register use until start_xen():
 *   x19  DTB physical address
 *   x20  physical minus virtual address of the image
 */
#include <asm/asm_defns.h>
#include <asm/config.h>
#include <asm/pgtable-bits.h>

#define PSCI_NOT_EL2_LOOP  1

        .section .text.header, "ax", %progbits
        .global _start
_start:
        b       primary_entry           /* code0 */
        .long   0                       /* code1 */
        .quad   0                       /* text_offset: 2 MiB aligned base */
        .quad   _end - _start           /* image_size */
        .quad   0xa                     /* flags: LE, 4K pages, anywhere */
        .quad   0                       /* res2 */
        .quad   0                       /* res3 */
        .quad   0                       /* res4 */
        .ascii  "ARM\x64"               /* magic */
        .long   0                       /* res5: no PE/COFF header yet */

primary_entry:
        mov     x19, x0
        bl      check_el2
        bl      compute_phys_offset

        /* Zero BSS (by physical address: the MMU is still off). */
        adr_l   x0, __bss_start
        adr_l   x1, __bss_end
1:      cmp     x0, x1
        b.hs    2f
        stp     xzr, xzr, [x0], #16
        b       1b
2:
        bl      create_boot_page_tables
        bl      enable_mmu

        ldr     x0, =primary_switched
        br      x0

primary_switched:
        ldr     x0, =cpu0_boot_stack + STACK_SIZE
        mov     sp, x0
        ldr     x0, =hyp_traps_vector
        msr     vbar_el2, x0
        isb
        mov     x0, x20                 /* phys offset */
        mov     x1, x19                 /* DTB */
        bl      start_xen
        b       .

/*
 * Secondary CPUs arrive here from PSCI CPU_ON, at EL2 with the MMU off and
 * x0 = the context id we passed (their logical CPU number).
 */
        .global secondary_entry
secondary_entry:
        mov     x19, x0
        bl      check_el2
        bl      compute_phys_offset
        bl      enable_mmu
        ldr     x0, =secondary_switched
        br      x0

secondary_switched:
        ldr     x0, =secondary_stacks
        ldr     x0, [x0, x19, lsl #3]
        add     x0, x0, #STACK_SIZE
        mov     sp, x0
        ldr     x0, =hyp_traps_vector
        msr     vbar_el2, x0
        isb
        mov     x0, x19
        bl      start_secondary
        b       .

/* Spins forever (with a clear symbol in a debugger) if not entered at EL2. */
check_el2:
        mrs     x0, CurrentEL
        cmp     x0, #(2 << 2)
        b.ne    not_at_el2
        ret
not_at_el2:
        wfe
        b       not_at_el2

compute_phys_offset:
        adr     x20, _start
        ldr     x0, =_start
        sub     x20, x20, x0
        ret

/*
 * Builds the boot tables (all in BSS, addressed physically):
 *   L0[0]   -> boot_first_id: 1:1 GiB blocks: device memory for GiB 0,
 *              normal memory for the GiBs holding the image and the DTB
 *   L0[XEN] -> boot_first_xen -> boot_second_xen: 2 MiB blocks of the image
 * C code later completes the 1:1 map from the DT's memory nodes.
 */
create_boot_page_tables:
        adr_l   x1, boot_pgtable
        adr_l   x2, boot_first_id
        orr     x3, x2, #PTE_TABLE
        str     x3, [x1]                        /* L0[0] */
        adr_l   x4, boot_first_xen
        orr     x3, x4, #PTE_TABLE
        ldr     x5, =(XEN_VIRT_START >> 39) & 0x1ff
        str     x3, [x1, x5, lsl #3]            /* L0[XEN] */
        adr_l   x5, boot_second_xen
        orr     x3, x5, #PTE_TABLE
        ldr     x6, =(XEN_VIRT_START >> 30) & 0x1ff
        str     x3, [x4, x6, lsl #3]            /* L1[XEN] */

        /* GiB 0 as device memory: the early UART lives there on QEMU virt. */
        ldr     x3, =PTE_BLOCK_DEVICE
        str     x3, [x2]

        /* The GiB that holds the image, as normal memory (1:1). */
        adr     x6, _start
        lsr     x7, x6, #30
        lsl     x3, x7, #30
        ldr     x8, =PTE_BLOCK_NORMAL
        orr     x3, x3, x8
        cmp     x7, #512
        b.hs    1f
        str     x3, [x2, x7, lsl #3]
1:
        /* The GiB that holds the DTB, as normal memory (1:1). */
        lsr     x7, x19, #30
        lsl     x3, x7, #30
        orr     x3, x3, x8
        cmp     x7, #512
        b.hs    2f
        str     x3, [x2, x7, lsl #3]
2:
        /* The image, 2 MiB blocks from its (2 MiB aligned) load address. */
        ldr     x9, =_end
        ldr     x10, =_start
        sub     x9, x9, x10                     /* image size */
        ldr     x11, =(1 << 21) - 1
        add     x9, x9, x11
        lsr     x9, x9, #21                     /* number of 2 MiB blocks */
        ldr     x10, =XEN_VIRT_START
        add     x10, x10, x20                   /* image physical base */
        and     x10, x10, #~((1 << 21) - 1)
        orr     x10, x10, x8
        mov     x11, #0
3:      cmp     x11, x9
        b.hs    4f
        str     x10, [x5, x11, lsl #3]
        add     x10, x10, #(1 << 21)
        add     x11, x11, #1
        b       3b
4:
        /* The walker reads memory directly: make sure the writes are there. */
        adr_l   x0, boot_pgtable
        adr_l   x1, boot_pgtables_end
5:      dc      civac, x0
        add     x0, x0, #64
        cmp     x0, x1
        b.lo    5b
        dsb     sy
        ret

/* Programs the EL2 translation regime with the boot tables and turns it on. */
enable_mmu:
        ldr     x0, =MAIR_EL2_VALUE
        msr     mair_el2, x0
        mrs     x1, id_aa64mmfr0_el1
        and     x1, x1, #0x7                    /* PARange */
        cmp     x1, #5
        b.ls    1f
        mov     x1, #5                          /* 48 bits is what 4 levels reach */
1:      ldr     x0, =TCR_EL2_VALUE
        orr     x0, x0, x1, lsl #16             /* PS */
        msr     tcr_el2, x0
        adr_l   x0, boot_pgtable
        msr     ttbr0_el2, x0
        tlbi    alle2
        dsb     sy
        isb
        ldr     x0, =SCTLR_EL2_VALUE
        msr     sctlr_el2, x0
        isb
        ic      iallu
        dsb     sy
        isb
        ret

        .ltorg

        .section .bss.page_aligned, "aw", %nobits
        .p2align 12
        .global boot_pgtable, boot_first_id
boot_pgtable:
        .space  4096
boot_first_id:
        .space  4096
boot_first_xen:
        .space  4096
boot_second_xen:
        .space  4096
boot_pgtables_end:

        /* Stacks are aligned to their size: the top is found from sp. */
        .balign STACK_SIZE
        .global cpu0_boot_stack
cpu0_boot_stack:
        .space  STACK_SIZE
