/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Secondary pCPUs: found in the host DT's /cpus, started with PSCI CPU_ON
 * at secondary_entry (head.S), then brought to the idle loop.  Also the
 * SGIs pCPUs send each other.
 */
#include <xen/fdt.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include <asm/gic.h>
#include <asm/mm.h>
#include <asm/percpu.h>
#include <asm/psci.h>
#include <asm/setup.h>
#include <asm/time.h>
#include <asm/traps.h>

unsigned long cpu_online_map;
unsigned int nr_cpu_ids = 1;
/* Stack of each secondary pCPU, read by head.S before C runs. */
void *secondary_stacks[NR_CPUS];
static uint64_t cpu_logical_map[NR_CPUS];

extern char secondary_entry[];

static unsigned int opt_maxcpus = NR_CPUS;
integer_param("maxcpus", opt_maxcpus);

/* A function another pCPU asked this one to run. */
static struct {
    spinlock_t lock;
    void (*fn)(void *);
    void *arg;
    volatile bool done;
} call_data = { .lock = SPIN_LOCK_UNLOCKED };

void smp_send_event_check(unsigned int cpu)
{
    gic_send_sgi(cpu, GIC_SGI_EVENT_CHECK);
}

void smp_call_function_single(unsigned int cpu, void (*fn)(void *), void *arg,
                              bool wait)
{
    if ( cpu == smp_processor_id() ) {
        fn(arg);
        return;
    }
    spin_lock(&call_data.lock);
    call_data.fn = fn;
    call_data.arg = arg;
    call_data.done = false;
    smp_mb();
    gic_send_sgi(cpu, GIC_SGI_CALL_FUNC);
    while ( wait && !call_data.done )
        cpu_relax();
    spin_unlock(&call_data.lock);
}

static void __noreturn halt_this_cpu(void)
{
    local_irq_disable();
    for ( ;; )
        wait_for_interrupt();
}

void do_sgi(unsigned int sgi)
{
    switch ( sgi ) {
    case GIC_SGI_EVENT_CHECK:
        /* Nothing to do: the way out of the interrupt runs softirqs. */
        break;
    case GIC_SGI_CALL_FUNC:
        call_data.fn(call_data.arg);
        smp_mb();
        call_data.done = true;
        break;
    case GIC_SGI_HALT:
        halt_this_cpu();
    }
}

static void stop_other_cpus(void)
{
    unsigned int cpu;

    for_each_online_cpu ( cpu )
        if ( cpu != smp_processor_id() )
            gic_send_sgi(cpu, GIC_SGI_HALT);
}

void machine_halt(void)
{
    stop_other_cpus();
    psci_system_off();
    halt_this_cpu();
}

void machine_restart(void)
{
    stop_other_cpus();
    psci_system_reset();
    halt_this_cpu();
}

/* Reads the MPIDRs of the CPUs in /cpus; the boot CPU becomes CPU 0. */
static void parse_cpus(const void *fdt)
{
    int cpus = fdt_path_offset(fdt, "/cpus"), node;
    uint64_t boot_mpidr = READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;

    cpu_logical_map[0] = boot_mpidr;
    if ( cpus < 0 )
        return;
    for ( node = fdt_first_subnode(fdt, cpus); node >= 0;
          node = fdt_next_subnode(fdt, node) ) {
        const char *type;
        int len;
        paddr_t mpidr, size;

        type = fdt_getprop(fdt, node, "device_type", &len);
        if ( !type || strncmp(type, "cpu", len) )
            continue;
        if ( fdt_get_reg(fdt, node, 0, &mpidr, &size) )
            continue;
        if ( (mpidr & MPIDR_AFF_MASK) == boot_mpidr )
            continue;
        if ( nr_cpu_ids >= min(opt_maxcpus, (unsigned int)NR_CPUS) ) {
            printk(XENLOG_WARNING "CPU with MPIDR %#"PRIx64" ignored (limit %u)\n",
                   mpidr, nr_cpu_ids);
            continue;
        }
        cpu_logical_map[nr_cpu_ids++] = mpidr & MPIDR_AFF_MASK;
    }
}

static int start_cpu(unsigned int cpu)
{
    s_time_t deadline;
    int rc;

    secondary_stacks[cpu] = alloc_xenheap_pages(STACK_ORDER, 0);
    if ( !secondary_stacks[cpu] || percpu_init_area(cpu) )
        return -1;
    dsb(sy);
    rc = psci_cpu_on(cpu_logical_map[cpu], xen_image_to_maddr(secondary_entry),
                     cpu);
    if ( rc != PSCI_SUCCESS ) {
        printk(XENLOG_ERR "CPU%u: PSCI CPU_ON failed: %d\n", cpu, rc);
        return -1;
    }
    deadline = NOW() + SECONDS(10);
    while ( !cpu_online(cpu) && NOW() < deadline )
        cpu_relax();
    if ( !cpu_online(cpu) ) {
        printk(XENLOG_ERR "CPU%u did not come up\n", cpu);
        return -1;
    }
    return 0;
}

void smp_boot_cpus(const void *fdt)
{
    unsigned int cpu, up = 1;

    set_bit(0, &cpu_online_map);
    parse_cpus(fdt);
    /* Needed even on one CPU: it also powers off and resets the machine. */
    if ( psci_init(fdt) && nr_cpu_ids > 1 ) {
        printk(XENLOG_WARNING "No PSCI: running on one CPU\n");
        nr_cpu_ids = 1;
    }
    for ( cpu = 1; cpu < nr_cpu_ids; cpu++ )
        if ( !start_cpu(cpu) )
            up++;
    printk("Brought up %u CPUs\n", up);
}

/* First C code of a secondary pCPU, on its own stack, MMU on. */
void start_secondary(unsigned int cpu)
{
    set_per_cpu_offset(__per_cpu_offset[cpu]);
    hyp_cpu_init();
    gic_init_secondary_cpu();
    timers_init_cpu(cpu);
    time_init_secondary_cpu();
    sched_init_cpu(cpu);
    printk("CPU%u: up (MPIDR %#lx)\n", cpu, (unsigned long)cpu_logical_map[cpu]);
    smp_mb();
    set_bit(cpu, &cpu_online_map);
    startup_cpu_idle_loop();
}
