/* SPDX-License-Identifier: MIT */
/*
 * libxenevtchn: event channels for user space, over Linux's
 * /dev/xen/evtchn.  The subset of Xen's API that the daemons of this tree
 * use, with Xen's names and semantics: calls return -1 with errno set on
 * failure.
 */
#ifndef XENEVTCHN_H
#define XENEVTCHN_H

#include <stdint.h>

/*
 * As in xen/event_channel.h, which is not included because xen/xen.h
 * builds for arm64 only and this header also serves host builds.
 */
typedef uint32_t evtchn_port_t;

/* A local port, or -1 with errno set. */
typedef int xenevtchn_port_or_error_t;

typedef struct xenevtchn_handle xenevtchn_handle;

/* Accepted for compatibility with Xen's API; never used. */
struct xentoollog_logger;

/* Keep the device open across exec (the default is close-on-exec). */
#define XENEVTCHN_NO_CLOEXEC (1 << 0)

xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger,
                                 unsigned int flags);
int xenevtchn_close(xenevtchn_handle *xce);

/* Readable when a bound port has fired: then call xenevtchn_pending(). */
int xenevtchn_fd(xenevtchn_handle *xce);

int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port);

/* Binds a new local port to remote_port of domain domid. */
xenevtchn_port_or_error_t
xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                           evtchn_port_t remote_port);
/* A port of this handle's for a global VIRQ (e.g. VIRQ_DOM_EXC). */
xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce,
                                              unsigned int virq);
int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port);

/*
 * The next port that fired; it stays masked until xenevtchn_unmask().
 * Blocks unless xenevtchn_fd() polled readable.
 */
xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce);
int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port);

#endif
