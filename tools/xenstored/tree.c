/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "log.h"
#include "path.h"
#include "perms.h"
#include "quota.h"
#include "transaction.h"
#include "tree.h"
#include "watch.h"

/* Errors that say nothing about the node: they are always told. */
static bool always_told(int err)
{
    return err == ENOMEM || err == ENOSPC;
}

int node_read(struct request *req, struct arena *a, const char *path,
              struct node **out)
{
    const struct node *n;
    int rc;

    if ( req->trans ) {
        rc = trans_get(req, path, &n);
        if ( rc )
            return rc;
    } else {
        n = store_get(path);
    }
    if ( !n )
        return ENOENT;
    *out = node_copy(a, n);
    if ( !*out )
        return ENOMEM;
    perms_drop_stale(*out);
    return 0;
}

static void count_nodes(struct request *req, unsigned int domid, int delta)
{
    if ( req->trans )
        trans_count_nodes(req->trans, domid, delta);
    else
        domain_nodes_add(domid, delta);
}

void node_change_owner(struct request *req, unsigned int from,
                       unsigned int to)
{
    count_nodes(req, from, -1);
    count_nodes(req, to, 1);
}

/*
 * A requester may not learn whether a node exists from the error unless
 * it holds perm on the node's closest existing parent.
 */
static int error_for(struct request *req, const char *path, int err,
                     unsigned int perm)
{
    struct node *parent = NULL;
    const char *up = path;
    int rc;

    if ( always_told(err) )
        return err;
    while ( strcmp(up, "/") ) {
        up = path_parent(&req->arena, up);
        if ( !up )
            return ENOMEM;
        rc = node_read(req, &req->arena, up, &parent);
        if ( !rc )
            break;
        if ( always_told(rc) )
            return rc;
    }
    if ( parent &&
         (perm_for_conn(req->conn, parent->nr_perms, parent->perms) & perm) )
        return err;
    return EACCES;
}

static bool allowed(const struct connection *conn, const struct node *n,
                    unsigned int perm)
{
    return (perm_for_conn(conn, n->nr_perms, n->perms) & perm) == perm;
}

int node_get(struct request *req, const char *path, unsigned int perm,
             struct node **out)
{
    struct node *n;
    int rc;

    if ( !path || !path_valid(path) )
        return EINVAL;
    rc = node_read(req, &req->arena, path, &n);
    if ( !rc && !allowed(req->conn, n, perm) )
        rc = EACCES;
    if ( rc )
        return error_for(req, path, rc, perm);
    *out = n;
    return 0;
}

int node_write(struct request *req, struct node *n, bool chk)
{
    int rc;

    n->generation = generation_next();
    if ( chk && !conn_privileged(req->conn) &&
         node_size(n) >= quota(QUOTA_NODE_SIZE) ) {
        quota_hit(req->conn->id, QUOTA_NODE_SIZE);
        return ENOSPC;
    }
    if ( !req->trans )
        return store_set(n, chk);
    rc = trans_put(req, n, chk);
    /* Undoing part of a change inside a transaction is not attempted. */
    if ( rc )
        trans_fail(req->trans);
    return rc;
}

static int node_del(struct request *req, const char *path)
{
    generation_next();
    if ( req->trans )
        return trans_del(req, path);
    store_del(path);
    return 0;
}

static int add_child(struct arena *a, struct node *parent, const char *name)
{
    unsigned int len = strlen(name) + 1;
    char *children = arena_alloc(a, parent->childlen + len);

    if ( !children )
        return ENOMEM;
    if ( parent->childlen )
        memcpy(children, parent->children, parent->childlen);
    memcpy(children + parent->childlen, name, len);
    parent->children = children;
    parent->childlen += len;
    return 0;
}

static void remove_child(struct node *parent, const char *name)
{
    unsigned int off, len;

    for ( off = 0; off < parent->childlen; off += len ) {
        len = strlen(parent->children + off) + 1;
        if ( !strcmp(parent->children + off, name) ) {
            memmove(parent->children + off, parent->children + off + len,
                    parent->childlen - off - len);
            parent->childlen -= len;
            return;
        }
    }
}

/* A new node under parent, with its permissions, but owned by an
 * unprivileged creator. */
static struct node *new_child(struct request *req, struct node *parent,
                              const char *path)
{
    struct node *n = arena_alloc(&req->arena, sizeof(*n));

    if ( !n || add_child(&req->arena, parent, path_base(path)) )
        return NULL;
    *n = (struct node){
        .path = (char *)path,
        .nr_perms = parent->nr_perms,
        .perms = arena_memdup(&req->arena, parent->perms,
                              parent->nr_perms * sizeof(*parent->perms)),
    };
    if ( !n->perms )
        return NULL;
    if ( !conn_privileged(req->conn) )
        n->perms[0].id = req->conn->id;
    return n;
}

/* Removes the first count of the new nodes again. */
static void undo_create(struct request *req, struct node **created,
                        unsigned int count)
{
    while ( count-- ) {
        node_del(req, created[count]->path);
        count_nodes(req, created[count]->perms[0].id, -1);
    }
    if ( req->trans )
        trans_fail(req->trans);
}

int node_create(struct request *req, const char *path, const char *data,
                unsigned int len, struct node **out)
{
    struct arena *a = &req->arena;
    unsigned int levels = 0, max = 0, i;
    struct node *parent, **created;
    const char *p, *up = path;
    char **missing;
    int rc;

    for ( p = path; *p; p++ )
        max += *p == '/';
    missing = arena_alloc(a, max * sizeof(*missing));
    created = arena_alloc(a, max * sizeof(*created));
    if ( !missing || !created )
        return ENOMEM;

    /* Up to the closest existing parent (in a transaction, noting each). */
    for ( ;; ) {
        missing[levels++] = (char *)up;
        up = path_parent(a, up);
        if ( !up )
            return ENOMEM;
        rc = node_read(req, a, up, &parent);
        if ( !rc )
            break;
        if ( rc != ENOENT || !strcmp(up, "/") )
            return rc;
    }

    /* 4.17 counts a transaction's new nodes against the quota on commit. */
    if ( !conn_privileged(req->conn) &&
         req->conn->domain->nodes + (req->trans ? 0 : levels - 1) >=
         quota(QUOTA_NODES) ) {
        quota_hit(req->conn->id, QUOTA_NODES);
        return ENOSPC;
    }

    for ( i = levels; i-- > 0; ) {
        created[i] = new_child(req, i + 1 < levels ? created[i + 1] : parent,
                               missing[i]);
        if ( !created[i] )
            return ENOMEM;
    }
    created[0]->data = (char *)data;
    created[0]->datalen = len;

    /* Bottom up, the existing parent last, as 4.17 writes them. */
    for ( i = 0; i < levels; i++ ) {
        rc = node_write(req, created[i], true);
        if ( rc ) {
            undo_create(req, created, i);
            return rc;
        }
        count_nodes(req, created[i]->perms[0].id, 1);
    }
    rc = node_write(req, parent, true);
    if ( rc ) {
        undo_create(req, created, levels);
        return rc;
    }
    *out = created[0];
    return 0;
}

/* Children first; each node's watches fire as it goes (exactly, but path). */
static int rm_subtree(struct request *req, const char *path, bool top)
{
    struct arena a = { 0 };
    unsigned int off;
    struct node *n;
    char *child;
    int rc;

    rc = node_read(req, &a, path, &n);
    if ( rc == ENOENT ) {
        log_msg(LOG_ERR, "store: child %s is missing", path);
        rc = EIO;
    }
    for ( off = 0; !rc && off < n->childlen;
          off += strlen(n->children + off) + 1 ) {
        child = path_join(&a, path, n->children + off);
        rc = child ? rm_subtree(req, child, false) : ENOMEM;
    }
    if ( !rc )
        rc = node_del(req, path);
    if ( !rc ) {
        fire_watches(req, path, n, !top, 0, NULL);
        count_nodes(req, n->perms[0].id, -1);
    }
    arena_free(&a);
    return rc;
}

int node_rm(struct request *req, const char *path)
{
    struct node *parent;
    const char *up;
    int rc;

    if ( !strcmp(path, "/") )
        return EINVAL;
    up = path_parent(&req->arena, path);
    if ( !up )
        return ENOMEM;
    rc = node_read(req, &req->arena, up, &parent);
    if ( rc )
        return always_told(rc) ? rc : EINVAL;
    rc = rm_subtree(req, path, true);
    if ( rc )
        return rc;
    remove_child(parent, path_base(path));
    return node_write(req, parent, false);
}
