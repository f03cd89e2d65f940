/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * start_xen(): from the first C instruction on CPU 0 to running dom0.
 */
#include <xen/console.h>
#include <xen/dt_uart.h>
#include <xen/fdt.h>
#include <xen/init.h>
#include <xen/kernel.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/version.h>
#include <asm/gic.h>
#include <asm/mm.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/time.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/timer.h>

enum system_state system_state = SYS_STATE_early_boot;

/* What XENVER_capabilities reports: 64-bit guests only. */
const char arch_capabilities[] = "xen-3.0-aarch64 ";

extern char _start[], _end[];
extern const initcall_t __start_initcalls[], __stop_initcalls[];

void do_initcalls(void)
{
    const initcall_t *call;

    for ( call = __start_initcalls; call < __stop_initcalls; call++ ) {
        int rc = (*call)();

        if ( rc )
            printk(XENLOG_WARNING "initcall %p failed: %d\n", (void *)*call, rc);
    }
}

static void print_banner(void)
{
    printk(" Xen-compatible hypervisor %d.%d%s (arm64)\n", XEN_VERSION,
           XEN_SUBVERSION, XEN_EXTRAVERSION);
    printk("Command line: %s\n", bootinfo.xen_cmdline ? bootinfo.xen_cmdline : "");
}

/* Removes [start, end) from the boot allocator; it is in use. */
static void reserve_range(paddr_t start, paddr_t size)
{
    if ( size )
        boot_pages_reserve(ROUNDDOWN(start, PAGE_SIZE),
                           ROUNDUP(start + size, PAGE_SIZE));
}

static void setup_mm(void)
{
    paddr_t ram_start = ~(paddr_t)0, ram_end = 0;
    unsigned int i;

    if ( !bootinfo.nr_banks )
        panic("No memory nodes in the device tree\n");

    for ( i = 0; i < bootinfo.nr_banks; i++ ) {
        const struct membank *b = &bootinfo.mem[i];

        ram_start = min(ram_start, b->start);
        ram_end = max(ram_end, b->start + b->size);
        init_boot_pages(b->start, b->start + b->size);
    }
    reserve_range(xen_phys_start, _end - _start);
    reserve_range(host_fdt_pa, fdt_totalsize(host_fdt));
    for ( i = 0; i < bootinfo.nr_reserved; i++ )
        reserve_range(bootinfo.reserved[i].start, bootinfo.reserved[i].size);
    for ( i = 0; i < bootinfo.nr_modules; i++ )
        reserve_range(bootinfo.modules[i].start, bootinfo.modules[i].size);

    for ( i = 0; i < bootinfo.nr_banks; i++ ) {
        const struct membank *b = &bootinfo.mem[i];

        if ( map_ram_1to1(b->start, b->start + b->size) )
            panic("Cannot map RAM bank %#"PRIx64"-%#"PRIx64"\n",
                  b->start, b->start + b->size);
    }
    init_frametable(ram_start, ram_end);
    end_boot_allocator();
    system_state = SYS_STATE_boot;
}

static void print_memory_map(void)
{
    unsigned int i;

    printk("Physical memory map:\n");
    for ( i = 0; i < bootinfo.nr_banks; i++ )
        printk(" RAM      %016"PRIx64" - %016"PRIx64" (%"PRIu64" MiB)\n",
               bootinfo.mem[i].start,
               bootinfo.mem[i].start + bootinfo.mem[i].size,
               bootinfo.mem[i].size >> 20);
    for ( i = 0; i < bootinfo.nr_reserved; i++ )
        printk(" reserved %016"PRIx64" - %016"PRIx64"\n",
               bootinfo.reserved[i].start,
               bootinfo.reserved[i].start + bootinfo.reserved[i].size);
    printk(" Xen      %016"PRIx64" - %016"PRIx64"\n", xen_phys_start,
           xen_phys_start + (paddr_t)(_end - _start));
    printk(" DTB      %016"PRIx64" - %016"PRIx64"\n", host_fdt_pa,
           host_fdt_pa + fdt_totalsize(host_fdt));
    for ( i = 0; i < bootinfo.nr_modules; i++ ) {
        static const char *const kinds[] = { "module", "kernel", "ramdisk" };

        printk(" %-8s %016"PRIx64" - %016"PRIx64"\n",
               kinds[bootinfo.modules[i].kind], bootinfo.modules[i].start,
               bootinfo.modules[i].start + bootinfo.modules[i].size);
    }
    printk("Free memory: %lu MiB of %lu MiB\n",
           avail_heap_pages() >> (20 - PAGE_SHIFT),
           total_heap_pages() >> (20 - PAGE_SHIFT));
}

void start_xen(unsigned long phys_offset, paddr_t dtb_pa);
void start_xen(unsigned long phys_offset, paddr_t dtb_pa)
{
    xen_phys_start = XEN_VIRT_START + phys_offset;
    percpu_init_area(0);
    set_per_cpu_offset(0);

    host_fdt_pa = dtb_pa;
    host_fdt = maddr_to_virt(dtb_pa);
    /* No console yet: nothing can be said about an unreadable DT. */
    if ( fdt_check(host_fdt, 2 << 20) )
        for ( ;; )
            wait_for_interrupt();

    bootfdt_parse(host_fdt);
    cmdline_parse(bootinfo.xen_cmdline ? bootinfo.xen_cmdline : "");
    dt_uart_setup(host_fdt);
    print_banner();

    setup_mm();
    print_memory_map();

    hyp_cpu_init();
    gic_init(host_fdt);
    timers_init_cpu(0);
    time_init(host_fdt);
    scheduler_init();
    local_irq_enable();
    smp_boot_cpus(host_fdt);

    do_initcalls();

    if ( !boot_module_find(BOOTMOD_KERNEL) ) {
        printk("No dom0 kernel given (no multiboot,module node in /chosen): "
               "nothing to run, halting.\n");
        machine_halt();
    }
    construct_dom0();
    system_state = SYS_STATE_active;
    startup_cpu_idle_loop();
}
