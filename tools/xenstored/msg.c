/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

/* Reads into buf[*used..want) as far as the stream allows. */
static int fill(void *buf, unsigned int *used, unsigned int want,
                msg_read_fn *read, void *stream)
{
    int n;

    while ( *used < want ) {
        n = read(stream, (char *)buf + *used, want - *used);
        if ( n <= 0 )
            return n;
        *used += n;
    }
    return 1;
}

int msg_receive(struct msg_in *in, msg_read_fn *read, void *stream)
{
    int rc;

    if ( !in->in_body ) {
        rc = fill(&in->hdr, &in->used, sizeof(in->hdr), read, stream);
        if ( rc <= 0 )
            return rc;
        if ( in->hdr.len > XENSTORE_PAYLOAD_MAX )
            return -EPROTO;
        /* Short of memory: the stream keeps the rest, so try later. */
        in->body = malloc(in->hdr.len + 1);
        if ( !in->body )
            return 0;
        in->body[in->hdr.len] = '\0';
        in->used = 0;
        in->in_body = true;
    }
    return fill(in->body, &in->used, in->hdr.len, read, stream);
}

void msg_in_reset(struct msg_in *in)
{
    free(in->body);
    memset(in, 0, sizeof(*in));
}

int msg_send(struct msg_out *out, msg_write_fn *write, void *stream)
{
    unsigned int total = sizeof(out->hdr) + out->hdr.len;
    const char *from;
    int n;

    while ( out->sent < total ) {
        if ( out->sent < sizeof(out->hdr) )
            from = (const char *)&out->hdr + out->sent;
        else
            from = out->body + (out->sent - sizeof(out->hdr));
        n = write(stream, from, out->sent < sizeof(out->hdr)
                                ? sizeof(out->hdr) - out->sent
                                : total - out->sent);
        if ( n <= 0 )
            return n;
        out->sent += n;
    }
    return 1;
}
