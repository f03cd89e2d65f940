/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: sysctl, the control operations on the whole host that the
 * toolstack in the control domain issues.  The layout is versioned: a call
 * carrying another interface_version is refused with -EACCES.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#include "domctl.h"
#include "xen.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* XEN_SYSCTL_readconsole: copy out the hypervisor's log ring. */
struct xen_sysctl_readconsole {
    uint8_t clear;          /* IN: empty the ring after reading */
    uint8_t incremental;    /* IN: start at index rather than the oldest byte */
    uint8_t pad0, pad1;
    uint32_t index;         /* IN: where to start; OUT: where the read ended */
    XEN_GUEST_HANDLE(char) buffer;
    uint32_t count;         /* IN: buffer size; OUT: bytes written */
};

/* XEN_SYSCTL_debug_keys: act as if these keys were typed on the console. */
struct xen_sysctl_debug_keys {
    XEN_GUEST_HANDLE(const_char) keys;
    uint32_t nr_keys;
};

/* XEN_SYSCTL_physinfo: the host's CPUs and memory. */
#define XEN_SYSCTL_PHYSCAP_hvm      (1U << 0)
#define XEN_SYSCTL_PHYSCAP_hap      (1U << 3)
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;           /* online */
    uint32_t max_cpu_id;
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
    uint32_t capabilities;      /* XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_t total_pages;
    uint64_t free_pages;
    uint64_t scrub_pages;
    uint64_t outstanding_pages;
    uint64_t max_mfn;
    uint32_t hw_cap[8];
};

/* XEN_SYSCTL_getdomaininfolist: getdomaininfo of domains from an id on. */
struct xen_sysctl_getdomaininfolist {
    domid_t first_domain;       /* IN */
    uint32_t max_domains;       /* IN: entries buffer has room for */
    XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t) buffer;
    uint32_t num_domains;       /* OUT: entries written */
};

/* XEN_SYSCTL_cputopoinfo: core, socket and node of each CPU. */
#define XEN_INVALID_CORE_ID     (~0U)
#define XEN_INVALID_SOCKET_ID   (~0U)
#define XEN_INVALID_NODE_ID     (~0U)
struct xen_sysctl_cputopo {
    uint32_t core;
    uint32_t socket;
    uint32_t node;
};
typedef struct xen_sysctl_cputopo xen_sysctl_cputopo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cputopo_t);

struct xen_sysctl_cputopoinfo {
    uint32_t num_cpus;          /* IN: room in cputopo; OUT: CPUs there are */
    XEN_GUEST_HANDLE(xen_sysctl_cputopo_t) cputopo;    /* may be null */
};

struct xen_sysctl {
    uint32_t cmd;
#define XEN_SYSCTL_readconsole      1
#define XEN_SYSCTL_physinfo         3
#define XEN_SYSCTL_getdomaininfolist 6
#define XEN_SYSCTL_debug_keys       7
#define XEN_SYSCTL_cputopoinfo      16
    uint32_t interface_version;
    union {
        struct xen_sysctl_readconsole readconsole;
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        struct xen_sysctl_debug_keys debug_keys;
        struct xen_sysctl_cputopoinfo cputopoinfo;
        uint8_t pad[128];
    } u;
};

#endif
