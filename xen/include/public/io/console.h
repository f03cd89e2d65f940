/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: the PV console page.  A guest's first console is one shared
 * page holding two byte rings: out carries what the guest writes, in what
 * is typed to it.  Each ring has a free-running producer and consumer
 * index: the writer of a ring advances prod, its reader cons, and an
 * index is reduced to a byte offset only when used, so prod - cons (in
 * unsigned arithmetic) is the number of bytes waiting, which is never
 * more than the ring's size in a well-behaved guest.  After moving an
 * index, either side notifies the other over the console's event channel.
 *
 * The guest fills out and advances out_prod; the backend (xenconsoled)
 * empties it and advances out_cons.  For in, the roles are swapped.
 */
#ifndef __XEN_PUBLIC_IO_CONSOLE_H__
#define __XEN_PUBLIC_IO_CONSOLE_H__

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

/* An index reduced to an offset in ring (whose size is a power of two). */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

/*
 * Offsets are part of the ABI: in at 0, out at 1024, then in_cons (3072),
 * in_prod (3076), out_cons (3080) and out_prod (3084).
 */
struct xencons_interface {
    char in[1024];
    char out[2048];
    XENCONS_RING_IDX in_cons, in_prod;
    XENCONS_RING_IDX out_cons, out_prod;
};

#endif /* __XEN_PUBLIC_IO_CONSOLE_H__ */
