/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The physical GICv3: what the rest of the arch code (IRQ routing, the
 * vGIC) may ask of it.  Interrupt ids: SGIs 0-15, PPIs 16-31, SPIs 32+.
 */
#ifndef ASM_ARM_GIC_H
#define ASM_ARM_GIC_H

#include <xen/types.h>

#define NR_GIC_SGI          16
#define NR_GIC_LOCAL_IRQS   32
#define GIC_SPURIOUS_FIRST  1020

/* SGIs the hypervisor uses between pCPUs. */
#define GIC_SGI_EVENT_CHECK 0   /* re-run the scheduler / softirqs */
#define GIC_SGI_CALL_FUNC   1   /* smp_call_function */
#define GIC_SGI_HALT        2   /* stop for a crash or machine halt */

/* Host interrupts the hypervisor owns. */
#define GIC_PPI_HYP_TIMER   26  /* CNTHP, EL2 physical timer */
#define GIC_PPI_VIRT_TIMER  27  /* CNTV: belongs to the running vCPU */
#define GIC_PPI_MAINTENANCE 25

/* ICH_LR<n>_EL2 fields. */
#define ICH_LR_VINTID_MASK  0xffffffffUL
#define ICH_LR_PINTID_SHIFT 32
#define ICH_LR_PINTID_MASK  (0x3ffUL << ICH_LR_PINTID_SHIFT)
#define ICH_LR_PRIO_SHIFT   48
#define ICH_LR_GROUP1       (1UL << 60)
#define ICH_LR_HW           (1UL << 61)
#define ICH_LR_STATE_SHIFT  62
#define ICH_LR_STATE_MASK   (3UL << ICH_LR_STATE_SHIFT)
#define ICH_LR_PENDING      (1UL << ICH_LR_STATE_SHIFT)
#define ICH_LR_ACTIVE       (2UL << ICH_LR_STATE_SHIFT)

/* ICH_HCR_EL2 */
#define ICH_HCR_EN          (1UL << 0)
#define ICH_HCR_UIE         (1UL << 1)  /* maintenance IRQ when LRs (almost) empty */
#define ICH_HCR_NPIE        (1UL << 3)  /* ... when no LR is pending */

struct gic_info {
    paddr_t dist_base, dist_size;
    unsigned int nr_rdist_regions;
    paddr_t rdist_base[4], rdist_size[4];
    paddr_t rdist_stride;           /* 0: the architected 2 or 4 frames */
    unsigned int nr_lines;          /* SPIs + 32 */
    unsigned int nr_lrs;
    uint32_t phandle;
    int node;                       /* the GIC's node in the host DT */
};
extern struct gic_info gic;

void gic_init(const void *fdt);
void gic_init_secondary_cpu(void);
/* Acknowledges and dispatches pending physical interrupts. */
void gic_interrupt(void);

void gic_send_sgi(unsigned int cpu, unsigned int sgi);
void gic_irq_enable(unsigned int irq);
void gic_irq_disable(unsigned int irq);
/* Level (false) or edge (true) trigger for an SPI or PPI. */
void gic_irq_set_type(unsigned int irq, bool edge);
void gic_irq_set_affinity(unsigned int irq, unsigned int cpu);
void gic_irq_set_priority(unsigned int irq, uint8_t prio);
/* Ends a hypervisor-handled interrupt (priority drop done at ack). */
void gic_irq_deactivate(unsigned int irq);

/* The virtual CPU interface (list registers). */
uint64_t gic_read_lr(unsigned int n);
void gic_write_lr(unsigned int n, uint64_t val);
uint64_t gic_read_elrsr(void);
void gic_write_hcr(uint64_t val);
uint64_t gic_read_misr(void);

#endif
