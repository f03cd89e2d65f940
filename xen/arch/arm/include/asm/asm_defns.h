/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_ASM_DEFNS_H
#define ASM_ARM_ASM_DEFNS_H

#ifdef __ASSEMBLY__
/* PC-relative address of a symbol anywhere within +-4 GiB (MMU on or off). */
.macro adr_l, dst, sym
        adrp    \dst, \sym
        add     \dst, \dst, :lo12:\sym
.endm
#endif

#endif
