/* SPDX-License-Identifier: LGPL-2.1-only */
/* What libxenctrl's files share: the handle and the bounce buffers. */
#ifndef XC_PRIVATE_H
#define XC_PRIVATE_H

#include <stdbool.h>

#include "xencall.h"
#include "xenctrl.h"

struct xc_interface_core {
    xencall_handle *xcall;
};

/*
 * A caller's buffer copied into hypercall-safe memory before a call (in)
 * and back after it (out).  hbuf is what the hypercall is given.
 */
struct xc_bounce {
    void *user;
    size_t size;
    bool in, out;
    void *hbuf;
};

int xc_bounce_pre(xc_interface *xch, struct xc_bounce *b);
/* Copies back (if out and the call worked) and frees; keeps errno. */
void xc_bounce_post(xc_interface *xch, struct xc_bounce *b, bool copy_back);

/* domctl and sysctl with the interface version filled in: 0 or -1. */
int xc_domctl(xc_interface *xch, struct xen_domctl *op);
int xc_sysctl(xc_interface *xch, struct xen_sysctl *op);
/* A hypercall whose one pointer argument is a struct of size bytes. */
int xc_hypercall_struct(xc_interface *xch, unsigned int op, uint64_t cmd,
                        void *arg, size_t size);

#endif
