/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxenevtchn over Linux's /dev/xen/evtchn: the ports a handle binds
 * belong to its open file, so closing the handle unbinds them all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <xen-sys/Linux/evtchn.h>

#include "xenevtchn.h"

struct xenevtchn_handle {
    int fd;
};

xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                 unsigned int flags)
{
    int oflags = O_RDWR | ((flags & XENEVTCHN_NO_CLOEXEC) ? 0 : O_CLOEXEC);
    xenevtchn_handle *xce = malloc(sizeof(*xce));

    if ( !xce )
        return NULL;
    xce->fd = open("/dev/xen/evtchn", oflags);
    if ( xce->fd < 0 ) {
        int err = errno;

        free(xce);
        errno = err;
        return NULL;
    }
    return xce;
}

int xenevtchn_close(xenevtchn_handle *xce)
{
    int rc;

    if ( !xce )
        return 0;
    rc = close(xce->fd);
    free(xce);
    return rc;
}

int xenevtchn_fd(xenevtchn_handle *xce)
{
    return xce->fd;
}

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    struct ioctl_evtchn_notify op = { .port = port };

    return ioctl(xce->fd, IOCTL_EVTCHN_NOTIFY, &op);
}

xenevtchn_port_or_error_t
xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                           evtchn_port_t remote_port)
{
    struct ioctl_evtchn_bind_interdomain op = {
        .remote_domain = domid,
        .remote_port = remote_port,
    };

    /* The driver answers with the new local port. */
    return ioctl(xce->fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &op);
}

xenevtchn_port_or_error_t
xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq)
{
    struct ioctl_evtchn_bind_virq op = { .virq = virq };

    return ioctl(xce->fd, IOCTL_EVTCHN_BIND_VIRQ, &op);
}

int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    struct ioctl_evtchn_unbind op = { .port = port };

    return ioctl(xce->fd, IOCTL_EVTCHN_UNBIND, &op);
}

xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    evtchn_port_t port;
    ssize_t n = read(xce->fd, &port, sizeof(port));

    if ( n == sizeof(port) )
        return port;
    if ( n >= 0 )
        errno = EIO;
    return -1;
}

int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    /* Writing a port back to the device unmasks it. */
    ssize_t n = write(xce->fd, &port, sizeof(port));

    if ( n == sizeof(port) )
        return 0;
    if ( n >= 0 )
        errno = EIO;
    return -1;
}
