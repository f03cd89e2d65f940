/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_MM_H
#define ASM_ARM_MM_H

#include <xen/types.h>

/* All RAM is mapped 1:1 at EL2 (see asm/config.h). */
static inline void *maddr_to_virt(paddr_t ma) { return (void *)(uintptr_t)ma; }
static inline paddr_t virt_to_maddr(const void *va) { return (uintptr_t)va; }

/* The image is linked at XEN_VIRT_START; this is where it really is. */
extern paddr_t xen_phys_start;
paddr_t xen_image_to_maddr(const void *va);

/* Maps a device region (Device-nGnRE) into the 1:1 map; returns its VA. */
void *ioremap(paddr_t pa, size_t size);
/* Maps a RAM range (normal, write-back) into the 1:1 map. */
int map_ram_1to1(paddr_t start, paddr_t end);
void setup_xen_pagetables(void);

#endif
