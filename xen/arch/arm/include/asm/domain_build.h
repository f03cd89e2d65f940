/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_DOMAIN_BUILD_H
#define ASM_ARM_DOMAIN_BUILD_H

#include <xen/types.h>
#include <asm/setup.h>

struct domain;

/* What dom0's device tree must describe, gathered by the builder. */
#define NR_EXT_REGIONS  8

struct dom0_layout {
    unsigned int nr_banks;
    struct membank banks[NR_MEM_BANKS];
    /*
     * Guest-physical space dom0 may map foreign and granted pages at (the
     * hypervisor node's extra "reg" entries): host RAM it does not own.
     */
    unsigned int nr_ext;
    struct membank ext[NR_EXT_REGIONS];
    unsigned int nr_vcpus;
    paddr_t gnttab_base, gnttab_size;
    unsigned int evtchn_ppi;
    const char *cmdline;
    paddr_t initrd_start, initrd_size;
};

/* Adds a RAM range to the layout, keeping banks sorted and merged. */
void add_bank(struct dom0_layout *l, paddr_t start, paddr_t len);

/* Fills l->ext from the host's RAM, dom0's banks and its grant window. */
void find_extended_regions(struct dom0_layout *l, const struct membank *host,
                           unsigned int nr_host);

/* Writes dom0's DT into buf from the host's; returns 0 or -errno. */
int make_dom0_fdt(const void *host, void *buf, size_t size,
                  const struct dom0_layout *l);
/* Calls fn for every MMIO range and SPI of the host devices dom0 gets. */
int dom0_passthrough_devices(const void *host, struct domain *d);

#endif
