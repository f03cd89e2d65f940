/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's device tree, written from the host's: every device is copied
 * (and passed through) except those the hypervisor keeps or replaces;
 * the GIC and timer are rewritten to describe their virtual versions;
 * /chosen carries dom0's command line and initrd; /hypervisor, /psci,
 * /cpus and /memory are added as Linux expects them under Xen.
 */
#include <xen/dt_uart.h>
#include <xen/errno.h>
#include <xen/fdt.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <asm/domain_build.h>
#include <asm/gic.h>
#include <asm/irq.h>

#define GIC_FLAGS_PPI_LEVEL_LOW 0xf08   /* all CPUs, level-low */

/* Nodes dom0 must not see: ours, or described anew below. */
static const char *const skip_compatibles[] = {
    "xen,xen", "xen,multiboot-module", "multiboot,module",
    "arm,psci", "arm,psci-0.2", "arm,psci-1.0",
    "arm,cortex-a7-pmu", "arm,cortex-a15-pmu", "arm,armv8-pmuv3",
    "arm,armv7-timer-mem",
};

/* Properties that refer to things dom0 does not get (the ITS). */
static const char *const dropped_props[] = { "msi-parent", "msi-map" };

static bool has_ppi(const void *fdt, int node)
{
    int len, i;
    const uint32_t *cells = fdt_getprop(fdt, node, "interrupts", &len);

    for ( i = 0; cells && i + 3 <= len / 4; i += 3 )
        if ( fdt_be32_load(&cells[i]) == 1 )
            return true;
    return false;
}

static bool skip_node(const void *fdt, int node, int depth)
{
    const char *name, *type;
    unsigned int i;
    int len;

    for ( i = 0; i < ARRAY_SIZE(skip_compatibles); i++ )
        if ( fdt_node_is_compatible(fdt, node, skip_compatibles[i]) )
            return true;
    name = fdt_node_name(fdt, node, &len);
    if ( depth == 1 && name &&
         (!strcmp(name, "cpus") || !strncmp(name, "hypervisor", 10) ||
          !strncmp(name, "psci", 4)) )
        return true;
    type = fdt_getprop(fdt, node, "device_type", &len);
    if ( type && !strncmp(type, "memory", len) )
        return true;
    return node == dt_console_node || has_ppi(fdt, node);
}

static bool is_dropped_prop(const char *name)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(dropped_props); i++ )
        if ( !strcmp(name, dropped_props[i]) )
            return true;
    return false;
}

static int copy_props(const void *host, int node, void *fdt,
                      bool (*keep)(const char *name))
{
    int prop, rc;

    for ( prop = fdt_first_property(host, node); prop >= 0;
          prop = fdt_next_property(host, prop) ) {
        const char *name;
        int len;
        const void *val = fdt_property_at(host, prop, &name, &len);

        if ( !val || is_dropped_prop(name) || (keep && !keep(name)) )
            continue;
        rc = fdt_property(fdt, name, val, len);
        if ( rc )
            return rc;
    }
    return 0;
}

static bool chosen_prop_kept(const char *name)
{
    return strcmp(name, "bootargs") && strncmp(name, "xen,", 4) &&
           strncmp(name, "linux,initrd-", 13) && strcmp(name, "stdout-path") &&
           strncmp(name, "linux,uefi-", 11);
}

static int write_chosen(const void *host, int node, void *fdt,
                        const struct dom0_layout *l)
{
    int rc = fdt_begin_node(fdt, "chosen");

    rc = rc ?: copy_props(host, node, fdt, chosen_prop_kept);
    if ( l->cmdline )
        rc = rc ?: fdt_property_string(fdt, "bootargs", l->cmdline);
    if ( l->initrd_size ) {
        rc = rc ?: fdt_property_u64(fdt, "linux,initrd-start", l->initrd_start);
        rc = rc ?: fdt_property_u64(fdt, "linux,initrd-end",
                                    l->initrd_start + l->initrd_size);
    }
    return rc ?: fdt_end_node(fdt);
}

static bool gic_prop_kept(const char *name)
{
    return !strcmp(name, "compatible") || !strcmp(name, "#interrupt-cells") ||
           !strcmp(name, "interrupt-controller") || !strcmp(name, "phandle") ||
           !strcmp(name, "linux,phandle") || !strcmp(name, "#address-cells") ||
           !strcmp(name, "#size-cells") || !strcmp(name, "#redistributor-regions") ||
           !strcmp(name, "reg");
}

/*
 * The GIC as dom0 sees it: same frames (emulated, redistributors packed at
 * the architected 128 KiB stride), no ITS, no maintenance interrupt.
 */
static int write_gic(const void *host, int node, void *fdt)
{
    int len;
    const char *name = fdt_node_name(host, node, &len);
    int rc = fdt_begin_node(fdt, name);

    rc = rc ?: copy_props(host, node, fdt, gic_prop_kept);
    return rc ?: fdt_end_node(fdt);
}

static bool timer_prop_kept(const char *name)
{
    return strcmp(name, "interrupts");
}

static int write_timer(const void *host, int node, void *fdt)
{
    int len;
    const char *name = fdt_node_name(host, node, &len);
    const uint32_t *irqs = fdt_getprop(host, node, "interrupts", &len);
    uint32_t cells[9];
    unsigned int i;
    int rc;

    if ( !irqs || len < 36 )
        return -EINVAL;
    /* Secure physical, non-secure physical, virtual: the host's PPIs. */
    for ( i = 0; i < 3; i++ ) {
        fdt_be32_store(&cells[i * 3], 1);
        fdt_be32_store(&cells[i * 3 + 1], fdt_be32_load(&irqs[i * 3 + 1]));
        fdt_be32_store(&cells[i * 3 + 2], GIC_FLAGS_PPI_LEVEL_LOW);
    }
    rc = fdt_begin_node(fdt, name);
    rc = rc ?: copy_props(host, node, fdt, timer_prop_kept);
    rc = rc ?: fdt_property(fdt, "interrupts", cells, sizeof(cells));
    return rc ?: fdt_end_node(fdt);
}

static int copy_node(const void *host, int node, int depth, void *fdt,
                     const struct dom0_layout *l);

static int copy_children(const void *host, int node, int depth, void *fdt,
                         const struct dom0_layout *l)
{
    int child, rc;

    for ( child = fdt_first_subnode(host, node); child >= 0;
          child = fdt_next_subnode(host, child) ) {
        rc = copy_node(host, child, depth + 1, fdt, l);
        if ( rc )
            return rc;
    }
    return 0;
}

static int copy_node(const void *host, int node, int depth, void *fdt,
                     const struct dom0_layout *l)
{
    const char *name;
    int len, rc;

    /* The GIC and timer use PPIs, which skip_node() would hide. */
    if ( node == gic.node )
        return write_gic(host, node, fdt);
    if ( fdt_node_is_compatible(host, node, "arm,armv8-timer") )
        return write_timer(host, node, fdt);
    if ( skip_node(host, node, depth) )
        return 0;
    name = fdt_node_name(host, node, &len);
    if ( depth == 1 && !strcmp(name, "chosen") )
        return write_chosen(host, node, fdt, l);

    rc = fdt_begin_node(fdt, name);
    rc = rc ?: copy_props(host, node, fdt, NULL);
    rc = rc ?: copy_children(host, node, depth, fdt, l);
    return rc ?: fdt_end_node(fdt);
}

/* The grant-table window, then the extended regions (2 + 2 cells each). */
static int write_hypervisor_reg(void *fdt, const struct dom0_layout *l)
{
    uint8_t reg[(1 + NR_EXT_REGIONS) * 16];
    unsigned int i, n = 0;

    if ( fdt_write_cells(reg, 2, l->gnttab_base) ||
         fdt_write_cells(reg + 8, 2, l->gnttab_size) )
        return -EINVAL;
    for ( n = 1, i = 0; i < l->nr_ext; i++, n++ )
        if ( fdt_write_cells(reg + n * 16, 2, l->ext[i].start) ||
             fdt_write_cells(reg + n * 16 + 8, 2, l->ext[i].size) )
            return -EINVAL;
    return fdt_property(fdt, "reg", reg, n * 16);
}

static int write_hypervisor_node(void *fdt, const struct dom0_layout *l)
{
    static const char compat[] = "xen,xen-4.17\0xen,xen";
    int rc = fdt_begin_node(fdt, "hypervisor");

    rc = rc ?: fdt_property(fdt, "compatible", compat, sizeof(compat));
    rc = rc ?: write_hypervisor_reg(fdt, l);
    rc = rc ?: fdt_property_cells(fdt, "interrupts", 3, 1, l->evtchn_ppi - 16,
                                  GIC_FLAGS_PPI_LEVEL_LOW);
    rc = rc ?: fdt_property_u32(fdt, "interrupt-parent", gic.phandle);
    return rc ?: fdt_end_node(fdt);
}

static int write_psci_node(void *fdt)
{
    static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    int rc = fdt_begin_node(fdt, "psci");

    rc = rc ?: fdt_property(fdt, "compatible", compat, sizeof(compat));
    rc = rc ?: fdt_property_string(fdt, "method", "hvc");
    rc = rc ?: fdt_property_u32(fdt, "cpu_off", PSCI_cpu_off);
    rc = rc ?: fdt_property_u32(fdt, "cpu_on", PSCI_cpu_on);
    return rc ?: fdt_end_node(fdt);
}

static int write_cpus_node(const void *host, void *fdt, const struct dom0_layout *l)
{
    int hcpus = fdt_path_offset(host, "/cpus"), hcpu = -1, len, rc;
    const char *compat = NULL;
    unsigned int i;

    if ( hcpus >= 0 )
        hcpu = fdt_first_subnode(host, hcpus);
    if ( hcpu >= 0 )
        compat = fdt_getprop(host, hcpu, "compatible", &len);

    rc = fdt_begin_node(fdt, "cpus");
    rc = rc ?: fdt_property_u32(fdt, "#address-cells", 1);
    rc = rc ?: fdt_property_u32(fdt, "#size-cells", 0);
    for ( i = 0; !rc && i < l->nr_vcpus; i++ ) {
        uint32_t aff = (i & 0xf) | ((i >> 4) << 8);
        char name[16];

        snprintf(name, sizeof(name), "cpu@%x", aff);
        rc = fdt_begin_node(fdt, name);
        if ( compat )
            rc = rc ?: fdt_property(fdt, "compatible", compat, len);
        rc = rc ?: fdt_property_string(fdt, "device_type", "cpu");
        rc = rc ?: fdt_property_u32(fdt, "reg", aff);
        rc = rc ?: fdt_property_string(fdt, "enable-method", "psci");
        rc = rc ?: fdt_end_node(fdt);
    }
    return rc ?: fdt_end_node(fdt);
}

static int write_memory_node(void *fdt, const struct dom0_layout *l)
{
    uint32_t reg[NR_MEM_BANKS * 4];
    char name[32];
    unsigned int i;
    int rc;

    for ( i = 0; i < l->nr_banks; i++ ) {
        fdt_write_cells(&reg[i * 4], 2, l->banks[i].start);
        fdt_write_cells(&reg[i * 4 + 2], 2, l->banks[i].size);
    }
    snprintf(name, sizeof(name), "memory@%"PRIx64, l->banks[0].start);
    rc = fdt_begin_node(fdt, name);
    rc = rc ?: fdt_property_string(fdt, "device_type", "memory");
    rc = rc ?: fdt_property(fdt, "reg", reg, l->nr_banks * 16);
    return rc ?: fdt_end_node(fdt);
}

int make_dom0_fdt(const void *host, void *fdt, size_t size,
                  const struct dom0_layout *l)
{
    int rc = fdt_create(fdt, size);

    /* The writer assumes 2-cell addresses at the root, as QEMU virt has. */
    if ( fdt_address_cells(host, 0) != 2 || fdt_size_cells(host, 0) != 2 )
        return -EOPNOTSUPP;
    rc = rc ?: fdt_finish_mem_rsv(fdt);
    rc = rc ?: fdt_begin_node(fdt, "");
    rc = rc ?: copy_props(host, 0, fdt, NULL);
    rc = rc ?: copy_children(host, 0, 0, fdt, l);
    rc = rc ?: write_hypervisor_node(fdt, l);
    rc = rc ?: write_psci_node(fdt);
    rc = rc ?: write_cpus_node(host, fdt, l);
    rc = rc ?: write_memory_node(fdt, l);
    rc = rc ?: fdt_end_node(fdt);
    return rc ?: fdt_finish(fdt);
}

/* ---- passthrough ---- */

static void route_spi(struct domain *d, const uint32_t *spec)
{
    unsigned int irq;
    bool edge;

    if ( gic_decode_spec(spec, &irq, &edge) || irq < NR_GIC_LOCAL_IRQS )
        return;
    if ( route_irq_to_guest(d, irq, irq) == 0 )
        gic_irq_set_type(irq, edge);
}

static int map_mmio(struct domain *d, paddr_t addr, paddr_t size)
{
    paddr_t start = ROUNDDOWN(addr, PAGE_SIZE), end = ROUNDUP(addr + size, PAGE_SIZE);

    return p2m_insert_mapping(d, gaddr_to_gfn(start), (end - start) >> PAGE_SHIFT,
                              maddr_to_mfn(start), p2m_mmio_direct);
}

/* PCI host bridges: their windows ("ranges") and legacy INTx ("interrupt-map"). */
static int passthrough_bridge(const void *host, int node, struct domain *d)
{
    int len, i, rc;
    const uint32_t *r = fdt_getprop(host, node, "ranges", &len);
    uint32_t gic_ac = 0;

    /* PCI child address: 3 cells; parent (root): 2; size: 2. */
    for ( i = 0; r && i + 7 <= len / 4; i += 7 ) {
        rc = map_mmio(d, fdt_read_cells(&r[i + 3], 2), fdt_read_cells(&r[i + 5], 2));
        if ( rc )
            return rc;
    }
    fdt_getprop_u32(host, gic.node, "#address-cells", &gic_ac);
    r = fdt_getprop(host, node, "interrupt-map", &len);
    /* child unit address (3) + child specifier (1) + phandle + GIC address + 3 */
    for ( i = 0; r && i + 8 + (int)gic_ac <= len / 4; i += 8 + gic_ac )
        route_spi(d, &r[i + 5 + gic_ac]);
    return 0;
}

int dom0_passthrough_devices(const void *host, struct domain *d)
{
    int node, rc;

    for ( node = fdt_first_subnode(host, 0); node >= 0;
          node = fdt_next_subnode(host, node) ) {
        const uint32_t *irqs;
        paddr_t addr, size;
        unsigned int i;
        int len;

        if ( skip_node(host, node, 1) || node == gic.node )
            continue;
        for ( i = 0; !fdt_get_reg(host, node, i, &addr, &size); i++ ) {
            rc = map_mmio(d, addr, size);
            if ( rc )
                return rc;
        }
        irqs = fdt_getprop(host, node, "interrupts", &len);
        for ( i = 0; irqs && (i + 1) * 12 <= (unsigned int)len; i++ )
            route_spi(d, &irqs[i * 3]);
        if ( fdt_getprop(host, node, "interrupt-map", &len) ) {
            rc = passthrough_bridge(host, node, d);
            if ( rc )
                return rc;
        }
    }
    return 0;
}
