/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The guest's device tree, written with libfdt's sequential writer, as
 * Xen 4.17's libxl describes a GICv3 Arm guest: the root, chosen
 * (bootargs, initrd), the vCPUs and PSCI, memory, the GIC, the timer and
 * the hypervisor node that tells Linux it runs on Xen (grant-table
 * region, event-channel interrupt).  No vpl011, ACPI, passthrough,
 * IOMMU or OP-TEE nodes: those features do not exist here.
 */
#include <stdio.h>
#include <string.h>

#include <libfdt.h>
#include <xen/arch-arm.h>

#include "xg_arm.h"

#define PHANDLE_GIC         65000       /* libxl's GUEST_PHANDLE_GIC */
#define GIC_PPI             1           /* first cell of a GIC interrupt */
#define IRQ_LEVEL_LOW       8
#define ALL_CPUS            0xf         /* the GICv2-style CPU mask libxl sets */
#define PSCI_FN_CPU_OFF     1           /* Xen's PSCI 0.1 numbers */
#define PSCI_FN_CPU_ON      2

struct dt {
    void *fdt;
    int rc;         /* the first libfdt error, or 0 */
};

static void check(struct dt *dt, int rc)
{
    if ( rc < 0 && !dt->rc )
        dt->rc = rc;
}

static void begin(struct dt *dt, const char *name)
{
    check(dt, fdt_begin_node(dt->fdt, name));
}

static void end(struct dt *dt)
{
    check(dt, fdt_end_node(dt->fdt));
}

static void prop_u32(struct dt *dt, const char *name, uint32_t v)
{
    check(dt, fdt_property_u32(dt->fdt, name, v));
}

static void prop_u64(struct dt *dt, const char *name, uint64_t v)
{
    check(dt, fdt_property_u64(dt->fdt, name, v));
}

static void prop_str(struct dt *dt, const char *name, const char *s)
{
    check(dt, fdt_property_string(dt->fdt, name, s));
}

/* NUL-separated strings, as compatible lists are. */
static void prop_strs(struct dt *dt, const char *name, const char *a,
                      const char *b, const char *c)
{
    char buf[128];
    size_t len = 0;
    const char *s[3] = { a, b, c };
    int i;

    for ( i = 0; i < 3 && s[i]; i++ ) {
        size_t n = strlen(s[i]) + 1;

        if ( len + n > sizeof(buf) ) {
            check(dt, -FDT_ERR_NOSPACE);
            return;
        }
        memcpy(buf + len, s[i], n);
        len += n;
    }
    check(dt, fdt_property(dt->fdt, name, buf, len));
}

static void prop_cells(struct dt *dt, const char *name, const uint32_t *v,
                       unsigned int n)
{
    fdt32_t cells[16];
    unsigned int i;

    for ( i = 0; i < n && i < 16; i++ )
        cells[i] = cpu_to_fdt32(v[i]);
    check(dt, fdt_property(dt->fdt, name, cells, n * sizeof(cells[0])));
}

/* With #address-cells and #size-cells both 2. */
static void prop_regs(struct dt *dt, const uint64_t *base, const uint64_t *size,
                      unsigned int n)
{
    uint32_t cells[16];
    unsigned int i;

    for ( i = 0; i < n && i < 4; i++ ) {
        cells[4 * i] = base[i] >> 32;
        cells[4 * i + 1] = base[i];
        cells[4 * i + 2] = size[i] >> 32;
        cells[4 * i + 3] = size[i];
    }
    prop_cells(dt, "reg", cells, 4 * i);
}

static void ppi(uint32_t *cells, unsigned int irq)
{
    cells[0] = GIC_PPI;
    cells[1] = irq - 16;
    cells[2] = ALL_CPUS << 8 | IRQ_LEVEL_LOW;
}

static void root_and_chosen(struct dt *dt, const struct xg_arm_dt_params *p)
{
    char compat[32];
    const struct xg_arm_layout *l = p->layout;

    snprintf(compat, sizeof(compat), "xen,xenvm-%u.%u", p->xen_major,
             p->xen_minor);
    prop_strs(dt, "compatible", compat, "xen,xenvm", NULL);
    prop_u32(dt, "interrupt-parent", PHANDLE_GIC);
    prop_u32(dt, "#address-cells", 2);
    prop_u32(dt, "#size-cells", 2);

    begin(dt, "chosen");
    if ( p->bootargs )
        prop_str(dt, "bootargs", p->bootargs);
    if ( p->initrd_size ) {
        prop_u64(dt, "linux,initrd-start", l->initrd_base);
        prop_u64(dt, "linux,initrd-end", l->initrd_base + p->initrd_size);
    }
    end(dt);
}

static void cpus_and_psci(struct dt *dt, unsigned int nr_vcpus)
{
    char name[32];
    unsigned int i;

    begin(dt, "cpus");
    prop_u32(dt, "#address-cells", 1);
    prop_u32(dt, "#size-cells", 0);
    for ( i = 0; i < nr_vcpus; i++ ) {
        /* The MPIDR the hypervisor gives vCPU i: Aff0 i % 16, Aff1 i / 16. */
        uint32_t mpidr = (i & 0xf) | (i >> 4) << 8;

        snprintf(name, sizeof(name), "cpu@%x", mpidr);
        begin(dt, name);
        prop_str(dt, "device_type", "cpu");
        prop_str(dt, "compatible", "arm,armv8");
        prop_str(dt, "enable-method", "psci");
        prop_u32(dt, "reg", mpidr);
        end(dt);
    }
    end(dt);

    begin(dt, "psci");
    prop_strs(dt, "compatible", "arm,psci-1.0", "arm,psci-0.2", "arm,psci");
    prop_str(dt, "method", "hvc");
    prop_u32(dt, "cpu_off", PSCI_FN_CPU_OFF);
    prop_u32(dt, "cpu_on", PSCI_FN_CPU_ON);
    end(dt);
}

static void memory(struct dt *dt, const struct xg_arm_layout *l)
{
    char name[40];
    unsigned int i;

    for ( i = 0; i < l->nr_banks; i++ ) {
        snprintf(name, sizeof(name), "memory@%llx",
                 (unsigned long long)l->bank_base[i]);
        begin(dt, name);
        prop_str(dt, "device_type", "memory");
        prop_regs(dt, &l->bank_base[i], &l->bank_size[i], 1);
        end(dt);
    }
}

static void gic_timer_hypervisor(struct dt *dt, const struct xg_arm_dt_params *p)
{
    const uint64_t gic_base[2] = { GUEST_GICV3_GICD_BASE, GUEST_GICV3_GICR0_BASE };
    const uint64_t gic_size[2] = { GUEST_GICV3_GICD_SIZE, GUEST_GICV3_GICR0_SIZE };
    const uint64_t gnttab_base = GUEST_GNTTAB_BASE, gnttab_size = GUEST_GNTTAB_SIZE;
    uint32_t cells[9];
    char name[48];

    snprintf(name, sizeof(name), "interrupt-controller@%llx",
             (unsigned long long)GUEST_GICV3_GICD_BASE);
    begin(dt, name);
    prop_str(dt, "compatible", "arm,gic-v3");
    prop_u32(dt, "#interrupt-cells", 3);
    prop_u32(dt, "#address-cells", 0);
    check(dt, fdt_property(dt->fdt, "interrupt-controller", NULL, 0));
    prop_u32(dt, "#redistributor-regions", 1);
    prop_regs(dt, gic_base, gic_size, 2);
    prop_u32(dt, "linux,phandle", PHANDLE_GIC);
    prop_u32(dt, "phandle", PHANDLE_GIC);
    end(dt);

    begin(dt, "timer");
    prop_str(dt, "compatible", "arm,armv8-timer");
    ppi(cells, GUEST_TIMER_PHYS_S_PPI);
    ppi(cells + 3, GUEST_TIMER_PHYS_NS_PPI);
    ppi(cells + 6, GUEST_TIMER_VIRT_PPI);
    prop_cells(dt, "interrupts", cells, 9);
    end(dt);

    /* Linux finds it by this name (and its compatible). */
    begin(dt, "hypervisor");
    snprintf(name, sizeof(name), "xen,xen-%u.%u", p->xen_major, p->xen_minor);
    prop_strs(dt, "compatible", name, "xen,xen", NULL);
    prop_regs(dt, &gnttab_base, &gnttab_size, 1);
    ppi(cells, GUEST_EVTCHN_PPI);
    prop_cells(dt, "interrupts", cells, 3);
    end(dt);
}

int xg_arm_dt_write(void *buf, size_t size, const struct xg_arm_dt_params *p,
                    char *err, size_t errlen)
{
    struct dt dt = { .fdt = buf };

    if ( !p->nr_vcpus || p->nr_vcpus > GUEST_MAX_VCPUS ) {
        xg_set_err(err, errlen, "%u vCPUs: a guest has 1 to %u",
                   p->nr_vcpus, GUEST_MAX_VCPUS);
        return -1;
    }
    check(&dt, fdt_create(buf, size));
    check(&dt, fdt_finish_reservemap(buf));
    begin(&dt, "");
    root_and_chosen(&dt, p);
    cpus_and_psci(&dt, p->nr_vcpus);
    memory(&dt, p->layout);
    gic_timer_hypervisor(&dt, p);
    end(&dt);
    check(&dt, fdt_finish(buf));
    if ( !dt.rc )
        check(&dt, fdt_pack(buf));
    if ( dt.rc ) {
        xg_set_err(err, errlen, "writing the device tree: %s%s",
                   fdt_strerror(dt.rc), dt.rc == -FDT_ERR_NOSPACE ?
                   " (is the command line too long?)" : "");
        return -1;
    }
    return 0;
}
