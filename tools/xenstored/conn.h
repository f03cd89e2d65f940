/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Connections: Unix sockets and domains' rings behind one interface.
 * Each reads one request at a time, answers in order, and queues its
 * replies and watch events until the peer takes them.
 *
 * What a connection may hold is bounded.  A partly received request is
 * at most XENSTORE_PAYLOAD_MAX bytes.  An unprivileged domain is not read
 * from while it has too many outstanding requests or is at its memory
 * quota, and its watch events are dropped when they would take it over
 * that quota or wait longer than the watch-event timeout (all as 4.17).
 * 4.17 bounds nothing for privileged connections; here one is not read
 * from while more than PRIV_OUTPUT_BACKLOG bytes wait for it, and is
 * dropped when watch events pile up beyond PRIV_OUTPUT_MAX.
 */
#ifndef XENSTORED_CONN_H
#define XENSTORED_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "list.h"
#include "msg.h"

#define PRIV_OUTPUT_BACKLOG (256 * 1024)
#define PRIV_OUTPUT_MAX     (4 * 1024 * 1024)

struct connection;
struct domain;
struct pending;
struct xenstore_domain_interface;

struct transport {
    /* As msg_receive() into conn->in, but any failure is negative. */
    int (*receive)(struct connection *conn);
    /* As msg_send(), but any failure is negative. */
    int (*send)(struct connection *conn, struct msg_out *out);
    /* Whether receive or send can make progress (revents from poll). */
    bool (*readable)(const struct connection *conn, short revents);
    bool (*writable)(const struct connection *conn, short revents);
    /* The stream broke: sockets are closed, rings stop being served. */
    void (*broken)(struct connection *conn);
    /* Frees what the transport holds (fd, mapping, port). */
    void (*release)(struct connection *conn);
};

struct connection {
    struct list_head list;
    const struct transport *transport;
    int fd;                     /* a socket's, or -1 */
    struct xenstore_domain_interface *intf;     /* a ring's page */
    uint32_t port;              /* a ring's local event channel */
    enum {
        INTF_LOCAL,             /* dom0's own ring, from /proc/xen/xsd_kva */
        INTF_GRANT,             /* through grant GNTTAB_RESERVED_XENSTORE */
        INTF_FOREIGN,           /* its frame mapped by dom0's privilege */
    } intf_map;
    struct domain *domain;      /* NULL for sockets that are not a domain */
    unsigned int id;            /* the domid whose rights it has */
    bool has_target;            /* SET_TARGET: also has target's rights */
    unsigned int target;
    bool ignored;               /* no longer served (4.17's is_ignored) */
    bool closing;               /* freed by conn_reap() */
    struct msg_in in;
    struct list_head out;
    size_t out_bytes;
    struct list_head watches;
    unsigned int nr_watches;
    struct list_head transactions;
    unsigned int nr_transactions;
    uint32_t next_tx_id;
    int pollidx;                /* in main's poll array, or -1 */
};

extern struct list_head connections;

struct connection *conn_new(const struct transport *t);
/* Not an unprivileged domain; NULL is the daemon itself. */
bool conn_privileged(const struct connection *conn);
unsigned int conn_home_domid(const struct connection *conn);

/* Drops watches, transactions, queued output and partial input. */
void conn_reset(struct connection *conn);
/* Stops serving a connection whose stream broke; it stays introduced. */
void conn_ignore(struct connection *conn);
/* Ends a connection (and the domain it is) now; freed by conn_reap(). */
void conn_close(struct connection *conn);
void conn_reap(void);
/* At exit: frees every connection without ending domains. */
void conns_destroy(void);

/* Reads at most one request and writes what it can. */
void conn_service(struct connection *conn, short revents);
bool conn_wants_input(struct connection *conn);
/* Work to do now without waiting for poll (rings). */
bool conn_ready(struct connection *conn);
/* Drops events past their deadline; the next deadline, or 0. */
uint64_t conn_expire_events(struct connection *conn, uint64_t now);

/* Queues a reply with hdr's type, ids and len: ENOMEM. */
int conn_reply(struct connection *conn, const struct xsd_sockmsg *hdr,
               const void *body, struct pending *p);
/* Queues a watch event, unless it is dropped (see above). */
void conn_event(struct connection *conn, const char *path, const char *token,
                struct pending *p);

struct pending *pending_new(struct connection *conn);
void pending_put(struct pending *p);

uint64_t now_ms(void);

#endif
