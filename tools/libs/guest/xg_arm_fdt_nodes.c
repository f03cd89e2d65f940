/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The nodes of the guest's device tree, as Xen 4.17's libxl writes them
 * for an arm64 guest with a GICv3 (libxl_arm.c), with the values libxl
 * fills in afterwards written at once: the memory banks, the initrd and
 * the hypervisor node's regions.
 *
 * Left out, as features this hypervisor does not have: the vpl011 UART,
 * ACPI, PCI and device passthrough (partial device trees), virtio-mmio
 * with its Xen IOMMU node, and OP-TEE.
 */
#include <stdio.h>

#include "xg_arm_fdt.h"

#define MiB(x)              ((uint64_t)(x) << 20)
#define ROUNDUP(x, a)       (((x) + (a) - 1) & ~((uint64_t)(a) - 1))
/* libxl offers no extended region smaller than this. */
#define EXT_REGION_MIN      MiB(64)

void dt_root_props(struct dt_writer *w, const struct xg_arm_dt_params *p)
{
    char model[32], compat[32];
    const char *compats[] = { compat, "xen,xenvm" };

    snprintf(model, sizeof(model), "XENVM-%u.%u", p->xen_major, p->xen_minor);
    snprintf(compat, sizeof(compat), "xen,xenvm-%u.%u", p->xen_major,
             p->xen_minor);
    dt_string(w, "model", model);
    dt_strings(w, "compatible", compats, 2);
    dt_u32(w, "interrupt-parent", XG_PHANDLE_GIC);
    dt_u32(w, "#address-cells", 2);
    dt_u32(w, "#size-cells", 2);
}

void dt_chosen(struct dt_writer *w, const struct xg_arm_dt_params *p)
{
    dt_begin(w, "chosen");
    if ( p->bootargs )
        dt_string(w, "bootargs", p->bootargs);
    /* 64-bit values, as libxl writes them: Linux takes either width. */
    if ( p->initrd_size ) {
        dt_u64(w, "linux,initrd-start", p->layout->initrd_base);
        dt_u64(w, "linux,initrd-end",
               p->layout->initrd_base + p->initrd_size);
    }
    if ( p->rng_seed_size )
        dt_bytes(w, "rng-seed", p->rng_seed, p->rng_seed_size);
    dt_end(w);
}

/* The affinity the hypervisor gives vCPU n in its MPIDR_EL1. */
static uint32_t vcpu_mpidr(unsigned int n)
{
    return (n & 0xf) | (n >> 4) << 8;
}

void dt_cpus(struct dt_writer *w, unsigned int nr_vcpus)
{
    unsigned int n;

    dt_begin(w, "cpus");
    dt_u32(w, "#address-cells", 1);
    dt_u32(w, "#size-cells", 0);
    for ( n = 0; n < nr_vcpus; n++ ) {
        dt_begin(w, "cpu@%x", vcpu_mpidr(n));
        dt_string(w, "device_type", "cpu");
        dt_string(w, "compatible", "arm,armv8");
        dt_string(w, "enable-method", "psci");
        dt_u32(w, "reg", vcpu_mpidr(n));
        dt_end(w);
    }
    dt_end(w);
}

void dt_psci(struct dt_writer *w)
{
    static const char *const compats[] = {
        "arm,psci-1.0", "arm,psci-0.2", "arm,psci",
    };

    dt_begin(w, "psci");
    dt_strings(w, "compatible", compats, 3);
    dt_string(w, "method", "hvc");
    /* For PSCI 0.1 guests: Xen's function ids, which are its own. */
    dt_u32(w, "cpu_off", PSCI_cpu_off);
    dt_u32(w, "cpu_on", PSCI_cpu_on);
    dt_end(w);
}

/* libxl writes every bank, then removes the empty ones: we skip them. */
void dt_memory(struct dt_writer *w, const struct xg_arm_layout *l)
{
    unsigned int i;

    for ( i = 0; i < l->nr_banks; i++ ) {
        const uint64_t reg[1][2] = { { l->bank_base[i], l->bank_size[i] } };

        dt_begin(w, "memory@%llx", (unsigned long long)l->bank_base[i]);
        dt_string(w, "device_type", "memory");
        dt_regs(w, reg, 1);
        dt_end(w);
    }
}

void dt_gicv3(struct dt_writer *w, const struct xg_arm_hw *hw)
{
    const uint64_t reg[2][2] = {
        { hw->gicd_base, hw->gicd_size },
        { hw->gicr_base, hw->gicr_size },
    };

    dt_begin(w, "interrupt-controller@%llx",
             (unsigned long long)hw->gicd_base);
    dt_string(w, "compatible", "arm,gic-v3");
    dt_u32(w, "#interrupt-cells", 3);
    dt_u32(w, "#address-cells", 0);
    dt_empty(w, "interrupt-controller");
    dt_regs(w, reg, 2);
    dt_u32(w, "linux,phandle", XG_PHANDLE_GIC);
    dt_u32(w, "phandle", XG_PHANDLE_GIC);
    dt_end(w);
}

/* libxl lists three of the binding's four: there is no EL2 timer. */
void dt_timer(struct dt_writer *w, const struct xg_arm_hw *hw)
{
    const unsigned int ppis[] = {
        hw->timer_phys_s_ppi, hw->timer_phys_ns_ppi, hw->timer_virt_ppi,
    };

    dt_begin(w, "timer");
    dt_string(w, "compatible", "arm,armv8-timer");
    dt_ppis(w, ppis, 3);
    if ( hw->clock_frequency )
        dt_u32(w, "clock-frequency", hw->clock_frequency);
    dt_end(w);
}

/*
 * libxl's extended regions: the guest-physical space of each RAM bank
 * above its RAM (from the next 2 MiB) and within gpaddr_bits, which
 * Linux uses for grant and foreign mappings instead of ballooning out
 * its own RAM.  Returns how many were put in reg[].
 */
static unsigned int ext_regions(const struct xg_arm_layout *l,
                                unsigned int gpaddr_bits,
                                uint64_t (*reg)[2])
{
    static const uint64_t bank_base[] = { GUEST_RAM0_BASE, GUEST_RAM1_BASE };
    static const uint64_t bank_max[] = { GUEST_RAM0_SIZE, GUEST_RAM1_SIZE };
    uint64_t limit, start, last, size;
    unsigned int i, n = 0;

    if ( !gpaddr_bits )
        return 0;
    limit = ~0ULL >> (64 - gpaddr_bits);
    for ( i = 0; i < GUEST_RAM_BANKS; i++ ) {
        size = i < l->nr_banks ? l->bank_size[i] : 0;
        start = bank_base[i] + ROUNDUP(size, MiB(2));
        last = bank_base[i] + bank_max[i] - 1;
        if ( last > limit )
            last = limit;
        if ( last < start || last - start + 1 < EXT_REGION_MIN )
            continue;
        reg[n][0] = start;
        reg[n][1] = last - start + 1;
        n++;
    }
    return n;
}

void dt_hypervisor(struct dt_writer *w, const struct xg_arm_dt_params *p,
                   const struct xg_arm_hw *hw)
{
    char compat[32];
    const char *compats[] = { compat, "xen,xen" };
    uint64_t reg[1 + GUEST_RAM_BANKS][2] = {
        { hw->gnttab_base, hw->gnttab_size },
    };
    unsigned int nr = 1 + ext_regions(p->layout, hw->gpaddr_bits, reg + 1);

    snprintf(compat, sizeof(compat), "xen,xen-%u.%u", p->xen_major,
             p->xen_minor);
    /* Linux finds it by its compatible; libxl names it so. */
    dt_begin(w, "hypervisor");
    dt_strings(w, "compatible", compats, 2);
    dt_regs(w, (const uint64_t (*)[2])reg, nr);
    dt_ppis(w, &hw->evtchn_ppi, 1);
    dt_end(w);
}
