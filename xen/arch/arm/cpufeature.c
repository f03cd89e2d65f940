/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ID registers guests see.  HCR_EL2.TID3 traps every EL1 read of the
 * feature ID space (op0=3, op1=0, CRn=0, CRm=1..7), and the guest gets the
 * host's value with the features we do not virtualise taken out: SVE, SME,
 * pointer authentication, MTE, the PMU, tracing, RAS, AMU, MPAM, nested
 * virtualisation, and instructions that trap to EL2 or are undefined
 * without EL2 controls we leave off (WFxT, MOPS, LS64, HCRX, FGT).  A
 * register this table does not name reads as zero, so features of CPUs
 * newer than this code stay hidden until someone looks at them.
 */
#include <xen/init.h>
#include <xen/lib.h>
#include <asm/cpufeature.h>
#include <asm/sysregs.h>

#define ID_IDX(crm, op2)    (((crm) - 1) * 8 + (op2))
#define NR_ID_REGS          ID_IDX(8, 0)
#define FIELD(shift)        (0xfUL << (shift))

struct id_reg_filter {
    uint8_t idx;
    uint64_t keep;          /* bits the guest sees as the host has them */
};

static const struct id_reg_filter id_reg_filters[] = {
    /* AArch32 views, read by Linux for 32-bit compat and errata. */
    { ID_IDX(1, 0), ~(FIELD(20) | FIELD(28)) },             /* ID_PFR0: AMU, RAS */
    { ID_IDX(1, 1), ~0UL },                                 /* ID_PFR1 */
    { ID_IDX(1, 2), FIELD(0) | FIELD(4) | FIELD(8) },       /* ID_DFR0: debug only */
    { ID_IDX(1, 4), ~0UL }, { ID_IDX(1, 5), ~0UL },         /* ID_MMFR0-3 */
    { ID_IDX(1, 6), ~0UL }, { ID_IDX(1, 7), ~0UL },
    { ID_IDX(2, 0), ~0UL }, { ID_IDX(2, 1), ~0UL },         /* ID_ISAR0-5 */
    { ID_IDX(2, 2), ~0UL }, { ID_IDX(2, 3), ~0UL },
    { ID_IDX(2, 4), ~0UL }, { ID_IDX(2, 5), ~0UL },
    { ID_IDX(2, 6), ~0UL }, { ID_IDX(2, 7), ~0UL },         /* ID_MMFR4, ID_ISAR6 */
    { ID_IDX(3, 0), ~0UL }, { ID_IDX(3, 1), ~0UL },         /* MVFR0-2 */
    { ID_IDX(3, 2), ~0UL },
    { ID_IDX(3, 4), FIELD(4) },                             /* ID_PFR2: SSBS */
    { ID_IDX(3, 6), ~0UL },                                 /* ID_MMFR5 */
    /* ID_AA64PFR0: not RAS, SVE, SEL2, MPAM, AMU, RME. */
    { ID_IDX(4, 0), ~(FIELD(28) | FIELD(32) | FIELD(36) | FIELD(40) |
                      FIELD(44) | FIELD(52)) },
    /* ID_AA64PFR1: BT, SSBS and CSV2_frac only (not MTE, SME, NMI ...). */
    { ID_IDX(4, 1), FIELD(0) | FIELD(4) | FIELD(32) },
    /* ID_AA64DFR0: DebugVer, BRPs, WRPs, CTX_CMPs, DoubleLock; no PMU,
     * SPE, trace or BRBE. */
    { ID_IDX(5, 0), FIELD(0) | FIELD(12) | FIELD(20) | FIELD(28) | FIELD(36) },
    /* ID_AA64ISAR0: not TME. */
    { ID_IDX(6, 0), ~FIELD(24) },
    /* ID_AA64ISAR1: not APA, API, GPA, GPI, LS64. */
    { ID_IDX(6, 1), ~(FIELD(4) | FIELD(8) | FIELD(24) | FIELD(28) | FIELD(60)) },
    /* ID_AA64ISAR2: RPRES, BC, CLRBHB only (not WFxT, PAuth QARMA3, MOPS). */
    { ID_IDX(6, 2), FIELD(4) | FIELD(20) | FIELD(28) },
    /* ID_AA64MMFR0: not FGT; PARange is set below. */
    { ID_IDX(7, 0), ~FIELD(56) },
    /* ID_AA64MMFR1: not TWED, HCX, TIDCP1. */
    { ID_IDX(7, 1), ~(FIELD(32) | FIELD(40) | FIELD(52)) },
    /* ID_AA64MMFR2: not NV. */
    { ID_IDX(7, 2), ~FIELD(24) },
};

static uint64_t guest_id_regs[NR_ID_REGS];

#define ID_READ(crm, op2) \
    case ID_IDX(crm, op2): return READ_SYSREG(S3_0_C0_C##crm##_##op2)
#define ID_READ_ROW(crm) \
    ID_READ(crm, 0); ID_READ(crm, 1); ID_READ(crm, 2); ID_READ(crm, 3); \
    ID_READ(crm, 4); ID_READ(crm, 5); ID_READ(crm, 6); ID_READ(crm, 7)

/* Encodings in this space that name no register are RAZ, not undefined. */
static uint64_t read_host_id_reg(unsigned int idx)
{
    switch ( idx ) {
    ID_READ_ROW(1);
    ID_READ_ROW(2);
    ID_READ_ROW(3);
    ID_READ_ROW(4);
    ID_READ_ROW(5);
    ID_READ_ROW(6);
    ID_READ_ROW(7);
    }
    return 0;
}

static int guest_id_regs_init(void)
{
    unsigned int i, parange;

    for ( i = 0; i < ARRAY_SIZE(id_reg_filters); i++ ) {
        const struct id_reg_filter *f = &id_reg_filters[i];

        guest_id_regs[f->idx] = read_host_id_reg(f->idx) & f->keep;
    }
    /* The guest's physical address space is the stage-2 input range. */
    parange = guest_id_regs[ID_IDX(7, 0)] & 0xf;
    if ( parange > ID_PARANGE_48 )
        guest_id_regs[ID_IDX(7, 0)] += ID_PARANGE_48 - parange;
    return 0;
}
__initcall(guest_id_regs_init);

bool guest_id_reg_read(unsigned int crm, unsigned int op2, uint64_t *val)
{
    if ( crm < 1 || crm > 7 || op2 > 7 )
        return false;
    *val = guest_id_regs[ID_IDX(crm, op2)];
    return true;
}
