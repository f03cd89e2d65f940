/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conn.h"
#include "domain.h"
#include "introduce.h"
#include "log.h"
#include "quota.h"
#include "request.h"
#include "transaction.h"
#include "watch.h"

/*
 * A request of an unprivileged domain, counted against its outstanding
 * quota until its reply and every watch event it caused are sent.
 */
struct pending {
    unsigned int domid;
    unsigned int refs;
};

struct out_msg {
    struct list_head list;
    struct msg_out msg;
    struct pending *pending;
    uint64_t deadline;          /* ms: an event dropped if not begun by then */
    bool event;
    char body[];
};

/* 4.17 charges small replies without checking the memory quota. */
#define SMALL_REPLY 16

struct list_head connections = LIST_HEAD_INIT(connections);

uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

struct connection *conn_new(const struct transport *t)
{
    struct connection *conn = calloc(1, sizeof(*conn));

    if ( !conn )
        return NULL;
    conn->transport = t;
    conn->fd = -1;
    conn->pollidx = -1;
    conn->next_tx_id = 1;
    list_init(&conn->out);
    list_init(&conn->watches);
    list_init(&conn->transactions);
    list_add_tail(&conn->list, &connections);
    return conn;
}

bool conn_privileged(const struct connection *conn)
{
    return !conn || !conn->domain || domid_privileged(conn->domain->domid);
}

unsigned int conn_home_domid(const struct connection *conn)
{
    return conn->id;
}

struct pending *pending_new(struct connection *conn)
{
    struct pending *p;

    if ( conn_privileged(conn) || !(p = malloc(sizeof(*p))) )
        return NULL;
    p->domid = conn->id;
    p->refs = 1;
    conn->domain->outstanding++;
    return p;
}

static struct pending *pending_get(struct pending *p)
{
    if ( p )
        p->refs++;
    return p;
}

void pending_put(struct pending *p)
{
    struct domain *d;

    if ( !p || --p->refs )
        return;
    /* The domain may have gone (and even come back) meanwhile. */
    d = domain_find(p->domid);
    if ( d && d->outstanding )
        d->outstanding--;
    free(p);
}

static size_t out_size(const struct out_msg *m)
{
    return sizeof(m->msg.hdr) + m->msg.hdr.len;
}

static struct out_msg *out_new(const struct xsd_sockmsg *hdr)
{
    struct out_msg *m = malloc(sizeof(*m) + hdr->len);

    if ( !m )
        return NULL;
    memset(m, 0, sizeof(*m));
    m->msg.hdr = *hdr;
    m->msg.body = m->body;
    return m;
}

static void out_queue(struct connection *conn, struct out_msg *m)
{
    list_add_tail(&m->list, &conn->out);
    conn->out_bytes += out_size(m);
}

static void out_free(struct connection *conn, struct out_msg *m)
{
    list_del(&m->list);
    conn->out_bytes -= out_size(m);
    domain_memory_charge(conn->id, -(long)out_size(m), false);
    pending_put(m->pending);
    free(m);
}

int conn_reply(struct connection *conn, const struct xsd_sockmsg *hdr,
               const void *body, struct pending *p)
{
    size_t size = sizeof(*hdr) + hdr->len;
    struct out_msg *m;

    /* Nobody is listening any more. */
    if ( conn->closing || conn->ignored )
        return 0;
    if ( domain_memory_charge(conn->id, size, hdr->len > SMALL_REPLY) )
        return ENOMEM;
    m = out_new(hdr);
    if ( !m ) {
        domain_memory_charge(conn->id, -(long)size, false);
        return ENOMEM;
    }
    memcpy(m->body, body, hdr->len);
    m->pending = pending_get(p);
    out_queue(conn, m);
    return 0;
}

/*
 * 4.17 queues an event only once while it waits; special ones always.
 * Only the latest few queued are compared, so that a long queue does
 * not make each new event cost more.
 */
#define DEDUP_WINDOW 64

static bool event_queued(const struct connection *conn, const char *body,
                         unsigned int len)
{
    const struct list_head *pos = conn->out.prev;
    const struct out_msg *m;
    unsigned int n;

    for ( n = 0; pos != &conn->out && n < DEDUP_WINDOW; n++ ) {
        m = list_entry(pos, struct out_msg, list);
        if ( m->event && m->msg.hdr.len == len &&
             !memcmp(m->body, body, len) )
            return true;
        pos = pos->prev;
    }
    return false;
}

void conn_event(struct connection *conn, const char *path, const char *token,
                struct pending *p)
{
    size_t pathlen = strlen(path) + 1, len = pathlen + strlen(token) + 1;
    struct xsd_sockmsg hdr = { .type = XS_WATCH_EVENT, .len = len };
    struct out_msg *m;

    if ( conn->closing || conn->ignored || len > XENSTORE_PAYLOAD_MAX )
        return;
    m = out_new(&hdr);
    if ( !m )
        return;
    memcpy(m->body, path, pathlen);
    strcpy(m->body + pathlen, token);
    if ( (path[0] != '@' && event_queued(conn, m->body, len)) ||
         domain_memory_charge(conn->id, out_size(m), true) ) {
        free(m);
        return;
    }
    m->event = true;
    if ( !conn_privileged(conn) && watch_event_timeout_ms )
        m->deadline = now_ms() + watch_event_timeout_ms;
    m->pending = pending_get(p);
    out_queue(conn, m);

    if ( conn_privileged(conn) && conn->out_bytes > PRIV_OUTPUT_MAX ) {
        log_msg(LOG_ERR, "connection %p dropped: %zu bytes of watch events "
                "not read", (void *)conn, conn->out_bytes);
        conn_close(conn);
    }
}

uint64_t conn_expire_events(struct connection *conn, uint64_t now)
{
    struct out_msg *m, *tmp;
    uint64_t next = 0;

    list_for_each_entry_safe(m, tmp, &conn->out, list) {
        if ( !m->deadline || m->msg.sent )
            continue;
        if ( m->deadline <= now ) {
            trace("watch event %s for domain %u timed out\n", m->body,
                  conn->id);
            out_free(conn, m);
        } else if ( !next || m->deadline < next ) {
            next = m->deadline;
        }
    }
    return next;
}

void conn_reset(struct connection *conn)
{
    watches_free(conn);
    trans_discard_all(conn);
    while ( !list_empty(&conn->out) )
        out_free(conn, list_first_entry(&conn->out, struct out_msg, list));
    msg_in_reset(&conn->in);
}

void conn_ignore(struct connection *conn)
{
    trace("connection %p ignored\n", (void *)conn);
    conn->ignored = true;
    conn_reset(conn);
}

void conn_close(struct connection *conn)
{
    struct domain *d = conn->domain;

    if ( conn->closing )
        return;
    conn->closing = true;
    conn_reset(conn);
    conn->transport->release(conn);
    if ( d ) {
        conn->domain = NULL;
        domain_released(d);
    }
}

void conn_reap(void)
{
    struct connection *conn, *tmp;

    list_for_each_entry_safe(conn, tmp, &connections, list) {
        if ( conn->closing ) {
            list_del(&conn->list);
            free(conn);
        }
    }
}

void conns_destroy(void)
{
    struct connection *conn, *tmp;

    list_for_each_entry_safe(conn, tmp, &connections, list) {
        if ( !conn->closing ) {
            conn_reset(conn);
            conn->transport->release(conn);
        }
        list_del(&conn->list);
        free(conn);
    }
}

bool conn_wants_input(struct connection *conn)
{
    struct domain *d = conn->domain;

    if ( conn->closing || conn->ignored )
        return false;
    if ( conn_privileged(conn) )
        return conn->out_bytes <= PRIV_OUTPUT_BACKLOG;
    if ( d->outstanding >= quota(QUOTA_OUTSTANDING) ) {
        quota_hit(d->domid, QUOTA_OUTSTANDING);
        return false;
    }
    return !domain_memory_full(d);
}

bool conn_ready(struct connection *conn)
{
    const struct transport *t = conn->transport;

    if ( conn->closing || conn->ignored )
        return false;
    return (conn_wants_input(conn) && t->readable(conn, 0)) ||
           (!list_empty(&conn->out) && t->writable(conn, 0));
}

static void flush(struct connection *conn)
{
    struct out_msg *m;
    int rc;

    while ( !list_empty(&conn->out) ) {
        m = list_first_entry(&conn->out, struct out_msg, list);
        rc = conn->transport->send(conn, &m->msg);
        if ( rc < 0 ) {
            conn->transport->broken(conn);
            return;
        }
        if ( !rc )
            return;
        trace_io("OUT", conn, &m->msg.hdr, m->body);
        out_free(conn, m);
    }
}

void conn_service(struct connection *conn, short revents)
{
    const struct transport *t = conn->transport;
    struct msg_in in;
    int rc;

    if ( conn->closing || conn->ignored )
        return;
    if ( revents & (POLLERR | POLLHUP | POLLNVAL) ) {
        conn_close(conn);
        return;
    }
    if ( conn_wants_input(conn) && t->readable(conn, revents) ) {
        rc = t->receive(conn);
        if ( rc < 0 ) {
            t->broken(conn);
            return;
        }
        if ( rc ) {
            /* The request may reset its own connection: take it out. */
            in = conn->in;
            memset(&conn->in, 0, sizeof(conn->in));
            request_process(conn, &in.hdr, in.body);
            msg_in_reset(&in);
        }
    }
    if ( !conn->closing && !conn->ignored && !list_empty(&conn->out) &&
         t->writable(conn, revents) )
        flush(conn);
}
