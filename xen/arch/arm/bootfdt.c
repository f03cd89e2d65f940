/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reads the boot information out of the host device tree: RAM banks,
 * reserved ranges, our command line and the boot modules (dom0's kernel
 * and ramdisk) that QEMU's guest-loader, U-Boot or GRUB described under
 * /chosen with "multiboot,module" nodes.
 */
#include <xen/fdt.h>
#include <xen/lib.h>
#include <asm/setup.h>

struct bootinfo bootinfo;
const void *host_fdt;
paddr_t host_fdt_pa;

static bool node_is_memory(const void *fdt, int node)
{
    int len;
    const char *type = fdt_getprop(fdt, node, "device_type", &len);

    return type && len >= 7 && !strncmp(type, "memory", len);
}

static void add_reg_ranges(const void *fdt, int node, struct membank *banks,
                           unsigned int *nr, unsigned int max,
                           const char *what)
{
    paddr_t addr, size;
    unsigned int i;

    for ( i = 0; fdt_get_reg(fdt, node, i, &addr, &size) == 0; i++ ) {
        if ( !size )
            continue;
        if ( *nr >= max ) {
            printk(XENLOG_WARNING "Too many %s ranges: ignoring %#"PRIx64"-%#"PRIx64"\n",
                   what, addr, addr + size);
            continue;
        }
        banks[*nr].start = addr;
        banks[*nr].size = size;
        (*nr)++;
    }
}

/*
 * Cell counts for the children of 'node', inherited from its ancestors
 * when absent, as Xen reads them: QEMU's guest-loader writes 2+2-cell
 * module regs under a /chosen that has no #address-cells of its own.
 */
static unsigned int inherited_cells(const void *fdt, int node, const char *name,
                                    unsigned int dflt)
{
    uint32_t v;

    for ( ; node >= 0; node = fdt_parent_offset(fdt, node) ) {
        if ( !fdt_getprop_u32(fdt, node, name, &v) )
            return v;
        if ( node == 0 )
            break;
    }
    return dflt;
}

static int module_reg(const void *fdt, int node, paddr_t *addr, paddr_t *size)
{
    int parent = fdt_parent_offset(fdt, node), len;
    unsigned int ac = inherited_cells(fdt, parent, "#address-cells", 2);
    unsigned int sc = inherited_cells(fdt, parent, "#size-cells", 1);
    const uint32_t *reg = fdt_getprop(fdt, node, "reg", &len);

    if ( !reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
         len < (int)((ac + sc) * 4) )
        return -1;
    *addr = fdt_read_cells(reg, ac);
    *size = fdt_read_cells(reg + ac, sc);
    return 0;
}

static void add_module(const void *fdt, int node, unsigned int nth)
{
    struct bootmodule *mod;
    paddr_t addr, size;
    int len;

    if ( module_reg(fdt, node, &addr, &size) || !size ) {
        printk(XENLOG_WARNING "Boot module with an unreadable reg ignored\n");
        return;
    }
    if ( bootinfo.nr_modules >= NR_MODULES )
        return;
    mod = &bootinfo.modules[bootinfo.nr_modules++];
    mod->start = addr;
    mod->size = size;
    mod->cmdline = fdt_getprop(fdt, node, "bootargs", &len);
    if ( fdt_node_is_compatible(fdt, node, "multiboot,kernel") ||
         fdt_node_is_compatible(fdt, node, "xen,linux-zimage") )
        mod->kind = BOOTMOD_KERNEL;
    else if ( fdt_node_is_compatible(fdt, node, "multiboot,ramdisk") ||
              fdt_node_is_compatible(fdt, node, "xen,linux-initrd") )
        mod->kind = BOOTMOD_RAMDISK;
    else /* GRUB's xen_module: the first is the kernel, the second the ramdisk */
        mod->kind = nth == 0 ? BOOTMOD_KERNEL :
                    nth == 1 ? BOOTMOD_RAMDISK : BOOTMOD_UNKNOWN;
}

static void parse_chosen(const void *fdt)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    int node, len, depth = 0;
    unsigned int nth = 0;

    if ( chosen < 0 )
        return;
    bootinfo.xen_cmdline = fdt_getprop(fdt, chosen, "xen,xen-bootargs", &len);
    if ( !bootinfo.xen_cmdline )
        bootinfo.xen_cmdline = fdt_getprop(fdt, chosen, "bootargs", &len);
    bootinfo.dom0_cmdline = fdt_getprop(fdt, chosen, "xen,dom0-bootargs", &len);

    for ( node = fdt_next_node(fdt, chosen, &depth);
          node >= 0 && depth > 0;
          node = fdt_next_node(fdt, node, &depth) ) {
        if ( fdt_node_is_compatible(fdt, node, "multiboot,module") ||
             fdt_node_is_compatible(fdt, node, "xen,multiboot-module") )
            add_module(fdt, node, nth++);
    }
}

void bootfdt_parse(const void *fdt)
{
    int node, depth = 0, rsv;
    unsigned int i;

    for ( node = fdt_next_node(fdt, 0, &depth); node >= 0 && depth > 0;
          node = fdt_next_node(fdt, node, &depth) ) {
        if ( depth == 1 && node_is_memory(fdt, node) )
            add_reg_ranges(fdt, node, bootinfo.mem, &bootinfo.nr_banks,
                           NR_MEM_BANKS, "memory");
    }

    /* /reserved-memory children and the memreserve block are not ours. */
    node = fdt_path_offset(fdt, "/reserved-memory");
    if ( node >= 0 ) {
        int child;

        for ( child = fdt_first_subnode(fdt, node); child >= 0;
              child = fdt_next_subnode(fdt, child) )
            add_reg_ranges(fdt, child, bootinfo.reserved,
                           &bootinfo.nr_reserved, NR_RESERVED, "reserved");
    }
    rsv = fdt_num_mem_rsv(fdt);
    for ( i = 0; rsv > 0 && i < (unsigned int)rsv; i++ ) {
        paddr_t addr, size;

        if ( fdt_get_mem_rsv(fdt, i, &addr, &size) == 0 && size &&
             bootinfo.nr_reserved < NR_RESERVED ) {
            bootinfo.reserved[bootinfo.nr_reserved].start = addr;
            bootinfo.reserved[bootinfo.nr_reserved++].size = size;
        }
    }

    parse_chosen(fdt);
}

struct bootmodule *boot_module_find(enum bootmodule_kind kind)
{
    unsigned int i;

    for ( i = 0; i < bootinfo.nr_modules; i++ )
        if ( bootinfo.modules[i].kind == kind )
            return &bootinfo.modules[i];
    return NULL;
}
