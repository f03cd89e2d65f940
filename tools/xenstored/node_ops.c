/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "node_ops.h"
#include "path.h"
#include "perms.h"
#include "quota.h"
#include "special.h"
#include "tree.h"
#include "watch.h"

/* The node the only argument names, with perm. */
static int arg_node(struct request *req, unsigned int perm, char **path,
                    struct node **n)
{
    const char *arg = req_onearg(req);

    if ( !arg )
        return EINVAL;
    *path = path_canonical(&req->arena, req->conn, arg);
    if ( !*path )
        return ENOMEM;
    return node_get(req, *path, perm, n);
}

int do_read(struct request *req)
{
    struct node *n;
    char *path;
    int rc = arg_node(req, PERM_READ, &path, &n);

    return rc ? rc : reply(req, XS_READ, n->data, n->datalen);
}

int do_directory(struct request *req)
{
    struct node *n;
    char *path;
    int rc = arg_node(req, PERM_READ, &path, &n);

    return rc ? rc : reply(req, XS_DIRECTORY, n->children, n->childlen);
}

/*
 * path, offset: the node's generation, then as many children from offset
 * as fit, then an empty string if that was the last.
 */
int do_directory_part(struct request *req)
{
    unsigned int off, len = 0, genlen, max;
    const char *vec[2], *child;
    struct node *n;
    char *path, *data;
    int rc;

    if ( req_strings(req, vec, 2) != 2 )
        return EINVAL;
    path = path_canonical(&req->arena, req->conn, vec[0]);
    if ( !path )
        return ENOMEM;
    rc = node_get(req, path, PERM_READ, &n);
    if ( rc )
        return rc;
    off = parse_domid(vec[1]);

    data = arena_alloc(&req->arena, XENSTORE_PAYLOAD_MAX);
    if ( !data )
        return ENOMEM;
    genlen = snprintf(data, 24, "%" PRIu64, n->generation) + 1;
    if ( off >= n->childlen ) {
        data[genlen] = '\0';
        return reply(req, XS_DIRECTORY_PART, data, genlen + 1);
    }
    max = XENSTORE_PAYLOAD_MAX - genlen - 1;
    child = n->children + off;
    while ( off + len < n->childlen && len + strlen(child) < max ) {
        len += strlen(child) + 1;
        child = n->children + off + len;
    }
    memcpy(data + genlen, n->children + off, len);
    if ( off + len == n->childlen )
        data[genlen + len++] = '\0';
    return reply(req, XS_DIRECTORY_PART, data, genlen + len);
}

int do_get_perms(struct request *req)
{
    unsigned int len;
    struct node *n;
    char *path, *s;
    int rc = arg_node(req, PERM_READ, &path, &n);

    if ( rc )
        return rc;
    s = perms_format(&req->arena, n->nr_perms, n->perms, &len);
    return s ? reply(req, XS_GET_PERMS, s, len) : ENOMEM;
}

/* path, data (may hold NULs) */
int do_write(struct request *req)
{
    unsigned int offset, len;
    const char *vec[1];
    struct node *n;
    char *path;
    int rc;

    if ( req_strings(req, vec, 1) < 1 )
        return EINVAL;
    offset = strlen(vec[0]) + 1;
    len = req->hdr->len - offset;
    path = path_canonical(&req->arena, req->conn, vec[0]);
    if ( !path )
        return ENOMEM;

    rc = node_get(req, path, PERM_WRITE, &n);
    if ( rc == ENOENT ) {
        rc = node_create(req, path, req->body + offset, len, &n);
    } else if ( !rc ) {
        n->data = (char *)req->body + offset;
        n->datalen = len;
        rc = node_write(req, n, true);
    }
    if ( rc )
        return rc;
    fire_watches(req, path, n, false, 0, NULL);
    return reply_ok(req);
}

int do_mkdir(struct request *req)
{
    struct node *n;
    char *path;
    int rc = arg_node(req, PERM_WRITE, &path, &n);

    if ( rc == ENOENT ) {
        rc = node_create(req, path, NULL, 0, &n);
        if ( !rc )
            fire_watches(req, path, n, false, 0, NULL);
    }
    return rc ? rc : reply_ok(req);
}

int do_rm(struct request *req)
{
    struct node *n;
    char *path, *up;
    int rc = arg_node(req, PERM_WRITE, &path, &n);

    /* Not there is fine if the parent is. */
    if ( rc == ENOENT ) {
        up = path_parent(&req->arena, path);
        if ( !up )
            return ENOMEM;
        rc = node_read(req, &req->arena, up, &n);
        if ( rc && rc != ENOMEM && rc != ENOSPC )
            rc = ENOENT;
        return rc ? rc : reply_ok(req);
    }
    if ( !rc )
        rc = node_rm(req, path);
    return rc ? rc : reply_ok(req);
}

/* path, perms... */
int do_set_perms(struct request *req)
{
    unsigned int nr = req_strings(req, NULL, 0), old_nr;
    struct perm *perms, *old;
    const char *name = req->body;
    struct node *n;
    char *path;
    int rc;

    if ( nr < 2 )
        return EINVAL;
    nr--;
    if ( !conn_privileged(req->conn) && nr > quota(QUOTA_PERMISSIONS) ) {
        quota_hit(req->conn->id, QUOTA_PERMISSIONS);
        return ENOSPC;
    }
    rc = perms_parse(&req->arena, name + strlen(name) + 1, nr, &perms);
    if ( !rc )
        rc = perms_ref_domains(nr, perms);
    if ( rc )
        return rc;
    if ( perms[0].perms & PERM_IGNORE )
        return ENOENT;

    if ( name[0] == '@' ) {
        rc = special_set_perms(req->conn, name, nr, perms);
        return rc ? rc : reply_ok(req);
    }

    /* Only owners (and privileged connections) may. */
    path = path_canonical(&req->arena, req->conn, name);
    if ( !path )
        return ENOMEM;
    rc = node_get(req, path, PERM_WRITE | PERM_OWNER, &n);
    if ( rc )
        return rc;
    if ( !conn_privileged(req->conn) && perms[0].id != n->perms[0].id )
        return EPERM;

    old = n->perms;
    old_nr = n->nr_perms;
    n->perms = perms;
    n->nr_perms = nr;
    rc = node_write(req, n, true);
    if ( rc )
        return rc;
    if ( old[0].id != perms[0].id )
        node_change_owner(req, old[0].id, perms[0].id);
    fire_watches(req, path, n, false, old_nr, old);
    return reply_ok(req);
}
