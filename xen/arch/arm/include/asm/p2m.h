/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_P2M_H
#define ASM_ARM_P2M_H

#include <xen/p2m.h>

struct domain;

/* Stage-2 setup for this pCPU (VTCR_EL2); the IPA width it chose. */
void p2m_cpu_init(void);
extern unsigned int p2m_ipa_bits;

int p2m_init(struct domain *d);
/* Frees the stage-2 tables (mappings must be gone, or are dropped). */
void p2m_teardown(struct domain *d);
/* Makes d's stage 2 the one the MMU uses on this pCPU. */
void p2m_load(struct domain *d);

#endif
