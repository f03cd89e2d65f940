/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Builds dom0 from the boot modules: its RAM (1:1, guest physical ==
 * machine, so it can program DMA with its own addresses), the host's
 * devices, its device tree, the kernel and initrd, and vCPU 0 at the
 * kernel's entry.  Bad input (no valid kernel, too much memory asked for)
 * gets one clear sentence and a clean halt, not a crash dump.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/fdt.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/memory.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <public/domctl.h>
#include <public/hvm/params.h>
#include <asm/cache.h>
#include <asm/domain_build.h>
#include <asm/gic.h>
#include <asm/setup.h>
#include <asm/vgic.h>

#define DOM0_MEM_DEFAULT    (512UL << 20)
#define DOM0_FDT_MAX        (2UL << 20)
#define IMAGE_MAGIC_OFFSET  0x38
#define IMAGE_MAGIC         0x644d5241  /* "ARM\x64" */
#define GNTTAB_FRAMES       GNTTAB_DEFAULT_MAX_FRAMES

static unsigned long long opt_dom0_mem;
size_param("dom0_mem", opt_dom0_mem);
static unsigned int opt_dom0_max_vcpus;
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);

static void __noreturn dom0_build_error(const char *msg)
{
    printk(XENLOG_ERR "%s\n", msg);
    printk("Cannot build dom0: halting.\n");
    machine_halt();
}

struct image_header {
    uint32_t code0, code1;
    uint64_t text_offset;
    uint64_t image_size;
    uint64_t flags;
    uint64_t res2, res3, res4;
    uint32_t magic;
    uint32_t res5;
};

/* Checks the kernel module is an arm64 Image; returns its load offset. */
static uint64_t check_kernel(const struct bootmodule *k, uint64_t *image_size)
{
    const struct image_header *h = maddr_to_virt(k->start);
    const uint8_t *b = (const uint8_t *)h;

    if ( k->size < sizeof(*h) )
        dom0_build_error("Dom0 kernel: not a valid arm64 Image (module too small)");
    if ( b[0] == 0x1f && b[1] == 0x8b )
        dom0_build_error("Dom0 kernel: gzip-compressed Images are not supported yet; "
                         "give the uncompressed Image");
    if ( h->magic != IMAGE_MAGIC )
        dom0_build_error("Dom0 kernel: not a valid arm64 Image (no 'ARM\\x64' "
                         "magic at offset 0x38)");
    *image_size = h->image_size ? h->image_size : k->size;
    if ( *image_size < k->size )
        dom0_build_error("Dom0 kernel: not a valid arm64 Image (image_size "
                         "smaller than the module)");
    return h->image_size ? h->text_offset : 0x80000;
}

/* Gives d 'size' bytes of RAM in a few large 1:1 chunks. */
static void allocate_dom0_ram(struct domain *d, paddr_t size,
                              struct dom0_layout *l)
{
    unsigned int order = MAX_ORDER;

    while ( size ) {
        struct page_info *pg;
        paddr_t start, len;

        while ( order && ((PAGE_SIZE << order) > size) )
            order--;
        pg = alloc_domheap_pages(d, order, 0);
        if ( !pg ) {
            if ( !order )
                dom0_build_error("Out of memory while allocating dom0 RAM");
            order--;
            continue;
        }
        start = page_to_maddr(pg);
        len = PAGE_SIZE << order;
        if ( assign_pages(d, pg, order) ||
             p2m_insert_mapping(d, gaddr_to_gfn(start), 1UL << order,
                                page_to_mfn(pg), p2m_ram_rw) )
            dom0_build_error("Cannot map dom0 RAM");
        add_bank(l, start, len);
        size -= len;
    }
}

void add_bank(struct dom0_layout *l, paddr_t start, paddr_t len)
{
    unsigned int i, j;

    /* Keep banks sorted and merged: dom0's memory node lists them. */
    for ( i = 0; i < l->nr_banks; i++ ) {
        if ( l->banks[i].start + l->banks[i].size == start ) {
            l->banks[i].size += len;
            goto merge_next;
        }
        if ( start + len == l->banks[i].start ) {
            l->banks[i].start = start;
            l->banks[i].size += len;
            return;
        }
        if ( start < l->banks[i].start )
            break;
    }
    if ( l->nr_banks == NR_MEM_BANKS )
        dom0_build_error("Dom0 RAM too fragmented (more banks than supported)");
    for ( j = l->nr_banks; j > i; j-- )
        l->banks[j] = l->banks[j - 1];
    l->banks[i].start = start;
    l->banks[i].size = len;
    l->nr_banks++;
    return;
 merge_next:
    if ( i + 1 < l->nr_banks &&
         l->banks[i].start + l->banks[i].size == l->banks[i + 1].start ) {
        l->banks[i].size += l->banks[i + 1].size;
        for ( j = i + 1; j + 1 < l->nr_banks; j++ )
            l->banks[j] = l->banks[j + 1];
        l->nr_banks--;
    }
}

#define EXT_ALIGN       (2UL << 20)
#define EXT_MIN_SIZE    (64UL << 20)    /* what Xen offers at the least */

static void add_extended_region(struct dom0_layout *l, paddr_t start,
                                paddr_t end)
{
    start = ROUNDUP(start, EXT_ALIGN);
    end &= ~(EXT_ALIGN - 1);
    if ( end <= start || end - start < EXT_MIN_SIZE ||
         l->nr_ext == NR_EXT_REGIONS )
        return;
    l->ext[l->nr_ext].start = start;
    l->ext[l->nr_ext].size = end - start;
    l->nr_ext++;
}

/*
 * Without them Linux finds room for foreign mappings by hot-plugging
 * "memory" wherever the host's memory map has none (at 0, on QEMU's
 * virt), which it warns about.  Host RAM that is not dom0's is free in
 * dom0's stage-2, as Xen offers it.
 */
void find_extended_regions(struct dom0_layout *l, const struct membank *host,
                           unsigned int nr_host)
{
    struct membank used[NR_MEM_BANKS + 1];
    unsigned int i, j, n = 0;

    for ( i = 0; i < l->nr_banks; i++ )
        used[n++] = l->banks[i];
    used[n].start = l->gnttab_base;
    used[n++].size = l->gnttab_size;
    /* By start: the banks are, the grant window goes in its place. */
    for ( i = n - 1; i > 0 && used[i].start < used[i - 1].start; i-- ) {
        struct membank t = used[i];

        used[i] = used[i - 1];
        used[i - 1] = t;
    }
    l->nr_ext = 0;
    for ( i = 0; i < nr_host; i++ ) {
        paddr_t cur = host[i].start, end = host[i].start + host[i].size;

        for ( j = 0; j < n && cur < end; j++ ) {
            paddr_t us = used[j].start, ue = used[j].start + used[j].size;

            if ( ue <= cur || us >= end )
                continue;
            if ( us > cur )
                add_extended_region(l, cur, us);
            cur = ue;
        }
        if ( cur < end )
            add_extended_region(l, cur, end);
    }
}

static void copy_to_dom0(paddr_t dst, paddr_t src, size_t len)
{
    memcpy(maddr_to_virt(dst), maddr_to_virt(src), len);
    flush_dcache_range(maddr_to_virt(dst), len, false);
}

/* The grant-table window: hypervisor memory, so never dom0 RAM or a device. */
static void reserve_gnttab_window(struct dom0_layout *l)
{
    void *p = alloc_xenheap_pages(get_order_from_pages(GNTTAB_FRAMES), 0);

    if ( !p )
        dom0_build_error("Out of memory for the grant-table window");
    l->gnttab_base = virt_to_maddr(p);
    l->gnttab_size = GNTTAB_FRAMES * PAGE_SIZE;
}

static paddr_t dom0_mem_size(void)
{
    paddr_t size = opt_dom0_mem ? opt_dom0_mem : DOM0_MEM_DEFAULT;
    paddr_t avail = (paddr_t)avail_heap_pages() << PAGE_SHIFT;

    size = ROUNDUP(size, PAGE_SIZE);
    /* Leave the hypervisor room for its own allocations (16 MiB). */
    if ( size + (16UL << 20) > avail ) {
        printk(XENLOG_ERR "dom0_mem=%lluM is larger than the free memory (%lluM, "
               "of which 16M stay with the hypervisor)\n",
               (unsigned long long)(size >> 20),
               (unsigned long long)(avail >> 20));
        dom0_build_error("Lower dom0_mem= or give the machine more RAM");
    }
    return size;
}

void construct_dom0(void)
{
    struct bootmodule *kernel = boot_module_find(BOOTMOD_KERNEL);
    struct bootmodule *initrd = boot_module_find(BOOTMOD_RAMDISK);
    struct dom0_layout l = { 0 };
    /* Dom0's SPIs are the host's: arch_domain_create() sees to that. */
    struct xen_domctl_createdomain config = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .arch.gic_version = XEN_DOMCTL_CONFIG_GIC_V3,
    };
    uint64_t text_offset, image_size;
    paddr_t kernel_pa, dtb_pa, mem, bank0_end;
    struct domain *d;
    void *fdt;
    unsigned int i;
    int rc;

    text_offset = check_kernel(kernel, &image_size);
    mem = dom0_mem_size();
    l.nr_vcpus = opt_dom0_max_vcpus ? opt_dom0_max_vcpus : nr_cpu_ids;
    if ( l.nr_vcpus > GUEST_MAX_VCPUS )
        l.nr_vcpus = GUEST_MAX_VCPUS;

    config.max_vcpus = l.nr_vcpus;
    d = domain_create(0, &config, true);
    if ( !d )
        dom0_build_error("Cannot create dom0");
    d->max_pages = mem >> PAGE_SHIFT;
    d->arch.direct_map = true;
    for ( i = 0; i < l.nr_vcpus; i++ )
        if ( !vcpu_create(d, i) )
            dom0_build_error("Cannot create dom0's vCPUs");

    allocate_dom0_ram(d, mem, &l);
    rc = vgic_set_layout(d, gic.dist_base, gic.nr_rdist_regions,
                         gic.rdist_base, gic.rdist_size);
    if ( rc )
        dom0_build_error("Cannot set up dom0's virtual GIC");
    rc = dom0_passthrough_devices(host_fdt, d);
    if ( rc )
        dom0_build_error("Cannot pass the host devices through to dom0");
    reserve_gnttab_window(&l);
    find_extended_regions(&l, bootinfo.mem, bootinfo.nr_banks);
    l.evtchn_ppi = d->arch.evtchn_ppi;
    l.cmdline = kernel->cmdline ? kernel->cmdline : bootinfo.dom0_cmdline;

    /* Kernel at the start of bank 0; DTB then initrd 128 MiB above it. */
    kernel_pa = l.banks[0].start + text_offset;
    bank0_end = l.banks[0].start + l.banks[0].size;
    dtb_pa = ROUNDUP(kernel_pa + image_size, 2UL << 20);
    if ( l.banks[0].start + (128UL << 20) > dtb_pa )
        dtb_pa = l.banks[0].start + (128UL << 20);
    if ( initrd ) {
        l.initrd_start = dtb_pa + DOM0_FDT_MAX;
        l.initrd_size = initrd->size;
    } else
        printk(XENLOG_WARNING "No dom0 ramdisk given: dom0 boots without an initrd\n");
    if ( dtb_pa + DOM0_FDT_MAX + l.initrd_size > bank0_end )
        dom0_build_error("Dom0's first RAM bank cannot hold the kernel, DTB and "
                         "initrd: raise dom0_mem=");

    fdt = alloc_xenheap_pages(get_order_from_bytes(DOM0_FDT_MAX), 0);
    if ( !fdt )
        dom0_build_error("Out of memory for dom0's device tree");
    rc = make_dom0_fdt(host_fdt, fdt, DOM0_FDT_MAX, &l);
    if ( rc ) {
        printk(XENLOG_ERR "Writing dom0's device tree failed: %d\n", rc);
        dom0_build_error("Cannot write dom0's device tree");
    }

    copy_to_dom0(kernel_pa, kernel->start, kernel->size);
    copy_to_dom0(dtb_pa, virt_to_maddr(fdt), fdt_totalsize(fdt));
    if ( initrd )
        copy_to_dom0(l.initrd_start, initrd->start, initrd->size);
    free_xenheap_pages(fdt, get_order_from_bytes(DOM0_FDT_MAX));

    d->hvm_params[HVM_PARAM_CALLBACK_IRQ] =
        ((uint64_t)HVM_PARAM_CALLBACK_TYPE_PPI << HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT) |
        HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_LOW_LEVEL | d->arch.evtchn_ppi;

    printk("Dom0: %u vCPUs, %"PRIu64" MiB in %u bank(s); kernel at %#"PRIx64
           ", DTB at %#"PRIx64"%s\n", l.nr_vcpus, mem >> 20, l.nr_banks,
           kernel_pa, dtb_pa, initrd ? ", initrd after it" : "");
    for ( i = 0; i < l.nr_banks; i++ )
        printk(" Dom0 RAM %016"PRIx64" - %016"PRIx64"\n", l.banks[i].start,
               l.banks[i].start + l.banks[i].size);

    vcpu_reset_state(d->vcpu[0], kernel_pa, dtb_pa);
    console_switch_input_to_dom0();
    vcpu_wake(d->vcpu[0]);
}
