/* SPDX-License-Identifier: GPL-2.0-only */
/* Bits of the EL2 and EL1 system registers the hypervisor programs. */
#ifndef ASM_ARM_SYSREGS_H
#define ASM_ARM_SYSREGS_H

/* HCR_EL2 */
#define HCR_VM      (1UL << 0)   /* stage-2 translation on */
#define HCR_SWIO    (1UL << 1)
#define HCR_FMO     (1UL << 3)   /* physical FIQ to EL2 */
#define HCR_IMO     (1UL << 4)   /* physical IRQ to EL2 */
#define HCR_AMO     (1UL << 5)   /* SError to EL2 */
#define HCR_FB      (1UL << 9)   /* broadcast TLB/cache maintenance */
#define HCR_BSU_IS  (1UL << 10)
#define HCR_DC      (1UL << 12)
#define HCR_TWI     (1UL << 13)  /* trap WFI */
#define HCR_TWE     (1UL << 14)  /* trap WFE */
#define HCR_TID3    (1UL << 18)  /* trap ID group 3 registers */
#define HCR_TSC     (1UL << 19)  /* trap SMC */
#define HCR_TACR    (1UL << 21)
#define HCR_TSW     (1UL << 22)  /* trap set/way cache maintenance */
#define HCR_TVM     (1UL << 26)
#define HCR_RW      (1UL << 31)  /* EL1 is AArch64 */
#define HCR_APK     (1UL << 40)
#define HCR_API     (1UL << 41)

/* SCTLR_ELx */
#define SCTLR_M     (1UL << 0)
#define SCTLR_A     (1UL << 1)
#define SCTLR_C     (1UL << 2)
#define SCTLR_SA    (1UL << 3)
#define SCTLR_I     (1UL << 12)
#define SCTLR_EL2_RES1 0x30c50830UL

/* ESR_ELx */
#define ESR_EC_SHIFT        26
#define ESR_EC(esr)         (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL              (1UL << 25)
#define ESR_ISS(esr)        ((esr) & 0x1ffffff)
#define EC_UNKNOWN          0x00
#define EC_WFX              0x01
#define EC_FP_ASIMD         0x07
#define EC_ILLEGAL          0x0e
#define EC_SVC64            0x15
#define EC_HVC64            0x16
#define EC_SMC64            0x17
#define EC_SYSREG           0x18
#define EC_SVE              0x19
#define EC_IABT_LOW         0x20
#define EC_IABT_CUR         0x21
#define EC_PC_ALIGN         0x22
#define EC_DABT_LOW         0x24
#define EC_DABT_CUR         0x25
#define EC_SP_ALIGN         0x26
#define EC_SERROR           0x2f
#define EC_BRK64            0x3c

/* Data abort ISS */
#define DABT_ISV            (1UL << 24)
#define DABT_SAS(iss)       (((iss) >> 22) & 3)
#define DABT_SSE            (1UL << 21)
#define DABT_SRT(iss)       (((iss) >> 16) & 0x1f)
#define DABT_SF             (1UL << 15)
#define DABT_S1PTW          (1UL << 7)
#define DABT_WNR            (1UL << 6)
#define DABT_DFSC(iss)      ((iss) & 0x3f)

/* HPFAR_EL2: faulting IPA bits [47:12] in bits [43:4] */
#define HPFAR_FIPA(hpfar)   (((hpfar) & 0xfffffffff0UL) << 8)

/* SPSR / PSTATE */
#define PSR_MODE_EL0t       0x0
#define PSR_MODE_EL1t       0x4
#define PSR_MODE_EL1h       0x5
#define PSR_MODE_EL2t       0x8
#define PSR_MODE_EL2h       0x9
#define PSR_MODE_MASK       0x1f
#define PSR_F               (1UL << 6)
#define PSR_I               (1UL << 7)
#define PSR_A               (1UL << 8)
#define PSR_D               (1UL << 9)
#define PSR_GUEST64_INIT    (PSR_D | PSR_A | PSR_I | PSR_F | PSR_MODE_EL1h)

/* CNTHCTL_EL2 (non-VHE) */
#define CNTHCTL_EL1PCTEN    (1UL << 0)
#define CNTHCTL_EL1PCEN     (1UL << 1)

/* Timer control */
#define CNTx_CTL_ENABLE     (1UL << 0)
#define CNTx_CTL_IMASK      (1UL << 1)
#define CNTx_CTL_ISTATUS    (1UL << 2)

/* MPIDR */
#define MPIDR_AFF_MASK      0xff00ffffffUL
#define MPIDR_RES1          (1UL << 31)

#define READ_SYSREG(name) ({                                   \
    uint64_t _r;                                               \
    __asm__ __volatile__("mrs %0, " __stringify(name) : "=r" (_r)); \
    _r; })
#define WRITE_SYSREG(v, name)                                  \
    __asm__ __volatile__("msr " __stringify(name) ", %0" :: "r" ((uint64_t)(v)))

#define isb()       __asm__ __volatile__("isb" ::: "memory")
#define dsb(scope)  __asm__ __volatile__("dsb " #scope ::: "memory")
#define dmb(scope)  __asm__ __volatile__("dmb " #scope ::: "memory")

#endif
