/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Framing of the wire protocol over any byte stream (a socket or a
 * domain's ring): a struct xsd_sockmsg, then len bytes of payload.
 * Exactly one message is read at a time, so nothing of the next one is
 * taken from the stream before this one is dealt with.
 */
#ifndef XENSTORED_MSG_H
#define XENSTORED_MSG_H

#include <stdbool.h>

#include <xen/io/xs_wire.h>

struct msg_in {
    struct xsd_sockmsg hdr;
    unsigned int used;      /* bytes of the header, then of the body, in */
    bool in_body;
    char *body;             /* hdr.len bytes and a NUL, once the header is in */
};

struct msg_out {
    struct xsd_sockmsg hdr;
    unsigned int sent;      /* bytes of header and body written */
    const char *body;
};

/*
 * Moves up to len bytes: returns how many (0 when the stream has nothing
 * or no room now), or a negative errno when the stream is broken.
 */
typedef int msg_read_fn(void *stream, void *buf, unsigned int len);
typedef int msg_write_fn(void *stream, const void *buf, unsigned int len);

/*
 * 1 once the message is whole, 0 while it is not, -EPROTO if its header
 * announces more than XENSTORE_PAYLOAD_MAX, or the stream's error.
 */
int msg_receive(struct msg_in *in, msg_read_fn *read, void *stream);
/* Frees the body: in is ready for the next message. */
void msg_in_reset(struct msg_in *in);

/* 1 once all is written, 0 while the stream is full, or its error. */
int msg_send(struct msg_out *out, msg_write_fn *write, void *stream);

#endif
