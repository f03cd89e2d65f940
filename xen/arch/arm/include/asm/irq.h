/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_IRQ_H
#define ASM_ARM_IRQ_H

#include <xen/irq.h>

/* Dispatches one acknowledged interrupt (from gic_interrupt()). */
void do_irq(unsigned int irq);

/* Decodes a 3-cell GIC specifier: interrupt id and whether edge-triggered. */
int gic_decode_spec(const uint32_t *cells, unsigned int *irq, bool *edge);

#endif
