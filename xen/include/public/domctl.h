/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: domctl, the control operations on one domain that the
 * toolstack in the control domain issues.  Like sysctl the layout is
 * versioned: a call carrying another interface_version gets -EACCES.
 */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015

/* XEN_DOMCTL_createdomain: a new domain, paused, with no memory yet. */
#define XEN_DOMCTL_CDF_hvm          (1U << 0)   /* required on Arm */
#define XEN_DOMCTL_CDF_hap          (1U << 1)   /* required on Arm */
#define XEN_DOMCTL_CDF_xs_domain    (1U << 4)
#define XEN_DOMCTL_CDF_iommu        (1U << 5)
#define XEN_DOMCTL_CDF_nested_virt  (1U << 6)
#define XEN_DOMCTL_CDF_vpmu         (1U << 7)
struct xen_domctl_createdomain {
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t flags;             /* XEN_DOMCTL_CDF_* */
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames;   /* < 1: the default */
    int32_t max_maptrack_frames;
    uint32_t grant_opts;        /* grant table version in bits 0-3; 0: 1 */
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};

/* XEN_DOMCTL_getdomaininfo: the state of a domain (also sysctl's list). */
#define XEN_DOMINF_dying        (1U << 0)   /* being destroyed */
#define XEN_DOMINF_hvm_guest    (1U << 1)   /* every Arm guest */
#define XEN_DOMINF_shutdown     (1U << 2)   /* shut down; code below */
#define XEN_DOMINF_paused       (1U << 3)   /* paused by the toolstack */
#define XEN_DOMINF_blocked      (1U << 4)   /* every vCPU waits */
#define XEN_DOMINF_running      (1U << 5)   /* some vCPU is on a CPU */
#define XEN_DOMINF_debugged     (1U << 6)
#define XEN_DOMINF_xs_domain    (1U << 7)   /* runs xenstored */
#define XEN_DOMINF_hap          (1U << 8)   /* hardware-assisted paging */
#define XEN_DOMINF_shutdownshift 16         /* SHUTDOWN_* reason ... */
#define XEN_DOMINF_shutdownmask 255         /* ... in these bits */
#define XEN_INVALID_MAX_VCPU_ID (~0U)

struct xen_domctl_getdomaininfo {
    domid_t domain;
    uint16_t pad1;
    uint32_t flags;             /* XEN_DOMINF_* */
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t outstanding_pages;
    uint64_t shr_pages;
    uint64_t paged_pages;
    uint64_t shared_info_frame; /* where the guest put shared_info */
    uint64_t cpu_time;          /* ns its vCPUs have run */
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t cpupool;
    uint8_t gpaddr_bits;        /* guest physical address width */
    uint8_t pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/* XEN_DOMCTL_max_mem: the most memory the domain may hold. */
struct xen_domctl_max_mem {
    uint64_t max_memkb;
};

/* XEN_DOMCTL_getvcpuinfo: one vCPU's state. */
struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;              /* IN */
    uint8_t online;             /* not down (PSCI CPU_OFF, or never up) */
    uint8_t blocked;            /* waiting for an interrupt */
    uint8_t running;            /* on a CPU now */
    uint64_t cpu_time;          /* ns it has run */
    uint32_t cpu;               /* the CPU it runs on, or will */
};

/* XEN_DOMCTL_max_vcpus: allocate its vCPUs (max as given at creation). */
struct xen_domctl_max_vcpus {
    uint32_t max;
};

/* XEN_DOMCTL_setvcpucontext, XEN_DOMCTL_getvcpucontext */
struct xen_domctl_vcpucontext {
    uint32_t vcpu;
    XEN_GUEST_HANDLE(vcpu_guest_context_t) ctxt;
};

/* XEN_DOMCTL_setvcpuaffinity, XEN_DOMCTL_getvcpuaffinity */
struct xen_domctl_vcpuaffinity {
    uint32_t vcpu;
    uint32_t flags;
#define XEN_VCPUAFFINITY_HARD   (1U << 0)
#define XEN_VCPUAFFINITY_SOFT   (1U << 1)
#define XEN_VCPUAFFINITY_FORCE  (1U << 2)
    struct xenctl_bitmap cpumap_hard;
    struct xenctl_bitmap cpumap_soft;
};

/* XEN_DOMCTL_settimeoffset: seconds added to the wall clock it sees. */
struct xen_domctl_settimeoffset {
    int64_t time_offset_seconds;
};

/* XEN_DOMCTL_set_target: the domain (a device model) may control target. */
struct xen_domctl_set_target {
    domid_t target;
};

/* XEN_DOMCTL_cacheflush: clean and invalidate guest frames to memory. */
struct xen_domctl_cacheflush {
    xen_pfn_t start_pfn, nr_pfns;
};

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_createdomain     1
#define XEN_DOMCTL_destroydomain    2
#define XEN_DOMCTL_pausedomain      3
#define XEN_DOMCTL_unpausedomain    4
#define XEN_DOMCTL_getdomaininfo    5
#define XEN_DOMCTL_setvcpuaffinity  9
#define XEN_DOMCTL_max_mem          11
#define XEN_DOMCTL_setvcpucontext   12
#define XEN_DOMCTL_getvcpucontext   13
#define XEN_DOMCTL_getvcpuinfo      14
#define XEN_DOMCTL_max_vcpus        15
#define XEN_DOMCTL_settimeoffset    24
#define XEN_DOMCTL_getvcpuaffinity  25
#define XEN_DOMCTL_set_target       46
#define XEN_DOMCTL_cacheflush       71
    uint32_t interface_version;
    domid_t domain;
    uint16_t pad[3];
    union {
        struct xen_domctl_createdomain createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_max_mem max_mem;
        struct xen_domctl_getvcpuinfo getvcpuinfo;
        struct xen_domctl_max_vcpus max_vcpus;
        struct xen_domctl_vcpucontext vcpucontext;
        struct xen_domctl_vcpuaffinity vcpuaffinity;
        struct xen_domctl_settimeoffset settimeoffset;
        struct xen_domctl_set_target set_target;
        struct xen_domctl_cacheflush cacheflush;
        uint8_t pad[128];
    } u;
};

#endif
