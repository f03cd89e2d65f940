/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's virtual memory layout on arm64 (one TTBR0_EL2 range,
 * 48-bit VA):
 *
 *   0x0000_0000_0000_0000 - 0x0000_7fff_ffff_ffff  1:1 map of RAM and devices
 *   0x0000_8000_0000_0000 - ...                     the hypervisor image
 *
 * RAM is mapped 1:1 so machine addresses and hypervisor pointers convert
 * for free; the image is linked at a fixed address above any physical
 * address the CPU can emit, wherever the loader put it.
 */
#ifndef ASM_ARM_CONFIG_H
#define ASM_ARM_CONFIG_H

#define XEN_VIRT_START      0x0000800000000000
#define XEN_IMAGE_MAX_SIZE  (64 << 20)     /* what the boot tables can map */

#define NR_CPUS             8
#define STACK_ORDER         3              /* 32 KiB per pCPU */
#define STACK_SIZE          (4096 << STACK_ORDER)

#endif
