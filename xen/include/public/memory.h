/* SPDX-License-Identifier: MIT */
/* Guest ABI: memory_op (reservations, physmap changes, resources). */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"

#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_populate_physmap     6
struct xen_memory_reservation {
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    xen_ulong_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    domid_t domid;
};
typedef struct xen_memory_reservation xen_memory_reservation_t;

#define XENMEM_maximum_ram_page     2
#define XENMEM_current_reservation  3
#define XENMEM_maximum_reservation  4
#define XENMEM_maximum_gpfn         14
#define XENMEM_exchange             11

#define XENMEM_add_to_physmap       7
#define XENMAPSPACE_shared_info     0
#define XENMAPSPACE_grant_table     1
#define XENMAPSPACE_gmfn            2
#define XENMAPSPACE_gmfn_range      3
#define XENMAPSPACE_gmfn_foreign    4
#define XENMAPSPACE_dev_mmio        5
#define XENMAPIDX_grant_table_status 0x80000000U
struct xen_add_to_physmap {
    domid_t domid;
    uint16_t size;          /* gmfn_range only; otherwise not initialised */
    unsigned int space;
    xen_ulong_t idx;
    xen_pfn_t gpfn;
};

#define XENMEM_add_to_physmap_batch 23
struct xen_add_to_physmap_batch {
    domid_t domid;
    uint16_t space;
    uint16_t size;
    domid_t foreign_domid;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs;
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;
    XEN_GUEST_HANDLE(int) errs;
};

#define XENMEM_remove_from_physmap  15
struct xen_remove_from_physmap {
    domid_t domid;
    xen_pfn_t gpfn;
};

#define XENMEM_memory_map           9
#define XENMEM_machine_memory_map   10
#define XENMEM_get_vnumainfo        26

#define XENMEM_acquire_resource     28
struct xen_mem_acquire_resource {
    domid_t domid;
    uint16_t type;
#define XENMEM_resource_ioreq_server 0
#define XENMEM_resource_grant_table  1
    uint32_t id;
    uint32_t nr_frames;
    uint32_t flags;
#define XENMEM_rsrc_acq_caller_owned (1u << 0)
    uint64_t frame;
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;
};

#endif
