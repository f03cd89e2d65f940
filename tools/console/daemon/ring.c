/* SPDX-License-Identifier: GPL-2.0-only */
#include <string.h>

#include "ring.h"

/*
 * Full barriers, as the guest may run on another CPU: data must be read
 * only after the producer index that covers it, and an index moved only
 * after the data it covers is read or written.
 */
#define ring_barrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* One load of a shared index, which the compiler may not repeat. */
#define read_index(p)      __atomic_load_n(p, __ATOMIC_RELAXED)
#define write_index(p, v)  __atomic_store_n(p, v, __ATOMIC_RELAXED)

int ring_take_output(struct xencons_interface *intf, char *dst)
{
    XENCONS_RING_IDX cons = read_index(&intf->out_cons);
    XENCONS_RING_IDX prod = read_index(&intf->out_prod);
    XENCONS_RING_IDX len = prod - cons, off, first;

    ring_barrier();
    if ( len > RING_OUT_SIZE )
        return -1;
    if ( !len )
        return 0;

    /* At most two pieces: up to the end of the ring, then from its start. */
    off = MASK_XENCONS_IDX(cons, intf->out);
    first = RING_OUT_SIZE - off;
    if ( first > len )
        first = len;
    memcpy(dst, intf->out + off, first);
    memcpy(dst + first, intf->out, len - first);

    ring_barrier();
    write_index(&intf->out_cons, cons + len);
    return len;
}

/* prod - cons of the in ring, or more than its size if they are bad. */
static XENCONS_RING_IDX input_used(const struct xencons_interface *intf,
                                   XENCONS_RING_IDX *prod)
{
    XENCONS_RING_IDX cons = read_index(&intf->in_cons);

    *prod = read_index(&intf->in_prod);
    ring_barrier();
    return *prod - cons;
}

size_t ring_input_room(const struct xencons_interface *intf)
{
    XENCONS_RING_IDX prod, used = input_used(intf, &prod);

    return used > RING_IN_SIZE ? 0 : RING_IN_SIZE - used;
}

size_t ring_put_input(struct xencons_interface *intf, const char *src,
                      size_t len)
{
    XENCONS_RING_IDX prod, used = input_used(intf, &prod), off, first;

    if ( used > RING_IN_SIZE )
        return 0;
    if ( len > RING_IN_SIZE - used )
        len = RING_IN_SIZE - used;
    if ( !len )
        return 0;

    off = MASK_XENCONS_IDX(prod, intf->in);
    first = RING_IN_SIZE - off;
    if ( first > len )
        first = len;
    memcpy(intf->in + off, src, first);
    memcpy(intf->in, src + first, len - first);

    ring_barrier();
    write_index(&intf->in_prod, prod + (XENCONS_RING_IDX)len);
    return len;
}
