/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Softirqs: work raised from interrupt context (or for another pCPU) and
 * run on the way back to a guest or in the idle loop, with interrupts on.
 */
#ifndef XEN_SOFTIRQ_H
#define XEN_SOFTIRQ_H

enum {
    TIMER_SOFTIRQ,
    SCHEDULE_SOFTIRQ,
    NR_SOFTIRQS
};

typedef void (*softirq_handler)(void);

void open_softirq(unsigned int nr, softirq_handler handler);
void raise_softirq(unsigned int nr);
/* Raises nr on cpu and kicks it if it is not this one. */
void cpu_raise_softirq(unsigned int cpu, unsigned int nr);
bool softirq_pending(unsigned int cpu);
void do_softirq(void);

/* Arch: an SGI arrived (event check, function call, halt). */
void do_sgi(unsigned int sgi);

#endif
