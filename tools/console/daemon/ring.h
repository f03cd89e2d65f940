/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The two rings of a console page (xen/io/console.h), from the backend's
 * side.  The page is shared with the guest, which may write anything to
 * it at any time: each index is read once, and a ring whose indexes are
 * more than its size apart is left alone (nothing read, nothing written,
 * no index moved) until the guest puts them right.
 */
#ifndef CONSOLED_RING_H
#define CONSOLED_RING_H

#include <stddef.h>

#include <xen/io/console.h>

#define RING_OUT_SIZE sizeof(((struct xencons_interface *)0)->out)
#define RING_IN_SIZE  sizeof(((struct xencons_interface *)0)->in)

/*
 * Moves what the guest wrote to out into dst (RING_OUT_SIZE bytes of
 * room) and frees that part of the ring: the number of bytes, 0 if none,
 * -1 if the indexes make no sense.
 */
int ring_take_output(struct xencons_interface *intf, char *dst);

/* Bytes the in ring can take now: 0 when full or its indexes are bad. */
size_t ring_input_room(const struct xencons_interface *intf);

/* Puts up to len bytes on the in ring: how many fitted. */
size_t ring_put_input(struct xencons_interface *intf, const char *src,
                      size_t len);

#endif
