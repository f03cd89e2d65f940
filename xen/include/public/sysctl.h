/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: sysctl, the control operations on the whole host that the
 * toolstack in the control domain issues.  The layout is versioned: a call
 * carrying another interface_version is refused with -EACCES.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

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

struct xen_sysctl {
    uint32_t cmd;
#define XEN_SYSCTL_readconsole      1
#define XEN_SYSCTL_debug_keys       7
    uint32_t interface_version;
    union {
        struct xen_sysctl_readconsole readconsole;
        struct xen_sysctl_debug_keys debug_keys;
        uint8_t pad[128];
    } u;
};

#endif
