/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_PAGE_BITS_H
#define ASM_ARM_PAGE_BITS_H

/* 4 KiB granule for the hypervisor's own tables and for stage 2. */
#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#endif
