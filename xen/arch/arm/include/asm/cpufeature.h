/* SPDX-License-Identifier: GPL-2.0-only */
/* The ID registers guests read (cpufeature.c). */
#ifndef ASM_ARM_CPUFEATURE_H
#define ASM_ARM_CPUFEATURE_H

#include <xen/types.h>

#define ID_PARANGE_48   5       /* ID_AA64MMFR0_EL1.PARange: 48 bits */

/*
 * The guest's value of the ID register op0=3, op1=0, CRn=0, crm, op2;
 * false if that is outside the ID space.
 */
bool guest_id_reg_read(unsigned int crm, unsigned int op2, uint64_t *val);

#endif
