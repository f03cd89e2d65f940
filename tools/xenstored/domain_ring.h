/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains' connections over their rings: the page is mapped through the
 * grant device (grant GNTTAB_RESERVED_XENSTORE) or, when the builder did
 * not seed that grant, as a foreign frame (the gfn INTRODUCE names), as
 * Xen's xenstored falls back; dom0's own kernel's comes from
 * /proc/xen/xsd_kva.  Event channels are bound through the event channel
 * device, which also carries VIRQ_DOM_EXC: domains shutting down or gone.
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
 * A connection over domain d's ring, the page at gfn in d, whose event
 * channel is port in d: errno when the page cannot be mapped or the port
 * bound.
 */
int domain_ring_connect(struct domain *d, uint64_t gfn, uint32_t port,
                        struct connection **out);
/* Binds a new port instead (INTRODUCE again): errno. */
int domain_ring_rebind(struct connection *conn, uint32_t port);
void domain_ring_notify(struct connection *conn);

/* The port dom0's kernel allocated for xenstored: errno. */
int dom0_ring_port(uint32_t *port);

#endif
