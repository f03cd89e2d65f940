/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "control.h"
#include "introduce.h"
#include "log.h"
#include "node_ops.h"
#include "request.h"
#include "transaction.h"
#include "watch.h"

#define REQ_PRIV  (1u << 0)     /* privileged connections only */
#define REQ_NO_TX (1u << 1)     /* tx_id is not looked at */

static const struct {
    const char *name;
    int (*handle)(struct request *req);
    unsigned int flags;
} ops[XS_TYPE_COUNT] = {
/* Named without the XS_ prefix. */
#define OP(type, fn, fl) \
    [type] = { .name = #type + 3, .handle = fn, .flags = fl }
    OP(XS_CONTROL, do_control, REQ_PRIV),
    OP(XS_DIRECTORY, do_directory, 0),
    OP(XS_READ, do_read, 0),
    OP(XS_GET_PERMS, do_get_perms, 0),
    OP(XS_WATCH, do_watch, REQ_NO_TX),
    OP(XS_UNWATCH, do_unwatch, REQ_NO_TX),
    OP(XS_TRANSACTION_START, do_transaction_start, 0),
    OP(XS_TRANSACTION_END, do_transaction_end, 0),
    OP(XS_INTRODUCE, do_introduce, REQ_PRIV),
    OP(XS_RELEASE, do_release, REQ_PRIV),
    OP(XS_GET_DOMAIN_PATH, do_get_domain_path, 0),
    OP(XS_WRITE, do_write, 0),
    OP(XS_MKDIR, do_mkdir, 0),
    OP(XS_RM, do_rm, 0),
    OP(XS_SET_PERMS, do_set_perms, 0),
    OP(XS_WATCH_EVENT, NULL, 0),    /* replies only */
    OP(XS_ERROR, NULL, 0),
    OP(XS_IS_DOMAIN_INTRODUCED, do_is_domain_introduced, REQ_PRIV),
    OP(XS_RESUME, do_resume, REQ_PRIV),
    OP(XS_SET_TARGET, do_set_target, REQ_PRIV),
    OP(XS_RESET_WATCHES, do_reset_watches, 0),
    OP(XS_DIRECTORY_PART, do_directory_part, 0),
#undef OP
};

const char *msg_type_name(uint32_t type)
{
    if ( type < XS_TYPE_COUNT && ops[type].name )
        return ops[type].name;
    return "**UNKNOWN**";
}

int reply(struct request *req, uint32_t type, const void *data,
          unsigned int len)
{
    struct xsd_sockmsg hdr = *req->hdr;

    if ( len > XENSTORE_PAYLOAD_MAX )
        return E2BIG;
    hdr.type = type;
    hdr.len = len;
    return conn_reply(req->conn, &hdr, data, req->pending);
}

int reply_ok(struct request *req)
{
    return reply(req, req->hdr->type, "OK", sizeof("OK"));
}

/* Errors go by name; 4.17 answers EINVAL for one without a name. */
static void reply_error(struct request *req, int err)
{
    const char *name = "EINVAL";
    unsigned int i;

    for ( i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++ )
        if ( xsd_errors[i].errnum == err )
            name = xsd_errors[i].errstring;
    if ( reply(req, XS_ERROR, name, strlen(name) + 1) )
        log_msg(LOG_ERR, "no memory to answer %s to connection %p", name,
                (void *)req->conn);
}

const char *req_onearg(const struct request *req)
{
    unsigned int len = req->hdr->len;

    if ( !len || strlen(req->body) != len - 1 )
        return NULL;
    return req->body;
}

unsigned int req_strings(const struct request *req, const char **vec,
                         unsigned int max)
{
    const char *p = req->body, *end = req->body + req->hdr->len;
    unsigned int n = 0;
    const char *nul;

    while ( p < end && (nul = memchr(p, '\0', end - p)) ) {
        if ( n < max )
            vec[n] = p;
        n++;
        p = nul + 1;
    }
    return n;
}

unsigned int parse_domid(const char *s)
{
    return (unsigned int)strtol(s, NULL, 10);
}

static int dispatch(struct request *req)
{
    uint32_t type = req->hdr->type;

    if ( type >= XS_TYPE_COUNT || !ops[type].handle ) {
        trace("connection %p: unknown operation %u\n", (void *)req->conn,
              type);
        return ENOSYS;
    }
    if ( (ops[type].flags & REQ_PRIV) && !conn_privileged(req->conn) )
        return EACCES;
    if ( !(ops[type].flags & REQ_NO_TX) && req->hdr->tx_id ) {
        req->trans = trans_lookup(req->conn, req->hdr->tx_id);
        if ( !req->trans )
            return ENOENT;
    }
    return ops[type].handle(req);
}

void request_process(struct connection *conn, const struct xsd_sockmsg *hdr,
                     const char *body)
{
    struct request req = {
        .conn = conn,
        .hdr = hdr,
        .body = body,
        .pending = pending_new(conn),
    };
    int err;

    trace_io("IN", conn, hdr, body);
    err = dispatch(&req);
    if ( err )
        reply_error(&req, err);
    arena_free(&req.arena);
    pending_put(req.pending);
}
