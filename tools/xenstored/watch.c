/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xen/io/xs_wire.h>

#include "conn.h"
#include "domain.h"
#include "path.h"
#include "perms.h"
#include "quota.h"
#include "request.h"
#include "special.h"
#include "transaction.h"
#include "watch.h"

struct watch {
    struct list_head list;
    char *path;                 /* absolute, or special */
    char *token;
    bool relative;              /* events name paths below the home */
};

static long watch_cost(const struct watch *w)
{
    return strlen(w->path) + strlen(w->token);
}

static void watch_free(struct connection *conn, struct watch *w)
{
    list_del(&w->list);
    conn->nr_watches--;
    domain_memory_charge(conn->id, -watch_cost(w), false);
    free(w->path);
    free(w->token);
    free(w);
}

void watches_free(struct connection *conn)
{
    while ( !list_empty(&conn->watches) )
        watch_free(conn, list_first_entry(&conn->watches, struct watch,
                                          list));
}

/* The path an event names for w: relative ones lose the home prefix. */
static const char *event_path(struct arena *a, const struct connection *conn,
                              const struct watch *w, const char *path)
{
    const char *home;

    if ( !w->relative )
        return path;
    home = path_home(a, conn_home_domid(conn));
    if ( !home )
        return NULL;
    path += strlen(home);
    return *path == '/' ? path + 1 : path;
}

/*
 * The permissions of a store node as requests see them, or NULL.  Only
 * they are copied: a parent's list of children can be large.
 */
static const struct node *read_perms(struct arena *a, const char *path)
{
    const struct node *n = path ? store_get(path) : NULL;
    struct node *copy = n ? arena_alloc(a, sizeof(*copy)) : NULL;

    if ( !copy )
        return NULL;
    *copy = (struct node){
        .path = n->path,
        .generation = n->generation,
        .nr_perms = n->nr_perms,
        .perms = arena_memdup(a, n->perms, n->nr_perms * sizeof(*n->perms)),
    };
    if ( !copy->perms )
        return NULL;
    perms_drop_stale(copy);
    return copy;
}

static bool readable(const struct connection *conn, const struct node *n)
{
    return n && (perm_for_conn(conn, n->nr_perms, n->perms) & PERM_READ);
}

/*
 * A connection sees an event if it may read the node or its parent, or
 * could read the node before (so that losing access is noticed).
 */
static bool sees(const struct connection *conn, const char *path,
                 const struct node *node, const struct node *parent,
                 unsigned int nr_old, const struct perm *old)
{
    if ( path[0] == '@' )
        return special_readable(conn, path);
    return readable(conn, node) || readable(conn, parent) ||
           (nr_old && (perm_for_conn(conn, nr_old, old) & PERM_READ));
}

static void notify(struct request *req, const char *path,
                   const struct node *node, bool exact,
                   unsigned int nr_old, const struct perm *old)
{
    const struct node *parent = NULL;
    struct connection *conn;
    const char *name;
    struct watch *w;

    if ( path[0] != '@' ) {
        if ( !node )
            node = read_perms(&req->arena, path);
        if ( strcmp(path, "/") )
            parent = read_perms(&req->arena, path_parent(&req->arena, path));
    }
    list_for_each_entry(conn, &connections, list) {
        if ( conn->closing || conn->ignored || list_empty(&conn->watches) ||
             !sees(conn, path, node, parent, nr_old, old) )
            continue;
        list_for_each_entry(w, &conn->watches, list) {
            if ( exact ? strcmp(path, w->path)
                       : !path_is_child(path, w->path) )
                continue;
            name = event_path(&req->arena, conn, w, path);
            if ( name )
                conn_event(conn, name, w->token, req->pending);
            /* Too much unread: the connection and its watches are gone. */
            if ( conn->closing )
                break;
        }
    }
}

void fire_watches(struct request *req, const char *path,
                  const struct node *node, bool exact,
                  unsigned int nr_old, const struct perm *old)
{
    if ( req->trans ) {
        trans_queue_watch(req->trans, path, exact);
        return;
    }
    notify(req, path, node, exact, nr_old, old);
}

void fire_special(const char *name)
{
    struct request req = { 0 };

    notify(&req, name, NULL, true, 0, NULL);
    arena_free(&req.arena);
}

/* Canonical, and valid as a node path or a special name. */
static int watch_path(struct request *req, const char *path, char **out,
                      bool *relative)
{
    *relative = path[0] != '/' && path[0] != '@';
    *out = path_canonical(&req->arena, req->conn, path);
    if ( !*out )
        return ENOMEM;
    if ( path[0] == '@' )
        return strlen(path) > XENSTORE_REL_PATH_MAX ? EINVAL : 0;
    return path_valid(*out) ? 0 : EINVAL;
}

static struct watch *find_watch(struct connection *conn, const char *path,
                                const char *token)
{
    struct watch *w;

    list_for_each_entry(w, &conn->watches, list)
        if ( !strcmp(w->path, path) && !strcmp(w->token, token) )
            return w;
    return NULL;
}

int do_watch(struct request *req)
{
    struct connection *conn = req->conn;
    const char *vec[2];
    struct watch *w;
    bool relative;
    char *path;
    int rc;

    if ( req_strings(req, vec, 2) != 2 )
        return EINVAL;
    rc = watch_path(req, vec[0], &path, &relative);
    if ( rc )
        return rc;
    if ( find_watch(conn, path, vec[1]) )
        return EEXIST;
    /* 4.17 lets a domain set one watch more than its quota. */
    if ( !conn_privileged(conn) &&
         conn->nr_watches > quota(QUOTA_WATCHES) ) {
        quota_hit(conn->id, QUOTA_WATCHES);
        return E2BIG;
    }

    w = calloc(1, sizeof(*w));
    if ( !w || !(w->path = strdup(path)) || !(w->token = strdup(vec[1])) ||
         domain_memory_charge(conn->id, watch_cost(w), true) ) {
        if ( w ) {
            free(w->path);
            free(w->token);
        }
        free(w);
        return ENOMEM;
    }
    w->relative = relative;
    list_add_tail(&w->list, &conn->watches);
    conn->nr_watches++;

    rc = reply_ok(req);
    if ( rc ) {
        watch_free(conn, w);
        return rc;
    }
    /* Fired once up front, for the client's convenience (4.17). */
    conn_event(conn, relative ? vec[0] : path, w->token, NULL);
    return 0;
}

int do_unwatch(struct request *req)
{
    const char *vec[2];
    struct watch *w;
    char *path;

    if ( req_strings(req, vec, 2) != 2 )
        return EINVAL;
    path = path_canonical(&req->arena, req->conn, vec[0]);
    if ( !path )
        return ENOMEM;
    w = find_watch(req->conn, path, vec[1]);
    if ( !w )
        return ENOENT;
    watch_free(req->conn, w);
    return reply_ok(req);
}

int do_reset_watches(struct request *req)
{
    watches_free(req->conn);
    trans_discard_all(req->conn);
    return reply_ok(req);
}
