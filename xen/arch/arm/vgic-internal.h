/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to the vGIC (vgic.c: interrupt state; vgic-v3.c: MMIO emulation).
 *
 * The first half is pure: register maps, field packing, SGI and affinity
 * decoding and the list-register rules.  It needs nothing but <xen/types.h>
 * so that host unit tests (tools/tests/xen/test-vgic.c) can include it as
 * is.  The second half is the interface between the two .c files.
 */
#ifndef ARCH_ARM_VGIC_INTERNAL_H
#define ARCH_ARM_VGIC_INTERNAL_H

#include <xen/types.h>

/* ---- Layout ----------------------------------------------------------- */

#define VGIC_FRAME_SIZE         0x10000u    /* one 64 KiB register frame */
#define VGIC_RDIST_STRIDE       0x20000u    /* RD_base + SGI_base, no VLPI */

/* Distributor */
#define GICD_CTLR               0x0000
#define GICD_TYPER              0x0004
#define GICD_IIDR               0x0008
#define GICD_TYPER2             0x000c
#define GICD_STATUSR            0x0010
#define GICD_SETSPI_NSR         0x0040
#define GICD_IGROUPR            0x0080
#define GICD_ISENABLER          0x0100
#define GICD_ICENABLER          0x0180
#define GICD_ISPENDR            0x0200
#define GICD_ICPENDR            0x0280
#define GICD_ISACTIVER          0x0300
#define GICD_ICACTIVER          0x0380
#define GICD_IPRIORITYR         0x0400
#define GICD_ITARGETSR          0x0800
#define GICD_ICFGR              0x0c00
#define GICD_IGRPMODR           0x0d00
#define GICD_NSACR              0x0e00
#define GICD_SGIR               0x0f00
#define GICD_CPENDSGIR          0x0f10
#define GICD_SPENDSGIR          0x0f20
#define GICD_INMIR              0x0f80
#define GICD_IROUTER            0x6000
#define GICD_IDREGS             0xffd0      /* PIDR4 .. CIDR3 */
#define GICD_PIDR2              0xffe8

#define GICD_CTLR_ENABLE_G0     (1u << 0)
#define GICD_CTLR_ENABLE_G1     (1u << 1)
#define GICD_CTLR_ARE           (1u << 4)
#define GICD_CTLR_DS            (1u << 6)

#define GICD_IROUTER_IRM        (1ULL << 31)
#define GICD_IROUTER_MASK       0xff80ffffffULL  /* Aff3, IRM, Aff2..Aff0 */

/* Redistributor, RD_base frame */
#define GICR_CTLR               0x0000
#define GICR_IIDR               0x0004
#define GICR_TYPER              0x0008
#define GICR_STATUSR            0x0010
#define GICR_WAKER              0x0014
#define GICR_MPAMIDR            0x0018
#define GICR_SETLPIR            0x0040
#define GICR_PROPBASER          0x0070
#define GICR_INVLPIR            0x00a0
#define GICR_SYNCR              0x00c0
#define GICR_PIDR2              0xffe8

#define GICR_TYPER_LAST         (1ULL << 4)
#define GICR_WAKER_SLEEP        (1u << 1)   /* ProcessorSleep */
#define GICR_WAKER_ASLEEP       (1u << 2)   /* ChildrenAsleep */

/*
 * Redistributor, SGI_base frame: the per-interrupt registers sit at the
 * distributor's offsets and cover interrupts 0-31 only.
 */

/* Arm as implementer, product 0: matches no Linux GICv3 quirk. */
#define VGIC_IIDR               0x0000043bu

/* ---- Register maps ---------------------------------------------------- */

enum vgic_reg_id {
    VREG_RAZ_WI,        /* architected but not implemented here */
    VREG_CTLR,
    VREG_TYPER,
    VREG_IIDR,
    VREG_WAKER,
    VREG_ID,            /* PIDRn / CIDRn */
    /* One field per interrupt: */
    VREG_IGROUPR,
    VREG_ISENABLER,
    VREG_ICENABLER,
    VREG_ISPENDR,
    VREG_ICPENDR,
    VREG_ISACTIVER,
    VREG_ICACTIVER,
    VREG_IPRIORITYR,
    VREG_ICFGR,
    VREG_IROUTER,
};

struct vgic_reg {
    uint16_t start;     /* frame offset of the first byte */
    uint16_t len;       /* bytes covered (all instances of the register) */
    uint8_t bits;       /* bits per interrupt; 0 if not a per-irq register */
    uint8_t sizes;      /* permitted access sizes: OR of 1, 2, 4, 8 */
    uint8_t id;         /* enum vgic_reg_id */
};

#define VREG(s, l, b, sz, i)    { (s), (l), (b), (sz), (i) }

static inline const struct vgic_reg *vgic_find_reg(const struct vgic_reg *t,
                                                   unsigned int n,
                                                   uint32_t off)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        if ( off >= t[i].start && off - t[i].start < t[i].len )
            return &t[i];
    return NULL;
}

/* The distributor frame; NULL for an offset no register occupies. */
static inline const struct vgic_reg *vgic_dist_reg(uint32_t off)
{
    static const struct vgic_reg map[] = {
        VREG(GICD_CTLR,       4,      0,  4,     VREG_CTLR),
        VREG(GICD_TYPER,      4,      0,  4,     VREG_TYPER),
        VREG(GICD_IIDR,       4,      0,  4,     VREG_IIDR),
        VREG(GICD_TYPER2,     4,      0,  4,     VREG_RAZ_WI),
        VREG(GICD_STATUSR,    4,      0,  4,     VREG_RAZ_WI),
        /* SETSPI/CLRSPI: only with GICD_TYPER.MBIS, which we do not set. */
        VREG(GICD_SETSPI_NSR, 0x20,   0,  4,     VREG_RAZ_WI),
        VREG(GICD_IGROUPR,    0x80,   1,  4,     VREG_IGROUPR),
        VREG(GICD_ISENABLER,  0x80,   1,  4,     VREG_ISENABLER),
        VREG(GICD_ICENABLER,  0x80,   1,  4,     VREG_ICENABLER),
        VREG(GICD_ISPENDR,    0x80,   1,  4,     VREG_ISPENDR),
        VREG(GICD_ICPENDR,    0x80,   1,  4,     VREG_ICPENDR),
        VREG(GICD_ISACTIVER,  0x80,   1,  4,     VREG_ISACTIVER),
        VREG(GICD_ICACTIVER,  0x80,   1,  4,     VREG_ICACTIVER),
        VREG(GICD_IPRIORITYR, 0x400,  8,  1 | 4, VREG_IPRIORITYR),
        /* With affinity routing these are all RAZ/WI. */
        VREG(GICD_ITARGETSR,  0x400,  0,  1 | 4, VREG_RAZ_WI),
        VREG(GICD_ICFGR,      0x100,  2,  4,     VREG_ICFGR),
        VREG(GICD_IGRPMODR,   0x80,   0,  4,     VREG_RAZ_WI),
        VREG(GICD_NSACR,      0x100,  0,  4,     VREG_RAZ_WI),
        VREG(GICD_SGIR,       4,      0,  4,     VREG_RAZ_WI),
        VREG(GICD_CPENDSGIR,  0x10,   0,  1 | 4, VREG_RAZ_WI),
        VREG(GICD_SPENDSGIR,  0x10,   0,  1 | 4, VREG_RAZ_WI),
        VREG(GICD_INMIR,      0x80,   0,  4,     VREG_RAZ_WI),
        VREG(GICD_IROUTER,    0x2000, 64, 4 | 8, VREG_IROUTER),
        VREG(GICD_IDREGS,     0x30,   0,  4,     VREG_ID),
    };

    return vgic_find_reg(map, sizeof(map) / sizeof(map[0]), off);
}

/* A redistributor's RD_base frame. */
static inline const struct vgic_reg *vgic_rd_reg(uint32_t off)
{
    static const struct vgic_reg map[] = {
        VREG(GICR_CTLR,       4,      0,  4,     VREG_RAZ_WI),
        VREG(GICR_IIDR,       4,      0,  4,     VREG_IIDR),
        VREG(GICR_TYPER,      8,      0,  4 | 8, VREG_TYPER),
        VREG(GICR_STATUSR,    4,      0,  4,     VREG_RAZ_WI),
        VREG(GICR_WAKER,      4,      0,  4,     VREG_WAKER),
        VREG(GICR_MPAMIDR,    8,      0,  4,     VREG_RAZ_WI),
        /* LPI registers: GICR_TYPER.PLPIS is 0. */
        VREG(GICR_SETLPIR,    0x10,   0,  4 | 8, VREG_RAZ_WI),
        VREG(GICR_PROPBASER,  0x10,   0,  4 | 8, VREG_RAZ_WI),
        VREG(GICR_INVLPIR,    0x18,   0,  4 | 8, VREG_RAZ_WI),
        VREG(GICR_SYNCR,      4,      0,  4,     VREG_RAZ_WI),
        VREG(GICD_IDREGS,     0x30,   0,  4,     VREG_ID),
    };

    return vgic_find_reg(map, sizeof(map) / sizeof(map[0]), off);
}

/* A redistributor's SGI_base frame (offsets relative to that frame). */
static inline const struct vgic_reg *vgic_sgi_reg(uint32_t off)
{
    static const struct vgic_reg map[] = {
        VREG(GICD_IGROUPR,    4,      1,  4,     VREG_IGROUPR),
        VREG(GICD_ISENABLER,  4,      1,  4,     VREG_ISENABLER),
        VREG(GICD_ICENABLER,  4,      1,  4,     VREG_ICENABLER),
        VREG(GICD_ISPENDR,    4,      1,  4,     VREG_ISPENDR),
        VREG(GICD_ICPENDR,    4,      1,  4,     VREG_ICPENDR),
        VREG(GICD_ISACTIVER,  4,      1,  4,     VREG_ISACTIVER),
        VREG(GICD_ICACTIVER,  4,      1,  4,     VREG_ICACTIVER),
        VREG(GICD_IPRIORITYR, 0x20,   8,  1 | 4, VREG_IPRIORITYR),
        VREG(GICD_ICFGR,      8,      2,  4,     VREG_ICFGR),
        VREG(GICD_IGRPMODR,   4,      0,  4,     VREG_RAZ_WI),
        VREG(GICD_NSACR,      4,      0,  4,     VREG_RAZ_WI),
        VREG(GICD_INMIR,      4,      0,  4,     VREG_RAZ_WI),
    };

    return vgic_find_reg(map, sizeof(map) / sizeof(map[0]), off);
}

#undef VREG

/* Architecturally sized and naturally aligned for this register? */
static inline bool vgic_reg_access_ok(const struct vgic_reg *r, uint32_t off,
                                      unsigned int size)
{
    if ( size != 1 && size != 2 && size != 4 && size != 8 )
        return false;
    return (r->sizes & size) && !(off & (size - 1));
}

/* The first interrupt an access to per-irq register r at off covers ... */
static inline unsigned int vgic_reg_first_irq(const struct vgic_reg *r,
                                              uint32_t off)
{
    return (off - r->start) * 8 / r->bits;
}

/* ... and how many (a 32-bit half of an IROUTER still covers one). */
static inline unsigned int vgic_reg_nr_irqs(const struct vgic_reg *r,
                                            unsigned int size)
{
    return r->bits >= size * 8 ? 1 : size * 8 / r->bits;
}

static inline uint64_t vgic_field_mask(unsigned int bits)
{
    return bits >= 64 ? ~0ULL : (1ULL << bits) - 1;
}

/* Field i of a register value holding bits-wide fields. */
static inline uint64_t vgic_field_get(uint64_t val, unsigned int i,
                                      unsigned int bits)
{
    return (val >> (i * bits)) & vgic_field_mask(bits);
}

static inline uint64_t vgic_field_put(unsigned int i, unsigned int bits,
                                      uint64_t field)
{
    return (field & vgic_field_mask(bits)) << (i * bits);
}

/* The size bytes of a 64-bit register that an access at off sees. */
static inline uint64_t vgic_reg64_extract(uint64_t reg, uint32_t off,
                                          unsigned int size)
{
    if ( size >= 8 )
        return reg;
    return (reg >> ((off & 7) * 8)) & vgic_field_mask(size * 8);
}

/* Which bits of a 64-bit register an access of size at off writes. */
static inline uint64_t vgic_reg64_mask(uint32_t off, unsigned int size)
{
    if ( size >= 8 )
        return ~0ULL;
    return vgic_field_mask(size * 8) << ((off & 7) * 8);
}

/* val as written at off, moved to its place in the 64-bit register. */
static inline uint64_t vgic_reg64_place(uint64_t val, uint32_t off,
                                        unsigned int size)
{
    if ( size >= 8 )
        return val;
    return (val & vgic_field_mask(size * 8)) << ((off & 7) * 8);
}

/* ---- Identification --------------------------------------------------- */

static inline uint32_t vgic_gicd_typer(unsigned int nr_spis,
                                       unsigned int nr_vcpus)
{
    unsigned int lines = nr_spis + 32;
    unsigned int cpus = nr_vcpus < 1 ? 1 : nr_vcpus > 8 ? 8 : nr_vcpus;

    return ((lines + 31) / 32 - 1)      /* ITLinesNumber */
           | ((cpus - 1) << 5)          /* CPUNumber (unused with ARE) */
           | (15u << 19);               /* IDbits: 16-bit INTIDs */
    /* No ESPI, no LPIs, no MBIS, SecurityExtn 0 (one security state). */
}

/* PIDR0-7 and CIDR0-3 as a GIC-500 reports them; ArchRev 3 in PIDR2. */
static inline uint32_t vgic_id_reg(uint32_t off, bool rdist)
{
    switch ( off ) {
    case 0xffd0: return 0x04;                   /* PIDR4 */
    case 0xffe0: return rdist ? 0x93 : 0x92;    /* PIDR0 */
    case 0xffe4: return 0xb4;                   /* PIDR1 */
    case 0xffe8: return 0x3b;                   /* PIDR2: GICv3 */
    case 0xfff0: return 0x0d;                   /* CIDR0 */
    case 0xfff4: return 0xf0;
    case 0xfff8: return 0x05;
    case 0xfffc: return 0xb1;
    }
    return 0;
}

/* Aff3.Aff2.Aff1.Aff0 packed in 32 bits, from an MPIDR or an IROUTER. */
static inline uint32_t vgic_aff32(uint64_t mpidr)
{
    return (uint32_t)(mpidr & 0xffffff) | (uint32_t)((mpidr >> 8) & 0xff000000);
}

/* The affinity our vCPUs get: Aff0 = id & 0xf, Aff1 = id >> 4. */
static inline uint32_t vgic_vcpuid_to_aff32(unsigned int id)
{
    return ((id >> 4) & 0xff) << 8 | (id & 0xf);
}

/* The inverse, or -1 for an affinity that scheme never produces. */
static inline int vgic_aff32_to_vcpuid(uint32_t aff)
{
    if ( (aff & 0xffff00f0u) )
        return -1;
    return (int)(((aff >> 8) & 0xff) << 4 | (aff & 0xf));
}

static inline uint64_t vgic_gicr_typer(uint64_t vmpidr, unsigned int proc,
                                       bool last)
{
    /* No PLPIS/VLPIS/DirectLPI; PPInum 0: the 16 architected PPIs. */
    return (uint64_t)vgic_aff32(vmpidr) << 32 |
           (uint64_t)(proc & 0xffff) << 8 |
           (last ? GICR_TYPER_LAST : 0);
}

/* ---- SGI generation (ICC_SGI1R_EL1 and friends) ----------------------- */

struct vgic_sgi_req {
    unsigned int intid;
    bool broadcast;         /* IRM: every vCPU but the sender */
    uint32_t aff;           /* Aff3.Aff2.Aff1 of the targets, Aff0 = RS * 16 */
    uint16_t targets;       /* TargetList: bit n is Aff0 = (aff & 0xff) + n */
};

static inline void vgic_decode_sgir(uint64_t sgir, struct vgic_sgi_req *r)
{
    r->intid = (sgir >> 24) & 0xf;
    r->broadcast = (sgir >> 40) & 1;
    r->targets = sgir & 0xffff;
    r->aff = (uint32_t)((sgir >> 48) & 0xff) << 24 |     /* Aff3 */
             (uint32_t)((sgir >> 32) & 0xff) << 16 |     /* Aff2 */
             (uint32_t)((sgir >> 16) & 0xff) << 8 |      /* Aff1 */
             (uint32_t)((sgir >> 44) & 0xf) << 4;        /* RS */
}

/* ---- List registers --------------------------------------------------- */

/* ICH_LR<n>_EL2, as in asm/gic.h (vgic.c checks they agree). */
#define VGIC_LR_PINTID_SHIFT    32
#define VGIC_LR_EOI             (1ULL << 41)    /* maintenance IRQ on EOI, HW=0 */
#define VGIC_LR_PRIO_SHIFT      48
#define VGIC_LR_GROUP1          (1ULL << 60)
#define VGIC_LR_HW              (1ULL << 61)
#define VGIC_LR_PENDING         (1ULL << 62)
#define VGIC_LR_ACTIVE          (1ULL << 63)

static inline uint64_t vgic_lr_encode(uint32_t intid, uint8_t prio,
                                      bool pending, bool active,
                                      uint32_t hw_intid, bool eoi_maint)
{
    uint64_t lr = intid | VGIC_LR_GROUP1 | (uint64_t)prio << VGIC_LR_PRIO_SHIFT;

    if ( pending )
        lr |= VGIC_LR_PENDING;
    if ( active )
        lr |= VGIC_LR_ACTIVE;
    if ( hw_intid )
        lr |= VGIC_LR_HW | (uint64_t)(hw_intid & 0x3ff) << VGIC_LR_PINTID_SHIFT;
    else if ( eoi_maint )
        lr |= VGIC_LR_EOI;
    return lr;
}

/*
 * The interrupt model (see vgic.c for the why):
 *  - "edge-like" interrupts (edge-triggered, or forwarded from hardware,
 *    whose line the physical GIC tracks) are pending while latched;
 *  - a level-triggered virtual interrupt is pending while latched (each
 *    raise latches until the guest acknowledges it) or, if its source
 *    reports both edges, while its line is high.
 */
static inline bool vgic_state_pending(bool edge_like, bool latch,
                                      bool line_held)
{
    return latch || (!edge_like && line_held);
}

/*
 * What a list register read back says about the latch.  Writing an
 * edge-like interrupt as pending moved its latch into the LR, so a pending
 * LR puts it back (a new edge meanwhile left it set anyway).  A level
 * interrupt's latch stayed set; the guest's acknowledge consumes it.
 */
static inline bool vgic_fold_latch(bool edge_like, bool latch,
                                   bool raised_in_lr, uint64_t lr)
{
    bool lr_pending = lr & VGIC_LR_PENDING;

    if ( edge_like )
        return latch || lr_pending;
    /* The latch is the instance in the LR; a raise meanwhile is a new one. */
    return (latch && lr_pending) || raised_in_lr;
}

/* Whether the pending state goes in the LR alongside the active state. */
static inline bool vgic_lr_may_pend(bool hw, bool active)
{
    /* The physical GIC keeps a forwarded irq's next instance: never P+A. */
    return !(hw && active);
}

/* ---- Between vgic.c and vgic-v3.c -------------------------------------- */

struct domain;
struct vcpu;
struct vgic_irq;

/* An SPI (v ignored) or one of v's private interrupts; NULL if none. */
struct vgic_irq *vgic_get_irq(struct domain *d, struct vcpu *v,
                              unsigned int intid);
struct vcpu *vgic_vcpu_by_aff(struct domain *d, uint32_t aff);

/* Guest-visible state, as the ISPENDR & co. read it (unlocked snapshot). */
bool vgic_irq_is_pending(const struct vgic_irq *irq);

/* Guest writes to the distributor / redistributor. */
void vgic_irq_set_enabled(struct domain *d, struct vgic_irq *irq, bool on);
void vgic_irq_set_pending(struct domain *d, struct vgic_irq *irq, bool on);
void vgic_irq_set_active(struct domain *d, struct vgic_irq *irq, bool on);
void vgic_irq_set_priority(struct domain *d, struct vgic_irq *irq,
                           uint8_t prio);
void vgic_irq_set_edge(struct domain *d, struct vgic_irq *irq, bool edge);
/* Replaces the bits of IROUTER in mask with those of val. */
void vgic_irq_set_irouter(struct domain *d, struct vgic_irq *irq,
                          uint64_t val, uint64_t mask);
void vgic_dist_set_ctlr(struct domain *d, uint32_t val);

/* vgic-v3.c: records v's redistributor frames once the layout is known. */
void vgic_v3_place_vcpu(struct domain *d, struct vcpu *v);

#endif /* ARCH_ARM_VGIC_INTERNAL_H */
