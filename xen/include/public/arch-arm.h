/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI, Arm part: how hypercalls are made, the guest physical memory
 * map the toolstack gives domUs, and arch-specific pieces of shared
 * structures (empty on Arm).
 *
 * Hypercalls: HVC #XEN_HYPERCALL_TAG, number in x16, arguments in x0-x4,
 * result in x0.  Pointers are guest virtual addresses; all structures are
 * little-endian with the AArch64 procedure-call-standard layout.
 */
#ifndef __XEN_PUBLIC_ARCH_ARM_H__
#define __XEN_PUBLIC_ARCH_ARM_H__

#include <stdint.h>

#define XEN_HYPERCALL_TAG   0xEA1

/*
 * A guest handle is a pointer the guest passes; inside structures it is
 * always 8 bytes and 8-byte aligned, whatever the guest's pointer size.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef union { type *p; uint64_t q; } __attribute__((__aligned__(8))) \
        __guest_handle_##name
#define __DEFINE_XEN_GUEST_HANDLE(name, type) \
    ___DEFINE_XEN_GUEST_HANDLE(name, type); \
    ___DEFINE_XEN_GUEST_HANDLE(const_##name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name)   __DEFINE_XEN_GUEST_HANDLE(name, name)
#define XEN_GUEST_HANDLE(name)          __guest_handle_##name
#define XEN_GUEST_HANDLE_PARAM(name)    XEN_GUEST_HANDLE(name)

typedef uint64_t xen_pfn_t;
#define PRI_xen_pfn "llx"
typedef uint64_t xen_ulong_t;
#define PRI_xen_ulong "llx"

/* Architecture-specific parts of shared structures: nothing on Arm. */
struct arch_vcpu_info { };
typedef struct arch_vcpu_info arch_vcpu_info_t;
struct arch_shared_info { };
typedef struct arch_shared_info arch_shared_info_t;

#define XEN_LEGACY_MAX_VCPUS 1

/*
 * vCPU register state, as set and read by the toolstack (domctl
 * setvcpucontext/getvcpucontext).  The layout is shared with AArch32
 * guests, whose banked registers live in x13-x30 (not supported here).
 */
struct vcpu_guest_core_regs {
    uint64_t x0, x1, x2, x3, x4, x5, x6, x7;
    uint64_t x8, x9, x10, x11, x12, x13, x14, x15;
    uint64_t x16, x17, x18, x19, x20, x21, x22, x23;
    uint64_t x24, x25, x26, x27, x28, x29, x30;
    uint64_t pc64;              /* where the vCPU resumes (ELR_EL2) */
    uint64_t cpsr;              /* its PSTATE (SPSR_EL2) */
    uint64_t spsr_el1;
    uint32_t spsr_fiq, spsr_irq, spsr_und, spsr_abt;    /* AArch32 only */
    uint64_t sp_el0;
    uint64_t sp_el1, elr_el1;
};
typedef struct vcpu_guest_core_regs vcpu_guest_core_regs_t;

struct vcpu_guest_context {
    uint32_t flags;
#define _VGCF_online    0
#define VGCF_online     (1U << _VGCF_online)    /* up, not waiting for PSCI */
    struct vcpu_guest_core_regs user_regs;
    uint64_t sctlr;
    uint64_t ttbcr, ttbr0, ttbr1;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);

/* The fixed guest physical memory map of domUs (guests read their DT). */
#define GUEST_GICV3_GICD_BASE       0x03001000ULL
#define GUEST_GICV3_GICD_SIZE       0x00010000ULL
#define GUEST_GICV3_GICR0_BASE      0x03020000ULL
#define GUEST_GICV3_GICR0_SIZE      0x01000000ULL
#define GUEST_GICV3_RDIST_STRIDE    0x00020000ULL
#define GUEST_GNTTAB_BASE           0x38000000ULL
#define GUEST_GNTTAB_SIZE           0x01000000ULL
#define GUEST_MAGIC_BASE            0x39000000ULL
#define GUEST_MAGIC_SIZE            0x01000000ULL
#define GUEST_RAM0_BASE             0x40000000ULL
#define GUEST_RAM0_SIZE             0xc0000000ULL
#define GUEST_RAM1_BASE             0x0200000000ULL
#define GUEST_RAM1_SIZE             0xfe00000000ULL
#define GUEST_RAM_BANKS             2

/* Offsets of the magic pages from GUEST_MAGIC_BASE, in pages. */
#define CONSOLE_PFN_OFFSET          0
#define XENSTORE_PFN_OFFSET         1
#define MEMACCESS_PFN_OFFSET        2
#define VUART_PFN_OFFSET            3
#define NR_MAGIC_PAGES              4

/* Interrupts of domUs. */
#define GUEST_TIMER_VIRT_PPI        27
#define GUEST_TIMER_PHYS_S_PPI      29
#define GUEST_TIMER_PHYS_NS_PPI     30
#define GUEST_EVTCHN_PPI            31

#define GUEST_MAX_VCPUS             128

/* The Arm part of a domain's configuration (domctl createdomain, getdomaininfo). */
#define XEN_DOMCTL_CONFIG_GIC_NATIVE    0
#define XEN_DOMCTL_CONFIG_GIC_V2        1
#define XEN_DOMCTL_CONFIG_GIC_V3        2
#define XEN_DOMCTL_CONFIG_TEE_NONE      0
struct xen_arch_domainconfig {
    uint8_t gic_version;        /* XEN_DOMCTL_CONFIG_GIC_* */
    uint16_t tee_type;          /* XEN_DOMCTL_CONFIG_TEE_* */
    uint32_t nr_spis;
    uint32_t clock_frequency;   /* for the DT; 0: the hardware's */
};

/* PSCI 0.1 function ids Xen has always advertised in /psci. */
#define PSCI_cpu_off    1
#define PSCI_cpu_on     2

#endif /* __XEN_PUBLIC_ARCH_ARM_H__ */
