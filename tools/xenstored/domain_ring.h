/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains' connections over their rings: the page is mapped through the
 * grant device (grant GNTTAB_RESERVED_XENSTORE), or for dom0's own
 * kernel from /proc/xen/xsd_kva; the event channel is bound through the
 * event channel device.
 */
#ifndef XENSTORED_DOMAIN_RING_H
#define XENSTORED_DOMAIN_RING_H

#include <stdint.h>

struct connection;
struct domain;

/* Opens the Xen devices if that is not done yet: errno. */
int domain_ring_open(void);
void domain_ring_close(void);
/* To poll for events, or -1. */
int domain_ring_fd(void);
/* Takes one fired port; the rings themselves are looked at anyway. */
void domain_ring_event(void);

/*
 * A connection over domain d's ring, whose event channel is port in d:
 * errno when the page cannot be mapped or the port bound.
 */
int domain_ring_connect(struct domain *d, uint32_t port,
                        struct connection **out);
/* Binds a new port instead (INTRODUCE again): errno. */
int domain_ring_rebind(struct connection *conn, uint32_t port);
void domain_ring_notify(struct connection *conn);

/* The port dom0's kernel allocated for xenstored: errno. */
int dom0_ring_port(uint32_t *port);

#endif
