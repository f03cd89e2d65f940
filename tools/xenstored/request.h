/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One request being handled: who asked, in which transaction, and the
 * arena its temporaries live in.  Handlers return 0 once they replied,
 * or the errno the requester is answered with.
 */
#ifndef XENSTORED_REQUEST_H
#define XENSTORED_REQUEST_H

#include <xen/io/xs_wire.h>

#include "arena.h"

struct connection;
struct pending;
struct transaction;

struct request {
    struct connection *conn;    /* NULL: the daemon's own doing */
    struct transaction *trans;
    struct arena arena;
    const struct xsd_sockmsg *hdr;
    const char *body;           /* hdr->len bytes, NUL-terminated beyond */
    struct pending *pending;    /* the requester is an unprivileged domain */
};

void request_process(struct connection *conn, const struct xsd_sockmsg *hdr,
                     const char *body);

/* "READ" and so on, for traces. */
const char *msg_type_name(uint32_t type);

/* Replies with the request's ids: E2BIG beyond XENSTORE_PAYLOAD_MAX, ENOMEM. */
int reply(struct request *req, uint32_t type, const void *data,
          unsigned int len);
/* The "OK" most requests answer with. */
int reply_ok(struct request *req);

/* The payload's only string: NULL unless it has exactly one NUL, last. */
const char *req_onearg(const struct request *req);
/*
 * How many NUL-terminated strings the payload holds (bytes after the last
 * NUL are no string); the first max of them go to vec.
 */
unsigned int req_strings(const struct request *req, const char **vec,
                         unsigned int max);
/* A domid argument, read as 4.17 does (atoi). */
unsigned int parse_domid(const char *s);

#endif
