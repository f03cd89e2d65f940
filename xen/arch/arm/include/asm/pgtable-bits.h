/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMSAv8-64 translation table descriptors (4 KiB granule), for the
 * hypervisor's own stage-1 tables and for guests' stage-2 tables.
 * Usable from assembly.
 */
#ifndef ASM_ARM_PGTABLE_BITS_H
#define ASM_ARM_PGTABLE_BITS_H

#ifdef __ASSEMBLY__
#define _AC(x, y)   x
#else
#define _AC(x, y)   x##y
#endif

#define PTE_VALID       _AC(1, UL)
#define PTE_TABLE       _AC(3, UL)        /* level 0-2: next-level table */
#define PTE_BLOCK       _AC(1, UL)        /* level 1-2: block */
#define PTE_PAGE        _AC(3, UL)        /* level 3: page */
#define PTE_TYPE_MASK   _AC(3, UL)
#define PTE_AF          (_AC(1, UL) << 10)
#define PTE_SH_INNER    (_AC(3, UL) << 8)
#define PTE_XN          (_AC(1, UL) << 54)
#define PTE_ADDR_MASK   _AC(0x0000fffffffff000, UL)

/* Stage 1 (EL2): memory attributes index into MAIR_EL2, and access rights. */
#define MT_DEVICE_nGnRnE 0
#define MT_NORMAL_NC     1
#define MT_NORMAL        2
#define MT_DEVICE_nGnRE  3
#define MAIR_EL2_VALUE   _AC(0x04ff4400, UL)
#define PTE_ATTRINDX(i)  ((i) << 2)
#define PTE_AP_RO        (_AC(1, UL) << 7)

#define PTE_NORMAL_ATTRS (PTE_ATTRINDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF)
#define PTE_DEVICE_ATTRS (PTE_ATTRINDX(MT_DEVICE_nGnRE) | PTE_AF | PTE_XN)
#define PTE_BLOCK_NORMAL (PTE_BLOCK | PTE_NORMAL_ATTRS)
#define PTE_BLOCK_DEVICE (PTE_BLOCK | PTE_DEVICE_ATTRS)

/*
 * TCR_EL2 (non-VHE): T0SZ=16 (48-bit VA), inner/outer write-back
 * write-allocate walks, inner shareable, 4K granule, RES1 bits 31 and 23.
 * PS is filled in from ID_AA64MMFR0_EL1 at boot.
 */
#define TCR_EL2_VALUE   ((_AC(1, UL) << 31) | (_AC(1, UL) << 23) | \
                         (_AC(3, UL) << 12) | (_AC(1, UL) << 10) | \
                         (_AC(1, UL) << 8) | _AC(16, UL))

/* SCTLR_EL2: RES1 bits + MMU, D-cache, SP alignment check, I-cache. */
#define SCTLR_EL2_VALUE  _AC(0x30c5183d, UL)

/* Stage 2 descriptors. */
#define S2_MEMATTR(x)     ((x) << 2)
#define S2_MEMATTR_NORMAL S2_MEMATTR(_AC(0xf, UL))  /* outer+inner WB */
#define S2_MEMATTR_DEVICE S2_MEMATTR(_AC(0x1, UL))  /* Device-nGnRE */
#define S2_AP_R           (_AC(1, UL) << 6)
#define S2_AP_W           (_AC(2, UL) << 6)
#define S2_AP_RW          (_AC(3, UL) << 6)

#endif
