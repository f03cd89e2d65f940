/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <string.h>

#include "ring.h"

/* The guest writes the page concurrently: load each index exactly once. */
#define load_index(p) __atomic_load_n(p, __ATOMIC_RELAXED)
#define store_index(p, v) __atomic_store_n(p, v, __ATOMIC_RELAXED)
/*
 * Indexes are read before the bytes they cover, and bytes are moved
 * before the index that hands them over is written.
 */
#define ring_barrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)

static bool indexes_ok(XENSTORE_RING_IDX cons, XENSTORE_RING_IDX prod)
{
    return prod - cons <= XENSTORE_RING_SIZE;
}

static unsigned int min_u(unsigned int a, unsigned int b)
{
    return a < b ? a : b;
}

/* Bytes moved, or -EIO when the guest's indexes are inconsistent. */
static int ring_read(struct xenstore_domain_interface *intf, void *buf,
                     unsigned int len)
{
    XENSTORE_RING_IDX cons = load_index(&intf->req_cons);
    XENSTORE_RING_IDX prod = load_index(&intf->req_prod);
    unsigned int n, first;

    ring_barrier();
    if ( !indexes_ok(cons, prod) )
        return -EIO;
    n = min_u(len, prod - cons);
    first = min_u(n, XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons));
    memcpy(buf, intf->req + MASK_XENSTORE_IDX(cons), first);
    memcpy((char *)buf + first, intf->req, n - first);
    ring_barrier();
    store_index(&intf->req_cons, cons + n);
    return n;
}

static int ring_write(struct xenstore_domain_interface *intf,
                      const void *buf, unsigned int len)
{
    XENSTORE_RING_IDX cons = load_index(&intf->rsp_cons);
    XENSTORE_RING_IDX prod = load_index(&intf->rsp_prod);
    unsigned int n, first;

    ring_barrier();
    if ( !indexes_ok(cons, prod) )
        return -EIO;
    n = min_u(len, XENSTORE_RING_SIZE - (prod - cons));
    first = min_u(n, XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod));
    memcpy(intf->rsp + MASK_XENSTORE_IDX(prod), buf, first);
    memcpy(intf->rsp, (const char *)buf + first, n - first);
    ring_barrier();
    store_index(&intf->rsp_prod, prod + n);
    return n;
}

bool ring_has_input(const struct xenstore_domain_interface *intf)
{
    return load_index(&intf->req_cons) != load_index(&intf->req_prod);
}

bool ring_has_room(const struct xenstore_domain_interface *intf)
{
    return load_index(&intf->rsp_prod) - load_index(&intf->rsp_cons) !=
           XENSTORE_RING_SIZE;
}

void ring_reset(struct xenstore_domain_interface *intf)
{
    store_index(&intf->req_cons, 0);
    store_index(&intf->req_prod, 0);
    store_index(&intf->rsp_cons, 0);
    store_index(&intf->rsp_prod, 0);
}

static int read_stream(void *intf, void *buf, unsigned int len)
{
    return ring_read(intf, buf, len);
}

static int write_stream(void *intf, const void *buf, unsigned int len)
{
    return ring_write(intf, buf, len);
}

static int broken(struct xenstore_domain_interface *intf, int rc)
{
    intf->error = rc == -EPROTO ? XENSTORE_ERROR_PROTO
                                : XENSTORE_ERROR_RINGIDX;
    return -1;
}

int ring_receive(struct xenstore_domain_interface *intf, struct msg_in *in)
{
    int rc = msg_receive(in, read_stream, intf);

    return rc < 0 ? broken(intf, rc) : rc;
}

int ring_send(struct xenstore_domain_interface *intf, struct msg_out *out)
{
    int rc = msg_send(out, write_stream, intf);

    return rc < 0 ? broken(intf, rc) : rc;
}
