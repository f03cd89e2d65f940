/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xen/xen.h>

#include "conn.h"
#include "domain.h"
#include "domain_ring.h"
#include "introduce.h"
#include "log.h"
#include "path.h"
#include "request.h"
#include "ring.h"
#include "special.h"
#include "watch.h"
#include "tree.h"

bool keep_orphans;

/* A decimal frame number (as libxenstore writes it): 0, or -1 if bad. */
static int parse_gfn(const char *s, uint64_t *gfn)
{
    char *end;

    errno = 0;
    *gfn = strtoull(s, &end, 10);
    return errno || end == s || *end || *s == '-' ? -1 : 0;
}

static void attach(struct domain *d, struct connection *conn)
{
    conn->domain = d;
    conn->id = d->domid;
    d->conn = conn;
    d->introduced = true;
}

/* Announces the ring: the guest may talk now. */
static void open_ring(struct connection *conn)
{
    conn->intf->connection = XENSTORE_CONNECTED;
    domain_ring_notify(conn);
}

/* domid, gfn of its ring page (used when its grant is not there), port */
int do_introduce(struct request *req)
{
    struct connection *conn;
    const char *vec[3];
    unsigned int domid;
    struct domain *d;
    uint64_t gfn;
    int port, rc;

    if ( req_strings(req, vec, 3) < 3 )
        return EINVAL;
    domid = parse_domid(vec[0]);
    port = parse_domid(vec[2]);
    if ( port <= 0 || domid >= DOMID_FIRST_RESERVED ||
         parse_gfn(vec[1], &gfn) )
        return EINVAL;
    d = domain_get(domid);
    if ( !d )
        return ENOMEM;

    if ( d->introduced ) {
        /* Again: a new event channel, and a fresh start. */
        conn = d->conn;
        if ( conn->intf && domain_ring_rebind(conn, port) )
            log_msg(LOG_ERR, "domain %u: binding port %d: %m", domid, port);
        conn_reset(conn);
        if ( conn->intf )
            ring_reset(conn->intf);
        return reply_ok(req);
    }

    rc = domain_ring_connect(d, gfn, port, &conn);
    if ( rc )
        return rc;
    attach(d, conn);
    ring_reset(conn->intf);
    open_ring(conn);
    if ( domid )
        fire_special("@introduceDomain");
    return reply_ok(req);
}

/* An introduced domain named by the only argument, which may not be 0. */
static int arg_domain(struct request *req, struct domain **out)
{
    const char *arg = req_onearg(req);
    struct domain *d;
    unsigned int domid;

    if ( !arg || !(domid = parse_domid(arg)) )
        return EINVAL;
    d = domain_find(domid);
    if ( !d || !d->introduced )
        return ENOENT;
    *out = d;
    return 0;
}

int do_release(struct request *req)
{
    struct domain *d;
    int rc = arg_domain(req, &d);

    if ( rc )
        return rc;
    conn_close(d->conn);
    return reply_ok(req);
}

/* xenstored does not track shutdown (it cannot ask the hypervisor). */
int do_resume(struct request *req)
{
    struct domain *d;
    int rc = arg_domain(req, &d);

    return rc ? rc : reply_ok(req);
}

static int introduced(const char *arg, struct domain **out)
{
    struct domain *d = domain_find(parse_domid(arg));

    if ( !d || !d->introduced )
        return ENOENT;
    *out = d;
    return 0;
}

/* domid, target: domid gets target's rights. */
int do_set_target(struct request *req)
{
    struct domain *d, *target;
    const char *vec[2];
    int rc;

    if ( req_strings(req, vec, 2) < 2 )
        return EINVAL;
    rc = introduced(vec[0], &d);
    if ( !rc )
        rc = introduced(vec[1], &target);
    if ( rc )
        return rc;
    d->conn->has_target = true;
    d->conn->target = target->domid;
    return reply_ok(req);
}

int do_get_domain_path(struct request *req)
{
    const char *arg = req_onearg(req);
    char *path;

    if ( !arg )
        return EINVAL;
    path = path_home(&req->arena, parse_domid(arg));
    if ( !path )
        return ENOMEM;
    return reply(req, XS_GET_DOMAIN_PATH, path, strlen(path) + 1);
}

int do_is_domain_introduced(struct request *req)
{
    const char *arg = req_onearg(req);
    const struct domain *d;
    unsigned int domid;

    if ( !arg )
        return EINVAL;
    domid = parse_domid(arg);
    d = domain_find(domid);
    return reply(req, XS_IS_DOMAIN_INTRODUCED,
                 domid == DOMID_SELF || (d && d->introduced) ? "T" : "F", 2);
}

int dom0_init(void)
{
    struct connection *conn;
    struct domain *d;
    uint32_t port;
    int rc;

    rc = dom0_ring_port(&port);
    if ( rc )
        return rc;
    d = domain_get(0);
    if ( !d )
        return ENOMEM;
    /* The kernel may have queued requests already: no ring reset. */
    rc = domain_ring_connect(d, 0, port, &conn);
    if ( rc )
        return rc;
    attach(d, conn);
    open_ring(conn);
    return 0;
}

int domain_become(struct connection *conn, unsigned int domid)
{
    struct domain *d;

    if ( conn->domain || conn->intf || !domid ||
         domid >= DOMID_FIRST_RESERVED )
        return EINVAL;
    /* What a plain socket holds is dom0's: nothing may carry over. */
    if ( !list_empty(&conn->watches) || !list_empty(&conn->transactions) ||
         !list_empty(&conn->out) )
        return EBUSY;
    d = domain_get(domid);
    if ( !d )
        return ENOMEM;
    if ( d->introduced )
        return EEXIST;
    attach(d, conn);
    fire_special("@introduceDomain");
    return 0;
}

/*
 * Pre-order, so a removed node takes its subtree along.  Kept nodes go
 * to the privileged domain.
 */
static int remove_owned(struct request *req, const char *path,
                        struct domain *d)
{
    struct arena a = { 0 };
    unsigned int off;
    struct node *n;
    char *child;
    int rc = node_read(req, &a, path, &n);

    if ( !rc && n->perms[0].id == d->domid ) {
        /* The root cannot go, whoever was made its owner. */
        if ( !keep_orphans && strcmp(path, "/") ) {
            rc = node_rm(req, path);
            arena_free(&a);
            return rc;
        }
        n->perms[0].id = priv_domid;
        node_change_owner(req, d->domid, priv_domid);
        rc = node_write(req, n, false);
    }
    for ( off = 0; !rc && d->nodes && off < n->childlen;
          off += strlen(n->children + off) + 1 ) {
        child = path_join(&a, path, n->children + off);
        rc = child ? remove_owned(req, child, d) : ENOMEM;
    }
    arena_free(&a);
    return rc;
}

void domain_released(struct domain *d)
{
    struct request req = { 0 };

    d->conn = NULL;
    d->introduced = false;
    if ( d->nodes && remove_owned(&req, "/", d) )
        log_msg(LOG_ERR, "domain %u: removing its nodes failed", d->domid);
    arena_free(&req.arena);
    special_forget(d->domid, priv_domid);
    fire_special("@releaseDomain");
    domain_free(d);
}
