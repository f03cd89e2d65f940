/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The server's side of a domain's xenstore page: requests come in on
 * req, replies and watch events go out on rsp.  The guest may change its
 * indexes at any moment, so each is read once and checked before use;
 * nothing here needs more than the page, so tests drive it in memory.
 */
#ifndef XENSTORED_RING_H
#define XENSTORED_RING_H

#include <stdbool.h>

#include <xen/io/xs_wire.h>

#include "msg.h"

bool ring_has_input(const struct xenstore_domain_interface *intf);
bool ring_has_room(const struct xenstore_domain_interface *intf);

/* Empties both rings, as (re)introducing a domain does. */
void ring_reset(struct xenstore_domain_interface *intf);

/*
 * msg_receive() and msg_send() over the ring.  When the stream breaks
 * they return -1 with the reason in intf->error: XENSTORE_ERROR_RINGIDX
 * for bad indexes, XENSTORE_ERROR_PROTO for an over-long message.
 */
int ring_receive(struct xenstore_domain_interface *intf, struct msg_in *in);
int ring_send(struct xenstore_domain_interface *intf, struct msg_out *out);

#endif
