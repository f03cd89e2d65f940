/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_VTIMER_H
#define ASM_ARM_VTIMER_H

struct vcpu;

void vtimer_vcpu_init(struct vcpu *v);
void vtimer_vcpu_destroy(struct vcpu *v);
void vtimer_save(struct vcpu *v);
void vtimer_restore(struct vcpu *v);

#endif
