/* SPDX-License-Identifier: MIT */
/* Guest ABI: xen_version hypercall (version strings and feature bits). */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"

#define XENVER_version      0   /* returns (major << 16) | minor */
#define XENVER_extraversion 1
typedef char xen_extraversion_t[16];
#define XENVER_compile_info 2
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
#define XENVER_capabilities 3
typedef char xen_capabilities_info_t[1024];
#define XENVER_changeset    4
typedef char xen_changeset_info_t[64];
#define XENVER_platform_parameters 5
struct xen_platform_parameters {
    xen_ulong_t virt_start;
};
#define XENVER_get_features 6
struct xen_feature_info {
    uint32_t submap_idx;    /* IN: which 32-bit word of features */
    uint32_t submap;        /* OUT */
};
#define XENVER_pagesize     7
#define XENVER_guest_handle 8
#define XENVER_commandline  9
typedef char xen_commandline_t[1024];
#define XENVER_build_id     10
struct xen_build_id {
    uint32_t len;           /* IN: size of buf; OUT: bytes written */
    unsigned char buf[];
};

#endif
