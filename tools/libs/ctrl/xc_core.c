/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The handle, and the one way libxenctrl makes a hypercall: every struct
 * and array the hypervisor follows is bounced through libxencall's
 * buffers, so callers may pass any memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

xc_interface *xc_interface_open(struct xentoollog_logger *logger,
                                struct xentoollog_logger *dombuild_logger,
                                unsigned int open_flags)
{
    xc_interface *xch = calloc(1, sizeof(*xch));
    int err;

    if ( !xch )
        return NULL;
    xch->xcall = xencall_open(logger, 0);
    if ( !xch->xcall ) {
        err = errno;
        free(xch);
        errno = err;
        return NULL;
    }
    return xch;
}

int xc_interface_close(xc_interface *xch)
{
    if ( !xch )
        return 0;
    xencall_close(xch->xcall);
    free(xch);
    return 0;
}

int xc_bounce_pre(xc_interface *xch, struct xc_bounce *b)
{
    b->hbuf = NULL;
    if ( !b->size )
        return 0;
    if ( !b->user ) {
        errno = EINVAL;
        return -1;
    }
    b->hbuf = xencall_alloc_buffer(xch->xcall, b->size);
    if ( !b->hbuf )
        return -1;
    if ( b->in )
        memcpy(b->hbuf, b->user, b->size);
    return 0;
}

void xc_bounce_post(xc_interface *xch, struct xc_bounce *b, bool copy_back)
{
    int err = errno;

    if ( b->hbuf && b->out && copy_back )
        memcpy(b->user, b->hbuf, b->size);
    xencall_free_buffer(xch->xcall, b->hbuf);
    b->hbuf = NULL;
    errno = err;
}

int xc_hypercall_struct(xc_interface *xch, unsigned int op, uint64_t cmd,
                        void *arg, size_t size)
{
    struct xc_bounce b = { .user = arg, .size = size, .in = true, .out = true };
    int rc;

    if ( xc_bounce_pre(xch, &b) )
        return -1;
    rc = xencall2(xch->xcall, op, cmd, (uintptr_t)b.hbuf);
    xc_bounce_post(xch, &b, rc >= 0);
    return rc;
}

int xc_domctl(xc_interface *xch, struct xen_domctl *op)
{
    struct xc_bounce b = { .user = op, .size = sizeof(*op), .in = true,
                           .out = true };
    int rc;

    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    if ( xc_bounce_pre(xch, &b) )
        return -1;
    rc = xencall1(xch->xcall, __HYPERVISOR_domctl, (uintptr_t)b.hbuf);
    xc_bounce_post(xch, &b, rc >= 0);
    return rc < 0 ? -1 : 0;
}

int xc_sysctl(xc_interface *xch, struct xen_sysctl *op)
{
    struct xc_bounce b = { .user = op, .size = sizeof(*op), .in = true,
                           .out = true };
    int rc;

    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    if ( xc_bounce_pre(xch, &b) )
        return -1;
    rc = xencall1(xch->xcall, __HYPERVISOR_sysctl, (uintptr_t)b.hbuf);
    xc_bounce_post(xch, &b, rc >= 0);
    return rc < 0 ? -1 : 0;
}
