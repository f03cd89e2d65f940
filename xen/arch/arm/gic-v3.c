/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The physical GICv3: distributor, one redistributor per pCPU, the ICC
 * system-register CPU interface, and the ICH virtual interface registers
 * the vGIC uses.  EOImode=1: acknowledging drops the priority, and
 * deactivation happens separately — by us for our own interrupts, by the
 * guest (through a hardware-linked list register) for forwarded ones.
 */
#include <xen/fdt.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <asm/gic.h>
#include <asm/irq.h>
#include <asm/mm.h>
#include <asm/sysregs.h>

/* Distributor. */
#define GICD_CTLR           0x0000
#define  GICD_CTLR_RWP      (1u << 31)
#define  GICD_CTLR_ARE      (1u << 4)
#define  GICD_CTLR_ENGRP1   (1u << 1)
#define GICD_TYPER          0x0004
#define GICD_IGROUPR        0x0080
#define GICD_ISENABLER      0x0100
#define GICD_ICENABLER      0x0180
#define GICD_ICPENDR        0x0280
#define GICD_ICACTIVER      0x0380
#define GICD_IPRIORITYR     0x0400
#define GICD_ICFGR          0x0c00
#define GICD_IROUTER        0x6000

/* Redistributor: RD_base frame, then SGI_base frame 64 KiB later. */
#define GICR_WAKER          0x0014
#define  WAKER_PROC_SLEEP   (1u << 1)
#define  WAKER_CHILD_ASLEEP (1u << 2)
#define GICR_TYPER          0x0008
#define  GICR_TYPER_VLPIS   (1u << 1)
#define  GICR_TYPER_LAST    (1u << 4)
#define GICR_SGI            0x10000
#define GICR_IGROUPR0       (GICR_SGI + 0x0080)
#define GICR_ISENABLER0     (GICR_SGI + 0x0100)
#define GICR_ICENABLER0     (GICR_SGI + 0x0180)
#define GICR_ICACTIVER0     (GICR_SGI + 0x0380)
#define GICR_IPRIORITYR0    (GICR_SGI + 0x0400)
#define GICR_ICFGR1         (GICR_SGI + 0x0c04)

#define IRQ_PRIO_DEFAULT    0xa0
#define IRQ_PRIO_IPI        0x90

/* ICC / ICH system registers by encoding (not every assembler names them). */
#define ICC_IAR1_EL1        S3_0_C12_C12_0
#define ICC_EOIR1_EL1       S3_0_C12_C12_1
#define ICC_DIR_EL1         S3_0_C12_C11_1
#define ICC_SGI1R_EL1       S3_0_C12_C11_5
#define ICC_PMR_EL1         S3_0_C4_C6_0
#define ICC_BPR1_EL1        S3_0_C12_C12_3
#define ICC_CTLR_EL1        S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1     S3_0_C12_C12_7
#define ICC_SRE_EL2         S3_4_C12_C9_5
#define ICH_HCR_EL2         S3_4_C12_C11_0
#define ICH_VTR_EL2         S3_4_C12_C11_1
#define ICH_MISR_EL2        S3_4_C12_C11_2
#define ICH_ELRSR_EL2       S3_4_C12_C11_5

struct gic_info gic;
static volatile uint8_t *gicd;
static DEFINE_SPINLOCK(gicd_lock);
/* Each pCPU's redistributor (RD_base); per-CPU data is zeroed, fine. */
static DEFINE_PER_CPU(volatile uint8_t *, gicr);
static uint64_t cpu_mpidr[NR_CPUS];

static inline uint32_t rd32(volatile uint8_t *b, unsigned int off)
{
    return *(volatile uint32_t *)(b + off);
}

static inline void wr32(volatile uint8_t *b, unsigned int off, uint32_t v)
{
    *(volatile uint32_t *)(b + off) = v;
}

static inline void wr64(volatile uint8_t *b, unsigned int off, uint64_t v)
{
    *(volatile uint64_t *)(b + off) = v;
}

static void gicd_wait_rwp(void)
{
    while ( rd32(gicd, GICD_CTLR) & GICD_CTLR_RWP )
        cpu_relax();
}

static bool is_local(unsigned int irq)
{
    return irq < NR_GIC_LOCAL_IRQS;
}

/* Banked registers: the redistributor for SGI/PPIs, else the distributor. */
static void write_irq_bit(unsigned int irq, unsigned int dist_reg,
                          unsigned int rdist_reg)
{
    if ( is_local(irq) )
        wr32(this_cpu(gicr), rdist_reg, 1u << irq);
    else
        wr32(gicd, dist_reg + (irq / 32) * 4, 1u << (irq % 32));
}

void gic_irq_enable(unsigned int irq)
{
    write_irq_bit(irq, GICD_ISENABLER, GICR_ISENABLER0);
}

void gic_irq_disable(unsigned int irq)
{
    write_irq_bit(irq, GICD_ICENABLER, GICR_ICENABLER0);
}

void gic_irq_set_priority(unsigned int irq, uint8_t prio)
{
    volatile uint8_t *p = is_local(irq) ?
        this_cpu(gicr) + GICR_IPRIORITYR0 + irq :
        gicd + GICD_IPRIORITYR + irq;

    *p = prio;
}

void gic_irq_set_type(unsigned int irq, bool edge)
{
    volatile uint8_t *base = is_local(irq) ? this_cpu(gicr) : gicd;
    unsigned int reg = is_local(irq) ? GICR_ICFGR1 : GICD_ICFGR + (irq / 16) * 4;
    unsigned int shift = (irq % 16) * 2 + 1;
    unsigned long flags;
    uint32_t v;

    if ( irq < NR_GIC_SGI )
        return;
    spin_lock_irqsave(&gicd_lock, flags);
    v = rd32(base, reg);
    v = edge ? v | (1u << shift) : v & ~(1u << shift);
    wr32(base, reg, v);
    spin_unlock_irqrestore(&gicd_lock, flags);
}

void gic_irq_set_affinity(unsigned int irq, unsigned int cpu)
{
    if ( is_local(irq) || cpu >= NR_CPUS )
        return;
    wr64(gicd, GICD_IROUTER + irq * 8, cpu_mpidr[cpu] & MPIDR_AFF_MASK);
}

void gic_irq_deactivate(unsigned int irq)
{
    WRITE_SYSREG(irq, ICC_DIR_EL1);
    isb();
}

void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
    uint64_t mpidr = cpu_mpidr[cpu];
    uint64_t val = ((uint64_t)sgi << 24) |
                   (1UL << (mpidr & 0xf)) |               /* TargetList */
                   (((mpidr >> 8) & 0xff) << 16) |        /* Aff1 */
                   (((mpidr >> 16) & 0xff) << 32) |       /* Aff2 */
                   (((mpidr >> 32) & 0xff) << 48);        /* Aff3 */

    dsb(ishst);
    WRITE_SYSREG(val, ICC_SGI1R_EL1);
    isb();
}

void gic_interrupt(void)
{
    for ( ;; ) {
        uint64_t iar = READ_SYSREG(ICC_IAR1_EL1);
        unsigned int irq = iar & 0xffffff;

        if ( irq >= GIC_SPURIOUS_FIRST && irq < 1024 )
            break;
        WRITE_SYSREG(iar, ICC_EOIR1_EL1);   /* priority drop only */
        isb();
        do_irq(irq);
    }
}

/* The virtual CPU interface. */
#define LR_READ(n)  case n: return READ_SYSREG(S3_4_C12_C12_##n)
#define LR_READH(n, m) case n: return READ_SYSREG(S3_4_C12_C13_##m)
uint64_t gic_read_lr(unsigned int n)
{
    switch ( n ) {
    LR_READ(0); LR_READ(1); LR_READ(2); LR_READ(3);
    LR_READ(4); LR_READ(5); LR_READ(6); LR_READ(7);
    LR_READH(8, 0); LR_READH(9, 1); LR_READH(10, 2); LR_READH(11, 3);
    LR_READH(12, 4); LR_READH(13, 5); LR_READH(14, 6); LR_READH(15, 7);
    }
    return 0;
}

#define LR_WRITE(n)  case n: WRITE_SYSREG(val, S3_4_C12_C12_##n); break
#define LR_WRITEH(n, m) case n: WRITE_SYSREG(val, S3_4_C12_C13_##m); break
void gic_write_lr(unsigned int n, uint64_t val)
{
    switch ( n ) {
    LR_WRITE(0); LR_WRITE(1); LR_WRITE(2); LR_WRITE(3);
    LR_WRITE(4); LR_WRITE(5); LR_WRITE(6); LR_WRITE(7);
    LR_WRITEH(8, 0); LR_WRITEH(9, 1); LR_WRITEH(10, 2); LR_WRITEH(11, 3);
    LR_WRITEH(12, 4); LR_WRITEH(13, 5); LR_WRITEH(14, 6); LR_WRITEH(15, 7);
    }
}

uint64_t gic_read_elrsr(void)
{
    return READ_SYSREG(ICH_ELRSR_EL2);
}

void gic_write_hcr(uint64_t val)
{
    WRITE_SYSREG(val, ICH_HCR_EL2);
    isb();
}

uint64_t gic_read_misr(void)
{
    return READ_SYSREG(ICH_MISR_EL2);
}

static void gicv3_dist_init(void)
{
    unsigned int i;

    wr32(gicd, GICD_CTLR, 0);
    gicd_wait_rwp();
    gic.nr_lines = min(32 * ((rd32(gicd, GICD_TYPER) & 0x1f) + 1), 1020u);

    for ( i = NR_GIC_LOCAL_IRQS; i < gic.nr_lines; i += 32 ) {
        wr32(gicd, GICD_IGROUPR + i / 8, ~0u);      /* all group 1 */
        wr32(gicd, GICD_ICENABLER + i / 8, ~0u);
        wr32(gicd, GICD_ICPENDR + i / 8, ~0u);
        wr32(gicd, GICD_ICACTIVER + i / 8, ~0u);
    }
    for ( i = NR_GIC_LOCAL_IRQS; i < gic.nr_lines; i += 16 )
        wr32(gicd, GICD_ICFGR + i / 4, 0);         /* level */
    for ( i = NR_GIC_LOCAL_IRQS; i < gic.nr_lines; i += 4 )
        wr32(gicd, GICD_IPRIORITYR + i, IRQ_PRIO_DEFAULT * 0x01010101u);
    for ( i = NR_GIC_LOCAL_IRQS; i < gic.nr_lines; i++ )
        wr64(gicd, GICD_IROUTER + i * 8, cpu_mpidr[0] & MPIDR_AFF_MASK);

    wr32(gicd, GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENGRP1);
    gicd_wait_rwp();
}

/* Finds this pCPU's redistributor by its affinity in GICR_TYPER. */
static volatile uint8_t *find_rdist(uint64_t mpidr)
{
    uint64_t aff = (mpidr & 0xffffff) | ((mpidr >> 8) & 0xff000000);
    unsigned int r;

    for ( r = 0; r < gic.nr_rdist_regions; r++ ) {
        volatile uint8_t *p = ioremap(gic.rdist_base[r], gic.rdist_size[r]);
        volatile uint8_t *end = p + gic.rdist_size[r];

        while ( p && p < end ) {
            uint64_t typer = *(volatile uint64_t *)(p + GICR_TYPER);

            if ( (typer >> 32) == aff )
                return p;
            if ( typer & GICR_TYPER_LAST )
                break;
            p += gic.rdist_stride ? gic.rdist_stride :
                 (typer & GICR_TYPER_VLPIS) ? 0x40000 : 0x20000;
        }
    }
    return NULL;
}

static void gicv3_cpu_init(void)
{
    unsigned int cpu = smp_processor_id();
    volatile uint8_t *rd;
    unsigned int i;

    cpu_mpidr[cpu] = READ_SYSREG(mpidr_el1);
    rd = find_rdist(cpu_mpidr[cpu]);
    if ( !rd )
        panic("GICv3: no redistributor for CPU%u (MPIDR %#lx)\n", cpu,
              (unsigned long)cpu_mpidr[cpu]);
    this_cpu(gicr) = rd;

    wr32(rd, GICR_WAKER, rd32(rd, GICR_WAKER) & ~WAKER_PROC_SLEEP);
    while ( rd32(rd, GICR_WAKER) & WAKER_CHILD_ASLEEP )
        cpu_relax();

    wr32(rd, GICR_IGROUPR0, ~0u);
    wr32(rd, GICR_ICACTIVER0, ~0u);
    wr32(rd, GICR_ICENABLER0, 0xffff0000u);         /* PPIs off until wanted */
    wr32(rd, GICR_ISENABLER0, 0x0000ffffu);         /* SGIs on */
    for ( i = 0; i < NR_GIC_LOCAL_IRQS; i += 4 )
        wr32(rd, GICR_IPRIORITYR0 + i,
             (i < NR_GIC_SGI ? IRQ_PRIO_IPI : IRQ_PRIO_DEFAULT) * 0x01010101u);

    /* System-register interface, also for EL1 (the guests). */
    WRITE_SYSREG(READ_SYSREG(ICC_SRE_EL2) | 0x9, ICC_SRE_EL2);   /* SRE|Enable */
    isb();
    WRITE_SYSREG(0xff, ICC_PMR_EL1);
    WRITE_SYSREG(0, ICC_BPR1_EL1);
    WRITE_SYSREG(1u << 1, ICC_CTLR_EL1);                         /* EOImode */
    WRITE_SYSREG(1, ICC_IGRPEN1_EL1);
    isb();

    gic_write_hcr(0);
    for ( i = 0; i < gic.nr_lrs; i++ )
        gic_write_lr(i, 0);
}

static int gicv3_parse_dt(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
    uint32_t nr_regions = 1, stride = 0;
    unsigned int i;

    if ( node < 0 )
        return -1;
    gic.node = node;
    gic.phandle = fdt_get_phandle(fdt, node);
    if ( fdt_get_reg(fdt, node, 0, &gic.dist_base, &gic.dist_size) )
        return -1;
    fdt_getprop_u32(fdt, node, "#redistributor-regions", &nr_regions);
    if ( !fdt_getprop_u32(fdt, node, "redistributor-stride", &stride) )
        gic.rdist_stride = stride;
    if ( nr_regions < 1 || nr_regions > ARRAY_SIZE(gic.rdist_base) )
        return -1;
    gic.nr_rdist_regions = nr_regions;
    for ( i = 0; i < nr_regions; i++ )
        if ( fdt_get_reg(fdt, node, 1 + i, &gic.rdist_base[i],
                         &gic.rdist_size[i]) )
            return -1;
    return 0;
}

/*
 * List registers need refilling or a level interrupt re-presenting: the
 * exit this interrupt caused resyncs the vGIC, nothing else to do.
 */
static void maintenance_interrupt(unsigned int irq, void *dev)
{
}

void gic_init(const void *fdt)
{
    if ( gicv3_parse_dt(fdt) )
        panic("No usable GICv3 in the device tree (only GICv3 is supported)\n");
    gicd = ioremap(gic.dist_base, gic.dist_size);
    if ( !gicd )
        panic("GICv3: cannot map the distributor\n");
    cpu_mpidr[0] = READ_SYSREG(mpidr_el1);
    gic.nr_lrs = (READ_SYSREG(ICH_VTR_EL2) & 0x1f) + 1;
    gicv3_dist_init();
    gicv3_cpu_init();
    if ( request_irq(GIC_PPI_MAINTENANCE, maintenance_interrupt, "gic-maint", NULL) )
        panic("GICv3: cannot take the maintenance interrupt\n");
    printk("GICv3: %u lines, %u redistributor region(s), %u list registers\n",
           gic.nr_lines, gic.nr_rdist_regions, gic.nr_lrs);
}

void gic_init_secondary_cpu(void)
{
    gicv3_cpu_init();
    gic_irq_enable(GIC_PPI_MAINTENANCE);
}
