/* xen-sources: */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vGIC register decoding, from the pure half of xen/arch/arm/vgic-internal.h
 * (the .c files need the arch headers, so nothing else is linked): the
 * offset-to-register maps and their size/alignment rules, per-interrupt
 * field packing (IPRIORITYR bytes, ICFGR pairs, 32-bit halves of IROUTER and
 * GICR_TYPER), GICD_TYPER / GICR_TYPER / ID values, vCPU affinities,
 * ICC_SGI1R_EL1 decoding, and the list-register encoding and fold rules.
 */
#include "harness.h"
#include "../../../xen/arch/arm/vgic-internal.h"

TEST(dist_map)
{
    const struct vgic_reg *r;

    CHECK_EQ(vgic_dist_reg(GICD_CTLR)->id, VREG_CTLR);
    CHECK_EQ(vgic_dist_reg(GICD_TYPER)->id, VREG_TYPER);
    CHECK_EQ(vgic_dist_reg(GICD_IIDR)->id, VREG_IIDR);
    CHECK_EQ(vgic_dist_reg(GICD_TYPER2)->id, VREG_RAZ_WI);
    CHECK_EQ(vgic_dist_reg(GICD_SGIR)->id, VREG_RAZ_WI);
    CHECK_EQ(vgic_dist_reg(0x0804)->id, VREG_RAZ_WI);      /* ITARGETSR */
    CHECK_EQ(vgic_dist_reg(0x0d04)->id, VREG_RAZ_WI);      /* IGRPMODR */
    CHECK_EQ(vgic_dist_reg(0x0e3c)->id, VREG_RAZ_WI);      /* NSACR */
    CHECK_EQ(vgic_dist_reg(GICD_PIDR2)->id, VREG_ID);
    CHECK(vgic_dist_reg(0x0014) == NULL);
    CHECK(vgic_dist_reg(0x1000) == NULL);
    CHECK(vgic_dist_reg(0x8000) == NULL);
    CHECK(vgic_dist_reg(0xffcc) == NULL);

    /* ISENABLER1: interrupts 32-63. */
    r = vgic_dist_reg(GICD_ISENABLER + 4);
    CHECK_EQ(r->id, VREG_ISENABLER);
    CHECK_EQ(vgic_reg_first_irq(r, GICD_ISENABLER + 4), 32);
    CHECK_EQ(vgic_reg_nr_irqs(r, 4), 32);
    CHECK(vgic_reg_access_ok(r, GICD_ISENABLER + 4, 4));
    CHECK(!vgic_reg_access_ok(r, GICD_ISENABLER + 4, 1));
    CHECK(!vgic_reg_access_ok(r, GICD_ISENABLER + 4, 8));
    CHECK(!vgic_reg_access_ok(r, GICD_ISENABLER + 6, 4));
    /* The last one, and the end of the range. */
    CHECK_EQ(vgic_dist_reg(GICD_ICACTIVER + 0x7c)->id, VREG_ICACTIVER);
    CHECK_EQ(vgic_dist_reg(GICD_ICACTIVER + 0x80)->id, VREG_IPRIORITYR);
}

TEST(priority_bytes)
{
    const struct vgic_reg *r = vgic_dist_reg(GICD_IPRIORITYR + 0x21);
    uint64_t val = 0xa0b0c0d0;

    CHECK_EQ(r->id, VREG_IPRIORITYR);
    CHECK(vgic_reg_access_ok(r, GICD_IPRIORITYR + 0x21, 1));
    CHECK(!vgic_reg_access_ok(r, GICD_IPRIORITYR + 0x20, 2));
    CHECK(!vgic_reg_access_ok(r, GICD_IPRIORITYR + 0x21, 4));
    CHECK_EQ(vgic_reg_first_irq(r, GICD_IPRIORITYR + 0x21), 33);
    CHECK_EQ(vgic_reg_nr_irqs(r, 1), 1);
    CHECK_EQ(vgic_reg_first_irq(r, GICD_IPRIORITYR + 0x20), 32);
    CHECK_EQ(vgic_reg_nr_irqs(r, 4), 4);
    CHECK_EQ(vgic_field_get(val, 0, 8), 0xd0);
    CHECK_EQ(vgic_field_get(val, 3, 8), 0xa0);
    CHECK_EQ(vgic_field_put(2, 8, 0xb0) | vgic_field_put(0, 8, 0xd0), 0xb000d0);
    CHECK_EQ(vgic_field_put(1, 8, 0x1ff), 0xff00);        /* masked */
}

TEST(icfgr_pairs)
{
    const struct vgic_reg *r = vgic_dist_reg(GICD_ICFGR + 8);
    uint64_t v = 0;
    unsigned int i;

    CHECK_EQ(r->id, VREG_ICFGR);
    CHECK_EQ(vgic_reg_first_irq(r, GICD_ICFGR + 8), 32);
    CHECK_EQ(vgic_reg_nr_irqs(r, 4), 16);
    /* Interrupts 33 and 47 edge: Int_config[1] of fields 1 and 15. */
    v = vgic_field_put(1, 2, 2) | vgic_field_put(15, 2, 2);
    CHECK_EQ(v, 0x80000008);
    for ( i = 0; i < 16; i++ )
        CHECK_EQ(vgic_field_get(v, i, 2), (i == 1 || i == 15) ? 2 : 0);
}

TEST(irouter_halves)
{
    const struct vgic_reg *r = vgic_dist_reg(GICD_IROUTER + 8 * 40 + 4);
    uint64_t reg = 0x0000001100020304ULL;

    CHECK_EQ(r->id, VREG_IROUTER);
    CHECK_EQ(vgic_reg_first_irq(r, GICD_IROUTER + 8 * 40), 40);
    CHECK_EQ(vgic_reg_first_irq(r, GICD_IROUTER + 8 * 40 + 4), 40);
    CHECK_EQ(vgic_reg_nr_irqs(r, 4), 1);
    CHECK_EQ(vgic_reg_nr_irqs(r, 8), 1);
    CHECK(vgic_reg_access_ok(r, GICD_IROUTER + 8 * 40, 8));
    CHECK(vgic_reg_access_ok(r, GICD_IROUTER + 8 * 40 + 4, 4));
    CHECK(!vgic_reg_access_ok(r, GICD_IROUTER + 8 * 40 + 4, 8));
    CHECK(!vgic_reg_access_ok(r, GICD_IROUTER + 8 * 40 + 2, 2));
    CHECK_EQ(vgic_reg64_extract(reg, 0x6144, 4), 0x11);
    CHECK_EQ(vgic_reg64_extract(reg, 0x6140, 4), 0x00020304);
    CHECK_EQ(vgic_reg64_extract(reg, 0x6140, 8), reg);
    CHECK_EQ(vgic_reg64_mask(0x6144, 4), 0xffffffff00000000ULL);
    CHECK_EQ(vgic_reg64_place(0x22, 0x6144, 4), 0x2200000000ULL);
    CHECK_EQ(vgic_reg64_place(0xffffffff12345678ULL, 0x6140, 4), 0x12345678);
    /* IRM and the affinity fields survive the mask, RES0 bits do not. */
    CHECK_EQ(~0ULL & GICD_IROUTER_MASK, 0xff80ffffffULL);
    CHECK_EQ(vgic_aff32(0x0000001100020304ULL), 0x11020304);
}

TEST(rdist_maps)
{
    const struct vgic_reg *r = vgic_rd_reg(GICR_TYPER + 4);

    CHECK_EQ(r->id, VREG_TYPER);
    CHECK(vgic_reg_access_ok(r, GICR_TYPER, 8));
    CHECK(vgic_reg_access_ok(r, GICR_TYPER + 4, 4));
    CHECK(!vgic_reg_access_ok(r, GICR_TYPER + 4, 8));
    CHECK_EQ(vgic_rd_reg(GICR_WAKER)->id, VREG_WAKER);
    CHECK_EQ(vgic_rd_reg(GICR_CTLR)->id, VREG_RAZ_WI);
    CHECK_EQ(vgic_rd_reg(GICR_PIDR2)->id, VREG_ID);
    CHECK_EQ(vgic_rd_reg(0x78)->id, VREG_RAZ_WI);          /* PENDBASER */
    CHECK(vgic_rd_reg(0x0100) == NULL);

    /* SGI frame: the distributor's offsets, interrupts 0-31 only. */
    r = vgic_sgi_reg(GICD_ICFGR + 4);
    CHECK_EQ(r->id, VREG_ICFGR);
    CHECK_EQ(vgic_reg_first_irq(r, GICD_ICFGR + 4), 16);
    CHECK_EQ(vgic_sgi_reg(GICD_IPRIORITYR + 0x1f)->id, VREG_IPRIORITYR);
    CHECK(vgic_sgi_reg(GICD_IPRIORITYR + 0x20) == NULL);
    CHECK(vgic_sgi_reg(GICD_ISENABLER + 4) == NULL);
    CHECK(vgic_sgi_reg(GICD_IROUTER) == NULL);
    CHECK(vgic_sgi_reg(GICD_CTLR) == NULL);
    CHECK_EQ(vgic_sgi_reg(GICD_IGRPMODR)->id, VREG_RAZ_WI);
}

TEST(identification)
{
    uint64_t vmpidr17 = (1UL << 31) | (17 & 0xf) | ((uint64_t)(17 >> 4) << 8);
    uint64_t t;

    /* ITLinesNumber, CPUNumber, IDbits = 15, nothing else. */
    CHECK_EQ(vgic_gicd_typer(988, 4), 31 | 3 << 5 | 15 << 19);
    CHECK_EQ(vgic_gicd_typer(32, 1), 1 | 15 << 19);
    CHECK_EQ(vgic_gicd_typer(0, 0), 0 | 15 << 19);
    CHECK_EQ(vgic_gicd_typer(64, 128), 2 | 7 << 5 | 15 << 19);
    CHECK_EQ(vgic_id_reg(GICD_PIDR2, false) & 0xf0, 0x30);
    CHECK_EQ(vgic_id_reg(GICR_PIDR2, true), 0x3b);
    CHECK_EQ(vgic_id_reg(0xffd4, false), 0);

    t = vgic_gicr_typer(vmpidr17, 17, true);
    CHECK_EQ(t >> 32, 0x101);
    CHECK_EQ((t >> 8) & 0xffff, 17);
    CHECK(t & GICR_TYPER_LAST);
    CHECK_EQ(t & 0xef, 0);                  /* no PLPIS, VLPIS, DirectLPI */
    CHECK_EQ(vgic_gicr_typer(1UL << 31, 0, false), 0);
}

TEST(vcpu_affinity)
{
    unsigned int id;

    for ( id = 0; id < 128; id++ )
        CHECK_EQ(vgic_aff32_to_vcpuid(vgic_vcpuid_to_aff32(id)), (int)id);
    CHECK_EQ(vgic_vcpuid_to_aff32(35), 0x203);
    CHECK_EQ(vgic_aff32_to_vcpuid(0x10), -1);         /* Aff0 >= 16 */
    CHECK_EQ(vgic_aff32_to_vcpuid(0x10000), -1);      /* Aff2 */
    CHECK_EQ(vgic_aff32_to_vcpuid(0x1000000), -1);    /* Aff3 */
}

TEST(sgir_decode)
{
    struct vgic_sgi_req q;

    /* SGI 5 to Aff1 = 2, CPUs Aff0 0 and 2 (as Linux's gic_send_sgi). */
    vgic_decode_sgir(5ULL << 24 | 2ULL << 16 | 0x5, &q);
    CHECK_EQ(q.intid, 5);
    CHECK(!q.broadcast);
    CHECK_EQ(q.aff, 0x200);
    CHECK_EQ(q.targets, 0x5);
    CHECK_EQ(vgic_aff32_to_vcpuid(q.aff + 2), 34);

    /* IRM: everyone but the sender; the rest is ignored. */
    vgic_decode_sgir(1ULL << 40 | 15ULL << 24 | 0xffff, &q);
    CHECK(q.broadcast);
    CHECK_EQ(q.intid, 15);

    /* Aff3, Aff2 and RS land in their bytes; RS picks Aff0 16n+. */
    vgic_decode_sgir(0x12ULL << 48 | 3ULL << 44 | 0x34ULL << 32 |
                     0x56ULL << 16 | 1ULL << 24 | 0x8000, &q);
    CHECK_EQ(q.aff, 0x12345630);
    CHECK_EQ(q.targets, 0x8000);
    CHECK_EQ(q.intid, 1);
    CHECK_EQ((q.aff + 15) & 0xff, 0x3f);
}

TEST(lr_encoding)
{
    uint64_t lr;

    lr = vgic_lr_encode(27, 0xa0, true, false, 0, false);
    CHECK_EQ(lr, 27 | VGIC_LR_GROUP1 | 0xa0ULL << 48 | VGIC_LR_PENDING);
    lr = vgic_lr_encode(40, 0x80, false, true, 72, true);
    CHECK_EQ(lr & 0xffffffff, 40);
    CHECK(lr & VGIC_LR_HW);
    CHECK_EQ((lr >> 32) & 0x3ff, 72);
    CHECK(!(lr & VGIC_LR_PENDING) && (lr & VGIC_LR_ACTIVE));
    /* The EOI bit shares the pINTID field: only without HW. */
    lr = vgic_lr_encode(31, 0, true, true, 0, true);
    CHECK(lr & VGIC_LR_EOI);
    CHECK(!(lr & VGIC_LR_HW));
}

TEST(lr_rules)
{
    uint64_t pend = VGIC_LR_PENDING, act = VGIC_LR_ACTIVE;

    /* Edge-like: the latch was moved into the LR and comes back if unseen. */
    CHECK(vgic_fold_latch(true, false, false, pend));
    CHECK(vgic_fold_latch(true, false, false, pend | act));
    CHECK(!vgic_fold_latch(true, false, false, act));   /* acked */
    CHECK(!vgic_fold_latch(true, false, false, 0));     /* acked and EOIed */
    CHECK(vgic_fold_latch(true, true, false, 0));       /* new edge meanwhile */
    /* Level: the latch stays until the guest acknowledges. */
    CHECK(vgic_fold_latch(false, true, false, pend));
    CHECK(!vgic_fold_latch(false, true, false, act));
    CHECK(!vgic_fold_latch(false, true, false, 0));
    CHECK(!vgic_fold_latch(false, false, false, pend));
    /* ... and a raise while the LR held it is another instance. */
    CHECK(vgic_fold_latch(false, true, true, act));
    CHECK(vgic_fold_latch(false, true, true, 0));
    /* Pending: a latch, or a level line the source reports. */
    CHECK(vgic_state_pending(true, true, false));
    CHECK(!vgic_state_pending(true, false, true));
    CHECK(vgic_state_pending(false, false, true));
    CHECK(!vgic_state_pending(false, false, false));
    /* Never pending+active for a forwarded interrupt. */
    CHECK(!vgic_lr_may_pend(true, true));
    CHECK(vgic_lr_may_pend(true, false));
    CHECK(vgic_lr_may_pend(false, true));
}

TESTS(T(dist_map), T(priority_bytes), T(icfgr_pairs), T(irouter_halves),
      T(rdist_maps), T(identification), T(vcpu_affinity), T(sgir_decode),
      T(lr_encoding), T(lr_rules))
