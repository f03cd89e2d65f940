/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_IRQ_H
#define XEN_IRQ_H

#include <xen/types.h>

struct domain;

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

/* A physical interrupt handled by the hypervisor itself. */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name,
                void *dev);
/* A physical SPI passed through to d, seen there as virq. */
int route_irq_to_guest(struct domain *d, unsigned int virq, unsigned int irq);
/* Takes back every interrupt routed to d (domain destruction). */
void release_guest_irqs(struct domain *d);

/* The nth interrupt of a DT node, as a GIC interrupt id. */
int dt_get_irq(const void *fdt, int node, unsigned int index,
               unsigned int *irq);

#endif
