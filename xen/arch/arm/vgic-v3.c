/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's GICv3 distributor and redistributors: MMIO emulation on top of
 * the interrupt-state core (vgic.c).
 *
 * The guest sees one security state (GICD_CTLR.DS = 1), affinity routing
 * always on (ARE RAO/WI), every interrupt in group 1, no LPIs and no ITS.
 * Registers are looked up in the tables of vgic-internal.h; per-interrupt
 * registers are handled generically, field by field.  An access of the
 * wrong size or alignment for its register aborts (the architecture makes
 * it UNPREDICTABLE; Xen aborts too); an offset no register occupies reads
 * as zero and ignores writes, with a rate-limited debug message.
 *
 * Redistributors: two 64 KiB frames per vCPU, packed from the start of the
 * regions given to vgic_set_layout() in order.  Frames past the last vCPU
 * of a region are RAZ/WI: GICR_PIDR2 reading 0 there, and GICR_TYPER.Last
 * on the last vCPU, are what stop Linux's scan.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/mmio.h>
#include <asm/vgic.h>

#include "vgic-internal.h"

/* ---- Diagnostics ------------------------------------------------------ */

/* Logs the 1st, 2nd, 4th, 8th ... occurrence: a guest cannot flood us. */
static bool vgic_log_ratelimit(void)
{
    static unsigned int count;
    unsigned int n = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);

    return !(n & (n - 1));
}

static void vgic_log_access(const struct vcpu *v, const char *frame,
                            const char *what, uint32_t off,
                            const struct mmio_access *a)
{
    if ( vgic_log_ratelimit() )
        printk(XENLOG_DEBUG "d%uv%u: vGIC: %s %u-byte %s at %s+%#x\n",
               v->domain->domain_id, v->vcpu_id, what, a->size,
               a->is_write ? "write" : "read", frame, off);
}

/* ---- Per-interrupt registers ------------------------------------------ */

/*
 * The interrupt behind field i of an access: the distributor serves SPIs
 * (with ARE its SGI/PPI fields are RAZ/WI), a SGI frame rv's own 0-31.
 */
static struct vgic_irq *mmio_irq(struct domain *d, struct vcpu *rv,
                                 unsigned int intid)
{
    if ( rv )
        return intid < VGIC_NR_PRIVATE_IRQS ? vgic_get_irq(d, rv, intid) : NULL;
    return intid >= VGIC_NR_PRIVATE_IRQS ? vgic_get_irq(d, NULL, intid) : NULL;
}

static uint64_t irq_field_read(uint8_t id, const struct vgic_irq *irq)
{
    switch ( id ) {
    case VREG_IGROUPR:
        return 1;                           /* RAO: all group 1 */
    case VREG_ISENABLER:
    case VREG_ICENABLER:
        return READ_ONCE(irq->enabled);
    case VREG_ISPENDR:
    case VREG_ICPENDR:
        return vgic_irq_is_pending(irq);
    case VREG_ISACTIVER:
    case VREG_ICACTIVER:
        return READ_ONCE(irq->active);
    case VREG_IPRIORITYR:
        return READ_ONCE(irq->priority);
    case VREG_ICFGR:
        return READ_ONCE(irq->edge) ? 2 : 0;   /* Int_config[1]: edge */
    }
    return 0;
}

static uint64_t per_irq_read(struct domain *d, struct vcpu *rv,
                             const struct vgic_reg *r, uint32_t off,
                             unsigned int size)
{
    unsigned int first = vgic_reg_first_irq(r, off);
    unsigned int i, n = vgic_reg_nr_irqs(r, size);
    uint64_t val = 0;

    for ( i = 0; i < n; i++ ) {
        struct vgic_irq *irq = mmio_irq(d, rv, first + i);

        if ( !irq )
            continue;
        if ( r->id == VREG_IROUTER )
            return vgic_reg64_extract(READ_ONCE(irq->irouter), off, size);
        val |= vgic_field_put(i, r->bits, irq_field_read(r->id, irq));
    }
    return val;
}

static void irq_field_write(struct domain *d, struct vgic_irq *irq, uint8_t id,
                            uint64_t field)
{
    switch ( id ) {
    case VREG_ISENABLER:
    case VREG_ICENABLER:
        if ( field )            /* writing 0 has no effect */
            vgic_irq_set_enabled(d, irq, id == VREG_ISENABLER);
        break;
    case VREG_ISPENDR:
    case VREG_ICPENDR:
        if ( field )
            vgic_irq_set_pending(d, irq, id == VREG_ISPENDR);
        break;
    case VREG_ISACTIVER:
    case VREG_ICACTIVER:
        if ( field )
            vgic_irq_set_active(d, irq, id == VREG_ISACTIVER);
        break;
    case VREG_IPRIORITYR:
        vgic_irq_set_priority(d, irq, field);
        break;
    case VREG_ICFGR:
        vgic_irq_set_edge(d, irq, field & 2);   /* SGIs: refused inside */
        break;
    }
    /* IGROUPR: WI. */
}

static void per_irq_write(struct domain *d, struct vcpu *rv,
                          const struct vgic_reg *r, uint32_t off,
                          unsigned int size, uint64_t val)
{
    unsigned int first = vgic_reg_first_irq(r, off);
    unsigned int i, n = vgic_reg_nr_irqs(r, size);

    for ( i = 0; i < n; i++ ) {
        struct vgic_irq *irq = mmio_irq(d, rv, first + i);

        if ( !irq )
            continue;
        if ( r->id == VREG_IROUTER )
            vgic_irq_set_irouter(d, irq, vgic_reg64_place(val, off, size),
                                 vgic_reg64_mask(off, size));
        else
            irq_field_write(d, irq, r->id, vgic_field_get(val, i, r->bits));
    }
}

/* ---- Distributor ------------------------------------------------------ */

/* The register at off, if this access to it is well formed. */
static bool vgic_check(const struct vcpu *v, const char *frame,
                       const struct vgic_reg *r, uint32_t off,
                       const struct mmio_access *a)
{
    if ( !r ) {
        vgic_log_access(v, frame, "RAZ/WI unknown", off, a);
        return false;
    }
    if ( !vgic_reg_access_ok(r, off, a->size) ) {
        vgic_log_access(v, frame, "aborting bad", off, a);
        return false;
    }
    return true;
}

static bool vgic_dist_read(struct vcpu *v, const struct mmio_access *a,
                           uint64_t *val, void *priv)
{
    struct domain *d = v->domain;
    struct vgic_dist *dist = &d->arch.vgic;
    uint32_t off = a->gpa - dist->dbase;
    const struct vgic_reg *r = vgic_dist_reg(off);

    *val = 0;
    if ( !vgic_check(v, "GICD", r, off, a) )
        return !r;
    if ( r->bits ) {
        *val = per_irq_read(d, NULL, r, off, a->size);
        return true;
    }
    switch ( r->id ) {
    case VREG_CTLR:
        /* RWP is never set: every write takes effect at once. */
        *val = READ_ONCE(dist->ctlr) | GICD_CTLR_ARE | GICD_CTLR_DS;
        break;
    case VREG_TYPER:
        *val = vgic_gicd_typer(dist->nr_spis, d->max_vcpus);
        break;
    case VREG_IIDR:
        *val = VGIC_IIDR;
        break;
    case VREG_ID:
        *val = vgic_id_reg(off, false);
        break;
    }
    return true;
}

static bool vgic_dist_write(struct vcpu *v, const struct mmio_access *a,
                            uint64_t val, void *priv)
{
    struct domain *d = v->domain;
    uint32_t off = a->gpa - d->arch.vgic.dbase;
    const struct vgic_reg *r = vgic_dist_reg(off);

    if ( !vgic_check(v, "GICD", r, off, a) )
        return !r;
    if ( r->bits )
        per_irq_write(d, NULL, r, off, a->size, val);
    else if ( r->id == VREG_CTLR )
        vgic_dist_set_ctlr(d, val);
    /* Everything else is read-only or RAZ/WI. */
    return true;
}

static const struct mmio_handler_ops vgic_dist_ops = {
    .read = vgic_dist_read,
    .write = vgic_dist_write,
};

/* ---- Redistributors --------------------------------------------------- */

/* How many vCPUs' frames region r holds. */
static unsigned int rdist_region_vcpus(const struct domain *d, unsigned int r)
{
    const struct vgic_dist *dist = &d->arch.vgic;
    paddr_t cap = dist->rdist_regions[r].size / VGIC_RDIST_STRIDE;
    unsigned int first = dist->rdist_regions[r].first_vcpu;

    if ( first >= d->max_vcpus )
        return 0;
    return min(cap, (paddr_t)(d->max_vcpus - first));
}

void vgic_v3_place_vcpu(struct domain *d, struct vcpu *v)
{
    const struct vgic_dist *dist = &d->arch.vgic;
    unsigned int r;

    for ( r = 0; r < dist->nr_rdist_regions; r++ ) {
        unsigned int first = dist->rdist_regions[r].first_vcpu;
        unsigned int n = rdist_region_vcpus(d, r);

        if ( v->vcpu_id < first || v->vcpu_id - first >= n )
            continue;
        v->arch.vgic.rdist_base = dist->rdist_regions[r].base +
                                  (paddr_t)(v->vcpu_id - first) * VGIC_RDIST_STRIDE;
        v->arch.vgic.rdist_last = v->vcpu_id - first == n - 1;
        return;
    }
}

/* The vCPU whose frames hold offset off of region r, or NULL. */
static struct vcpu *rdist_vcpu(struct domain *d, unsigned int r, paddr_t off)
{
    paddr_t idx = off / VGIC_RDIST_STRIDE;
    unsigned int id;

    if ( r >= d->arch.vgic.nr_rdist_regions || idx >= rdist_region_vcpus(d, r) )
        return NULL;
    id = d->arch.vgic.rdist_regions[r].first_vcpu + idx;
    return id < d->max_vcpus && d->vcpu ? d->vcpu[id] : NULL;
}

static void rd_frame_read(struct vcpu *rv, const struct vgic_reg *r,
                          uint32_t off, unsigned int size, uint64_t *val)
{
    switch ( r->id ) {
    case VREG_IIDR:
        *val = VGIC_IIDR;
        break;
    case VREG_TYPER:
        *val = vgic_reg64_extract(vgic_gicr_typer(rv->arch.vmpidr, rv->vcpu_id,
                                                  rv->arch.vgic.rdist_last),
                                  off, size);
        break;
    case VREG_WAKER:
        *val = READ_ONCE(rv->arch.vgic.waker);
        break;
    case VREG_ID:
        *val = vgic_id_reg(off, true);
        break;
    }
    /* GICR_CTLR reads 0: no LPIs, RWP/UWP never set. */
}

/* Decodes a redistributor access: its vCPU, frame and register. */
static bool rdist_decode(struct vcpu *v, const struct mmio_access *a,
                         void *priv, struct vcpu **rv, uint32_t *off,
                         const struct vgic_reg **r)
{
    struct domain *d = v->domain;
    unsigned int region = (uintptr_t)priv;
    paddr_t roff = a->gpa - d->arch.vgic.rdist_regions[region].base;
    bool sgi;

    *rv = rdist_vcpu(d, region, roff);
    *r = NULL;
    if ( !*rv )
        return false;
    *off = roff % VGIC_RDIST_STRIDE;
    sgi = *off >= VGIC_FRAME_SIZE;
    if ( sgi )
        *off -= VGIC_FRAME_SIZE;
    *r = sgi ? vgic_sgi_reg(*off) : vgic_rd_reg(*off);
    return vgic_check(v, sgi ? "GICR_SGI" : "GICR", *r, *off, a);
}

static bool vgic_rdist_read(struct vcpu *v, const struct mmio_access *a,
                            uint64_t *val, void *priv)
{
    const struct vgic_reg *r;
    struct vcpu *rv;
    uint32_t off;

    *val = 0;
    if ( !rdist_decode(v, a, priv, &rv, &off, &r) )
        return !rv || !r;       /* no redistributor / unknown: RAZ */
    if ( r->bits )
        *val = per_irq_read(v->domain, rv, r, off, a->size);
    else
        rd_frame_read(rv, r, off, a->size, val);
    return true;
}

static bool vgic_rdist_write(struct vcpu *v, const struct mmio_access *a,
                             uint64_t val, void *priv)
{
    const struct vgic_reg *r;
    struct vcpu *rv;
    uint32_t off;

    if ( !rdist_decode(v, a, priv, &rv, &off, &r) )
        return !rv || !r;       /* no redistributor / unknown: WI */
    if ( r->bits )
        per_irq_write(v->domain, rv, r, off, a->size, val);
    else if ( r->id == VREG_WAKER )
        /* ChildrenAsleep follows ProcessorSleep at once. */
        WRITE_ONCE(rv->arch.vgic.waker, (val & GICR_WAKER_SLEEP) ?
                   GICR_WAKER_SLEEP | GICR_WAKER_ASLEEP : 0);
    return true;
}

static const struct mmio_handler_ops vgic_rdist_ops = {
    .read = vgic_rdist_read,
    .write = vgic_rdist_write,
};

/* ---- Layout ----------------------------------------------------------- */

static bool ranges_overlap(paddr_t a, paddr_t as, paddr_t b, paddr_t bs)
{
    return a < b + bs && b < a + as;
}

static int vgic_check_layout(paddr_t dbase, unsigned int nr,
                             const paddr_t *rbase, const paddr_t *rsize)
{
    unsigned int i, j;

    /*
     * Only page alignment for the distributor: Xen's guest memory map puts
     * it at 0x03001000, and guests expect it there.
     */
    if ( !nr || nr > VGIC_MAX_RDIST_REGIONS || (dbase & (PAGE_SIZE - 1)) )
        return -EINVAL;
    for ( i = 0; i < nr; i++ ) {
        if ( (rbase[i] | rsize[i]) & (VGIC_FRAME_SIZE - 1) ||
             rsize[i] < VGIC_RDIST_STRIDE || rbase[i] + rsize[i] < rbase[i] ||
             ranges_overlap(dbase, VGIC_FRAME_SIZE, rbase[i], rsize[i]) )
            return -EINVAL;
        for ( j = 0; j < i; j++ )
            if ( ranges_overlap(rbase[i], rsize[i], rbase[j], rsize[j]) )
                return -EINVAL;
    }
    return 0;
}

int vgic_set_layout(struct domain *d, paddr_t dbase, unsigned int nr_regions,
                    const paddr_t *rbase, const paddr_t *rsize)
{
    struct vgic_dist *dist = &d->arch.vgic;
    unsigned int r, first = 0, i;
    int rc;

    if ( dist->nr_rdist_regions )
        return -EEXIST;
    rc = vgic_check_layout(dbase, nr_regions, rbase, rsize);
    if ( rc )
        return rc;
    for ( r = 0; r < nr_regions; r++ ) {
        paddr_t cap = rsize[r] / VGIC_RDIST_STRIDE;

        dist->rdist_regions[r].base = rbase[r];
        dist->rdist_regions[r].size = rsize[r];
        dist->rdist_regions[r].first_vcpu = first;
        first += min(cap, (paddr_t)d->max_vcpus);   /* no overflow */
    }
    if ( first < d->max_vcpus )
        return -ENOSPC;

    dist->dbase = dbase;
    rc = register_mmio_handler(d, &vgic_dist_ops, dbase, VGIC_FRAME_SIZE, NULL);
    /* Every region, also one left empty: Linux reads its GICR_PIDR2. */
    for ( r = 0; !rc && r < nr_regions; r++ )
        rc = register_mmio_handler(d, &vgic_rdist_ops, rbase[r], rsize[r],
                                   (void *)(uintptr_t)r);
    if ( rc )
        return rc;
    dist->nr_rdist_regions = nr_regions;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu && d->vcpu[i] )
            vgic_v3_place_vcpu(d, d->vcpu[i]);
    return 0;
}
