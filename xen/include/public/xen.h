/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: hypercall numbers, domain ids, virtual interrupts and the
 * shared_info / vcpu_info pages through which events are delivered.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include <stdint.h>

#if defined(__aarch64__) || defined(XEN_HOST_TEST)
#include "arch-arm.h"
#else
#error "unsupported architecture"
#endif

typedef uint16_t domid_t;

#define DOMID_FIRST_RESERVED 0x7FF0U
#define DOMID_SELF           0x7FF0U
#define DOMID_IO             0x7FF1U
#define DOMID_XEN            0x7FF2U
#define DOMID_COW            0x7FF3U
#define DOMID_INVALID        0x7FF4U
#define DOMID_IDLE           0x7FFFU
#define DOMID_MASK           0x7FFFU

/* Hypercall numbers. */
#define __HYPERVISOR_set_trap_table            0
#define __HYPERVISOR_mmu_update                1
#define __HYPERVISOR_set_gdt                   2
#define __HYPERVISOR_stack_switch              3
#define __HYPERVISOR_set_callbacks             4
#define __HYPERVISOR_fpu_taskswitch            5
#define __HYPERVISOR_sched_op_compat           6
#define __HYPERVISOR_platform_op               7
#define __HYPERVISOR_set_debugreg              8
#define __HYPERVISOR_get_debugreg              9
#define __HYPERVISOR_update_descriptor        10
#define __HYPERVISOR_memory_op                12
#define __HYPERVISOR_multicall                13
#define __HYPERVISOR_update_va_mapping        14
#define __HYPERVISOR_set_timer_op             15
#define __HYPERVISOR_event_channel_op_compat  16
#define __HYPERVISOR_xen_version              17
#define __HYPERVISOR_console_io               18
#define __HYPERVISOR_physdev_op_compat        19
#define __HYPERVISOR_grant_table_op           20
#define __HYPERVISOR_vm_assist                21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                     23
#define __HYPERVISOR_vcpu_op                  24
#define __HYPERVISOR_set_segment_base         25
#define __HYPERVISOR_mmuext_op                26
#define __HYPERVISOR_xsm_op                   27
#define __HYPERVISOR_nmi_op                   28
#define __HYPERVISOR_sched_op                 29
#define __HYPERVISOR_callback_op              30
#define __HYPERVISOR_xenoprof_op              31
#define __HYPERVISOR_event_channel_op         32
#define __HYPERVISOR_physdev_op               33
#define __HYPERVISOR_hvm_op                   34
#define __HYPERVISOR_sysctl                   35
#define __HYPERVISOR_domctl                   36
#define __HYPERVISOR_kexec_op                 37
#define __HYPERVISOR_tmem_op                  38
#define __HYPERVISOR_argo_op                  39
#define __HYPERVISOR_xenpmu_op                40
#define __HYPERVISOR_dm_op                    41
#define __HYPERVISOR_hypfs_op                 42
#define NR_hypercalls                         64

/* Virtual interrupts, bound to event channels with EVTCHNOP_bind_virq. */
#define VIRQ_TIMER      0   /* per vCPU */
#define VIRQ_DEBUG      1   /* per vCPU */
#define VIRQ_CONSOLE    2   /* global: console input for dom0 */
#define VIRQ_DOM_EXC    3   /* global: a domain shut down or died */
#define VIRQ_TBUF       4   /* global */
#define VIRQ_DEBUGGER   6   /* global */
#define VIRQ_XENOPROF   7   /* per vCPU */
#define VIRQ_CON_RING   8   /* global */
#define VIRQ_PCPU_STATE 9   /* global */
#define VIRQ_MEM_EVENT  10  /* global */
#define VIRQ_ARGO       11  /* global */
#define VIRQ_ENOMEM     12  /* global */
#define VIRQ_XENPMU     13  /* per vCPU */
#define NR_VIRQS        24

/* console_io sub-ops. */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* vm_assist. */
#define VMASST_CMD_enable               0
#define VMASST_CMD_disable              1
#define VMASST_TYPE_runstate_update_flag 5

/* Time as the hypervisor publishes it per vCPU (unused by Linux on Arm). */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};

struct vcpu_info {
    uint8_t evtchn_upcall_pending;  /* set by the hypervisor, cleared by the guest */
    uint8_t evtchn_upcall_mask;     /* not used on Arm */
    uint8_t pad0[6];
    xen_ulong_t evtchn_pending_sel; /* 2-level: words of evtchn_pending with bits */
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};

struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    /* 2-level event channels: one bit per port. */
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    /* Wall clock at the moment the guest's time read 0 (version odd = updating). */
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
    struct arch_shared_info arch;
};

typedef struct vcpu_info vcpu_info_t;
typedef struct shared_info shared_info_t;

/* A batched hypercall entry for __HYPERVISOR_multicall. */
struct multicall_entry {
    xen_ulong_t op;
    xen_ulong_t result;
    xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;

typedef uint8_t xen_domain_handle_t[16];

#ifndef __ASSEMBLY__
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
__DEFINE_XEN_GUEST_HANDLE(int, int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
__DEFINE_XEN_GUEST_HANDLE(char, char);
__DEFINE_XEN_GUEST_HANDLE(ulong, unsigned long);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);

/* A bitmap the caller owns (e.g. a CPU mask): bit n is byte n/8, bit n%8. */
struct xenctl_bitmap {
    XEN_GUEST_HANDLE(uint8) bitmap;
    uint32_t nr_bits;
};
#endif

#endif /* __XEN_PUBLIC_XEN_H__ */
