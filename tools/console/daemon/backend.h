/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How the daemon reaches a guest's console: its page, mapped from grant
 * GNTTAB_RESERVED_CONSOLE or, where the builder did not seed that grant,
 * as a foreign frame (the console/ring-ref gfn), as Xen's falls back; and
 * its event channel.  backend_xen.c is the real one, over
 * libxengnttab and libxenevtchn; the host tests link a fake instead.
 * Calls fail with NULL or an errno value.
 */
#ifndef CONSOLED_BACKEND_H
#define CONSOLED_BACKEND_H

#include <stdbool.h>

#include <xen/io/console.h>

/* Handles that serve every console; 0 or an errno value. */
int backend_open(void);
void backend_close(void);

/* *foreign says how it was mapped, for backend_unmap_ring. */
struct xencons_interface *backend_map_ring(unsigned int domid,
                                           unsigned long gfn, bool *foreign);
void backend_unmap_ring(struct xencons_interface *intf, bool foreign);

/* One console's event channel, bound to the guest's port. */
struct backend_port;

struct backend_port *backend_bind(unsigned int domid,
                                  unsigned int remote_port);
/* Unbinds and frees; port may be NULL. */
void backend_unbind(struct backend_port *port);

/* Polls readable when the guest has notified. */
int backend_port_fd(const struct backend_port *port);
/*
 * After the fd polled readable: takes the notification, after which no
 * more come until backend_port_unmask().  False if there was none.
 */
bool backend_port_take(struct backend_port *port);
void backend_port_unmask(struct backend_port *port);
void backend_port_notify(struct backend_port *port);

#endif
