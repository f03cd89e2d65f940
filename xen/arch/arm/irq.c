/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical interrupt dispatch: SGIs between pCPUs, interrupts the
 * hypervisor handles (timers, UART), and SPIs forwarded to a guest through
 * the vGIC with a hardware-linked list register, so the guest's EOI
 * deactivates them.
 */
#include <xen/errno.h>
#include <xen/fdt.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/setup.h>

#define NR_IRQS 1020

struct irq_desc {
    irq_handler_t handler;
    void *dev;
    const char *name;
    struct domain *guest;       /* forwarded to this domain */
    unsigned int virq;
};

static struct irq_desc irq_desc[NR_IRQS];
static DEFINE_SPINLOCK(irq_desc_lock);

void do_irq(unsigned int irq)
{
    struct irq_desc *desc;

    if ( irq < NR_GIC_SGI ) {
        do_sgi(irq);
        gic_irq_deactivate(irq);
        return;
    }
    if ( irq >= NR_IRQS )
        return;
    desc = &irq_desc[irq];
    if ( desc->guest ) {
        vgic_inject_irq(desc->guest, NULL, desc->virq, true);
        return;     /* the guest's EOI deactivates it */
    }
    if ( desc->handler )
        desc->handler(irq, desc->dev);
    else
        printk(XENLOG_WARNING "Unexpected interrupt %u\n", irq);
    gic_irq_deactivate(irq);
}

int request_irq(unsigned int irq, irq_handler_t handler, const char *name,
                void *dev)
{
    unsigned long flags;

    if ( irq < NR_GIC_SGI || irq >= NR_IRQS )
        return -EINVAL;
    spin_lock_irqsave(&irq_desc_lock, flags);
    if ( irq_desc[irq].handler || irq_desc[irq].guest ) {
        spin_unlock_irqrestore(&irq_desc_lock, flags);
        return -EBUSY;
    }
    irq_desc[irq].handler = handler;
    irq_desc[irq].dev = dev;
    irq_desc[irq].name = name;
    spin_unlock_irqrestore(&irq_desc_lock, flags);

    /* PPIs are per CPU: whoever uses one enables it on each CPU. */
    if ( irq >= NR_GIC_LOCAL_IRQS )
        gic_irq_set_affinity(irq, 0);
    gic_irq_enable(irq);
    return 0;
}

int route_irq_to_guest(struct domain *d, unsigned int virq, unsigned int irq)
{
    unsigned long flags;
    int rc = 0;

    if ( irq < NR_GIC_LOCAL_IRQS || irq >= gic.nr_lines )
        return -EINVAL;
    spin_lock_irqsave(&irq_desc_lock, flags);
    if ( irq_desc[irq].handler || irq_desc[irq].guest )
        rc = -EBUSY;
    else {
        irq_desc[irq].guest = d;
        irq_desc[irq].virq = virq;
    }
    spin_unlock_irqrestore(&irq_desc_lock, flags);
    if ( rc )
        return rc;
    gic_irq_set_affinity(irq, 0);
    /* Enabled when the guest enables it in its distributor. */
    return vgic_connect_hw_irq(d, virq, irq);
}

void release_guest_irqs(struct domain *d)
{
    unsigned int irq;
    unsigned long flags;

    spin_lock_irqsave(&irq_desc_lock, flags);
    for ( irq = NR_GIC_LOCAL_IRQS; irq < NR_IRQS; irq++ )
        if ( irq_desc[irq].guest == d ) {
            gic_irq_disable(irq);
            gic_irq_deactivate(irq);
            irq_desc[irq].guest = NULL;
        }
    spin_unlock_irqrestore(&irq_desc_lock, flags);
}

int gic_decode_spec(const uint32_t *cells, unsigned int *irq, bool *edge)
{
    uint32_t type = fdt_be32_load(&cells[0]), nr = fdt_be32_load(&cells[1]);
    uint32_t flags = fdt_be32_load(&cells[2]);

    switch ( type ) {
    case 0: /* SPI */
        *irq = nr + 32;
        break;
    case 1: /* PPI */
        if ( nr >= 16 )
            return -EINVAL;
        *irq = nr + 16;
        break;
    default:
        return -EINVAL;
    }
    *edge = (flags & 0xf) == 1 || (flags & 0xf) == 2;
    return 0;
}

/* Interrupts of a node whose parent is the (only) GIC, 3 cells each. */
int dt_get_irq(const void *fdt, int node, unsigned int index,
               unsigned int *irq)
{
    int len;
    const uint32_t *cells = fdt_getprop(fdt, node, "interrupts", &len);
    bool edge;

    if ( !cells || len < 0 || (unsigned int)len < (index + 1) * 12 )
        return -ENOENT;
    return gic_decode_spec(cells + index * 3, irq, &edge);
}
