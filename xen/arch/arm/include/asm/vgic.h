/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The virtual GICv3 each domain sees: emulated distributor and
 * redistributors (MMIO), with interrupts delivered through the list
 * registers of the physical GIC's virtual CPU interface.  Guests use the
 * ICC system registers directly (virtualised by hardware); SGI generation
 * traps (ICC_SGI1R_EL1) and is emulated.
 */
#ifndef ASM_ARM_VGIC_H
#define ASM_ARM_VGIC_H

#include <xen/list.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct domain;
struct vcpu;

#define VGIC_NR_PRIVATE_IRQS 32
#define VGIC_MAX_RDIST_REGIONS 4
#define VGIC_MAX_LRS 16

/* SPIs a domain can have: INTIDs 32 to 1019. */
#define VGIC_MAX_SPIS   (1020u - 32u)

struct vgic_irq {
    uint32_t intid;
    uint8_t priority;
    bool enabled;
    bool edge;              /* trigger from ICFGR */
    bool pending;           /* latched: raised, or ISPENDR; see vgic.c */
    bool line_level;        /* level irqs: the line as the source last set it */
    bool line_tracked;      /* ... and the source lowers it too (see vgic.c) */
    bool active;            /* the guest acked it and has not EOIed */
    bool raised_in_lr;      /* level: raised again while an LR held it */
    int lr;                 /* list register holding it, or -1 */
    uint32_t hw_intid;      /* physical interrupt it forwards, or 0 */
    struct vcpu *target;    /* SPI: from IROUTER; private: the owner */
    uint64_t irouter;
    struct list_head ap_list;  /* on target's ap_list while pending/active */
};

struct vgic_cpu {
    struct vgic_irq private_irqs[VGIC_NR_PRIVATE_IRQS];
    struct list_head ap_list;       /* pending or active, by priority */
    spinlock_t ap_lock;
    paddr_t rdist_base;             /* this vCPU's redistributor frames */
    bool rdist_last;                /* GICR_TYPER.Last */
    uint32_t waker;
    /* Virtual CPU interface state while the vCPU is not running. */
    uint64_t lr[VGIC_MAX_LRS];
    unsigned int used_lrs;
    uint64_t vmcr;
    uint64_t ap0r[4], ap1r[4];
};

struct vgic_dist {
    spinlock_t lock;
    uint32_t ctlr;
    unsigned int nr_spis;
    struct vgic_irq *spis;
    paddr_t dbase;
    unsigned int nr_rdist_regions;
    struct {
        paddr_t base, size;
        unsigned int first_vcpu;
    } rdist_regions[VGIC_MAX_RDIST_REGIONS];
};

int vgic_domain_init(struct domain *d, unsigned int nr_spis);
void vgic_domain_destroy(struct domain *d);
int vgic_vcpu_init(struct vcpu *v);
/*
 * Where the guest finds the distributor and redistributors: dom0 sees the
 * host's addresses, domUs the fixed guest map.  Registers the MMIO handlers.
 */
int vgic_set_layout(struct domain *d, paddr_t dbase, unsigned int nr_regions,
                    const paddr_t *rbase, const paddr_t *rsize);

/* Raises (level=true) or lowers an interrupt; v names the owner of a private one. */
void vgic_inject_irq(struct domain *d, struct vcpu *v, unsigned int intid,
                     bool level);
/* Forwards physical SPI hw_intid to d as intid (the guest's EOI ends it). */
int vgic_connect_hw_irq(struct domain *d, unsigned int intid,
                        unsigned int hw_intid);

/* Around guest execution on this pCPU (interrupts off). */
void vgic_sync_from_lrs(struct vcpu *v);
void vgic_flush_lrs(struct vcpu *v);
void vgic_save_state(struct vcpu *v);
void vgic_restore_state(struct vcpu *v);

/* An interrupt the guest would take is pending (ends a WFI). */
bool vgic_vcpu_pending_irq(const struct vcpu *v);

/* One interrupt's state, for the debug keys. */
void vgic_dump_irq(struct vcpu *v, unsigned int intid);
/* v's virtual CPU interface and the interrupts on its ap_list. */
void vgic_dump_vcpu(struct vcpu *v);

/* A trapped write to ICC_SGI1R_EL1 (or ASGI1R/SGI0R). */
void vgic_emulate_sgi(struct vcpu *v, uint64_t sgir);

#endif
