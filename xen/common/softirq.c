/* SPDX-License-Identifier: GPL-2.0-only */
#include <xen/atomic.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>

static softirq_handler handlers[NR_SOFTIRQS];
static unsigned long pending[NR_CPUS];

void open_softirq(unsigned int nr, softirq_handler handler)
{
    handlers[nr] = handler;
}

void raise_softirq(unsigned int nr)
{
    set_bit(nr, &pending[smp_processor_id()]);
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    if ( test_and_set_bit(nr, &pending[cpu]) )
        return;
    if ( cpu != smp_processor_id() )
        smp_send_event_check(cpu);
}

bool softirq_pending(unsigned int cpu)
{
    return READ_ONCE(pending[cpu]) != 0;
}

/* Runs with interrupts enabled; handlers may raise more softirqs. */
void do_softirq(void)
{
    unsigned int cpu = smp_processor_id(), nr;

    while ( (nr = find_first_bit(&pending[cpu], NR_SOFTIRQS)) < NR_SOFTIRQS ) {
        clear_bit(nr, &pending[cpu]);
        if ( handlers[nr] )
            handlers[nr]();
    }
}
