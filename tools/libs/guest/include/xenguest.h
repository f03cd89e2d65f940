/* SPDX-License-Identifier: MIT */
/*
 * libxenguest: building a new domain's memory and first vCPU.  The arm64
 * builder loads a kernel Image (raw or gzip-compressed), an optional
 * initrd and a device tree it writes, fills the console and xenstore
 * pages and their event channels, and sets vCPU 0 to enter the kernel.
 */
#ifndef XENGUEST_H
#define XENGUEST_H

#include <stddef.h>
#include <stdint.h>

#include <xenctrl.h>

/* What to build, into a domain already created with its vCPUs. */
struct xg_guest_spec {
    uint32_t domid;
    uint64_t mem_kib;               /* RAM populated and described */
    unsigned int nr_vcpus;          /* described in the device tree */
    const char *kernel_path;
    const char *ramdisk_path;       /* NULL: none */
    const char *cmdline;            /* NULL: none */
    uint32_t console_domid;         /* where xenconsoled runs (0) */
    uint32_t store_domid;           /* where xenstored runs (0) */
};

/* What the toolstack tells xenstore and xenconsoled. */
struct xg_guest_built {
    uint64_t console_gfn, store_gfn;
    uint32_t console_port, store_port;   /* the guest's unbound ports */
};

/*
 * Builds s->domid.  0, or -1 with one sentence in err (and errno set);
 * the domain is then half-built, for the caller to destroy.
 */
int xg_arm_build(xc_interface *xch, const struct xg_guest_spec *s,
                 struct xg_guest_built *out, char *err, size_t errlen);

#endif
