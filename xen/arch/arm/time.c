/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Arm generic timer: system time from the physical counter, the EL2
 * physical timer (CNTHP) for the hypervisor's software timers, and the
 * virtual timer's interrupt, which belongs to whichever vCPU runs.
 */
#include <xen/fdt.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/sysregs.h>
#include <asm/time.h>

uint32_t cpu_khz;
uint64_t boot_count;
static unsigned int hyp_timer_irq = GIC_PPI_HYP_TIMER;
static unsigned int virt_timer_irq = GIC_PPI_VIRT_TIMER;

uint64_t ticks_to_ns(uint64_t ticks)
{
    return (ticks / cpu_khz) * 1000000ULL + (ticks % cpu_khz) * 1000000ULL / cpu_khz;
}

uint64_t ns_to_ticks(uint64_t ns)
{
    return (ns / 1000000ULL) * cpu_khz + (ns % 1000000ULL) * cpu_khz / 1000000ULL;
}

s_time_t NOW(void)
{
    return ticks_to_ns(get_cycles() - boot_count);
}

void arch_timer_program(s_time_t deadline)
{
    if ( !deadline ) {
        WRITE_SYSREG(0, cnthp_ctl_el2);
        isb();
        return;
    }
    WRITE_SYSREG(boot_count + ns_to_ticks(deadline), cnthp_cval_el2);
    WRITE_SYSREG(CNTx_CTL_ENABLE, cnthp_ctl_el2);
    isb();
}

static void hyp_timer_interrupt(unsigned int irq, void *dev)
{
    /* One-shot: off until the timer softirq reprograms it. */
    WRITE_SYSREG(0, cnthp_ctl_el2);
    isb();
    raise_softirq(TIMER_SOFTIRQ);
}

static void virt_timer_interrupt(unsigned int irq, void *dev)
{
    vtimer_interrupt();
}

/* Timer node interrupts: secure phys, non-secure phys, virt, hyp. */
static void parse_timer_node(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
    unsigned int irq;

    if ( node < 0 )
        return;
    if ( !dt_get_irq(fdt, node, 2, &irq) )
        virt_timer_irq = irq;
    if ( !dt_get_irq(fdt, node, 3, &irq) )
        hyp_timer_irq = irq;
}

static void timer_cpu_init(void)
{
    /* Guests read the physical counter; their physical timer traps. */
    WRITE_SYSREG(CNTHCTL_EL1PCTEN, cnthctl_el2);
    WRITE_SYSREG(0, cnthp_ctl_el2);
    isb();
    gic_irq_enable(hyp_timer_irq);
    gic_irq_enable(virt_timer_irq);
}

void time_init(const void *fdt)
{
    uint32_t freq = READ_SYSREG(cntfrq_el0);

    parse_timer_node(fdt);
    if ( !freq ) {
        int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");

        if ( node < 0 || fdt_getprop_u32(fdt, node, "clock-frequency", &freq) )
            panic("Timer frequency unknown: CNTFRQ_EL0 is 0 and the DT says nothing\n");
    }
    cpu_khz = freq / 1000;
    boot_count = get_cycles();
    if ( request_irq(hyp_timer_irq, hyp_timer_interrupt, "hyptimer", NULL) ||
         request_irq(virt_timer_irq, virt_timer_interrupt, "virtimer", NULL) )
        panic("Cannot take the timer interrupts\n");
    timer_cpu_init();
    printk("Generic timer: %u kHz, hypervisor timer IRQ %u, virtual timer IRQ %u\n",
           cpu_khz, hyp_timer_irq, virt_timer_irq);
}

void time_init_secondary_cpu(void)
{
    timer_cpu_init();
}
