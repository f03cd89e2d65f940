/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMCCC calls from guests (HVC #0 or SMC): SMCCC discovery and PSCI 1.1,
 * which guests use to start and stop their vCPUs.  Unknown function ids
 * get NOT_SUPPORTED (-1), as the SMC Calling Convention requires.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/sched.h>
#include <asm/psci.h>
#include <asm/regs.h>
#include <asm/traps.h>

#define SMCCC_VERSION           0x80000000
#define SMCCC_ARCH_FEATURES     0x80000001
#define SMCCC_VERSION_1_1       0x10001
#define SMCCC_NOT_SUPPORTED     (-1L)
#define PSCI_VERSION_1_1        0x10001

/* The vCPU whose virtual MPIDR affinity is mpidr (Aff0 = id & 15, Aff1 = id >> 4). */
static struct vcpu *vcpu_by_mpidr(struct domain *d, uint64_t mpidr)
{
    unsigned int id;

    if ( mpidr & ~0xfffUL & MPIDR_AFF_MASK )
        return NULL;
    if ( (mpidr & 0xff) > 0xf )
        return NULL;
    id = (mpidr & 0xf) | (((mpidr >> 8) & 0xff) << 4);
    return id < d->max_vcpus ? d->vcpu[id] : NULL;
}

static long psci_cpu_on_guest(uint64_t target, uint64_t entry, uint64_t ctx)
{
    struct vcpu *v = vcpu_by_mpidr(current->domain, target);

    if ( !v )
        return PSCI_INVALID_PARAMETERS;
    if ( !test_bit(_VPF_down, &v->pause_flags) )
        return PSCI_ALREADY_ON;
    vcpu_reset_state(v, entry, ctx);
    clear_bit(_VPF_down, &v->pause_flags);
    vcpu_wake(v);
    return PSCI_SUCCESS;
}

static long psci_cpu_off_guest(void)
{
    struct vcpu *v = current;

    set_bit(_VPF_down, &v->pause_flags);
    vcpu_sleep(v);
    return PSCI_SUCCESS;    /* not seen: the vCPU stops here */
}

static long psci_affinity_info(uint64_t target, uint64_t level)
{
    struct vcpu *v;

    if ( level != 0 )
        return PSCI_INVALID_PARAMETERS;
    v = vcpu_by_mpidr(current->domain, target);
    if ( !v )
        return PSCI_INVALID_PARAMETERS;
    return test_bit(_VPF_down, &v->pause_flags) ? PSCI_AFFINITY_OFF
                                                : PSCI_AFFINITY_ON;
}

static bool psci_fn_supported(uint32_t fn)
{
    switch ( fn ) {
    case PSCI_0_2_FN_PSCI_VERSION:
    case PSCI_0_2_FN_CPU_SUSPEND:
    case PSCI_0_2_FN64_CPU_SUSPEND:
    case PSCI_0_2_FN_CPU_OFF:
    case PSCI_0_2_FN_CPU_ON:
    case PSCI_0_2_FN64_CPU_ON:
    case PSCI_0_2_FN_AFFINITY_INFO:
    case PSCI_0_2_FN64_AFFINITY_INFO:
    case PSCI_0_2_FN_MIGRATE_INFO_TYPE:
    case PSCI_0_2_FN_SYSTEM_OFF:
    case PSCI_0_2_FN_SYSTEM_RESET:
    case PSCI_1_0_FN_PSCI_FEATURES:
    case SMCCC_VERSION:
        return true;
    }
    return false;
}

static long handle_smccc(uint32_t fn, const uint64_t *x)
{
    bool is32 = !(fn & 0x40000000);
    uint64_t a1 = is32 ? (uint32_t)x[1] : x[1];
    uint64_t a2 = is32 ? (uint32_t)x[2] : x[2];
    uint64_t a3 = is32 ? (uint32_t)x[3] : x[3];

    switch ( fn ) {
    case SMCCC_VERSION:
        return SMCCC_VERSION_1_1;
    case SMCCC_ARCH_FEATURES:
        /* No firmware workarounds are offered through us. */
        return SMCCC_NOT_SUPPORTED;
    case PSCI_0_2_FN_PSCI_VERSION:
        return PSCI_VERSION_1_1;
    case PSCI_0_2_FN_CPU_SUSPEND:
    case PSCI_0_2_FN64_CPU_SUSPEND:
        /* A power-down state is entered as a WFI: resume right here. */
        vcpu_block();
        return PSCI_SUCCESS;
    case PSCI_0_2_FN_CPU_OFF:
        return psci_cpu_off_guest();
    case PSCI_0_2_FN_CPU_ON:
    case PSCI_0_2_FN64_CPU_ON:
        return psci_cpu_on_guest(a1, a2, a3);
    case PSCI_0_2_FN_AFFINITY_INFO:
    case PSCI_0_2_FN64_AFFINITY_INFO:
        return psci_affinity_info(a1, a2);
    case PSCI_0_2_FN_MIGRATE_INFO_TYPE:
        return 2;   /* no trusted OS that needs migrating */
    case PSCI_0_2_FN_SYSTEM_OFF:
        domain_shutdown(current->domain, SHUTDOWN_poweroff);
        return PSCI_SUCCESS;
    case PSCI_0_2_FN_SYSTEM_RESET:
        domain_shutdown(current->domain, SHUTDOWN_reboot);
        return PSCI_SUCCESS;
    case PSCI_1_0_FN_PSCI_FEATURES:
        return psci_fn_supported(a1) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
    }
    return SMCCC_NOT_SUPPORTED;
}

void vsmccc_handle_call(struct cpu_user_regs *regs)
{
    uint32_t fn = regs->x[0];
    long ret = handle_smccc(fn, regs->x);

    regs->x[0] = (fn & 0x40000000) ? (uint64_t)ret : (uint32_t)ret;
}
