/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Node operations as a request sees the store: through its transaction
 * if it has one, with the requester's permissions, and with the node
 * counts and watch events that changes bring.
 */
#ifndef XENSTORED_TREE_H
#define XENSTORED_TREE_H

#include <stdbool.h>

#include "request.h"
#include "store.h"

/* A copy of path's node in a: ENOENT when it is absent. */
int node_read(struct request *req, struct arena *a, const char *path,
              struct node **out);

/*
 * As node_read(), for a requester needing perm on the node: EINVAL for
 * an invalid path, EACCES when perm is missing.  Whether a node exists
 * is only told to requesters allowed perm on its closest parent.
 */
int node_get(struct request *req, const char *path, unsigned int perm,
             struct node **out);

/* Writes n with a new generation; chk applies the node-size quota. */
int node_write(struct request *req, struct node *n, bool chk);

/*
 * Creates path, and the parents it lacks, with data.  New nodes inherit
 * their parent's permissions; one an unprivileged domain creates is its
 * own.  The node is returned in *out.
 */
int node_create(struct request *req, const char *path, const char *data,
                unsigned int len, struct node **out);

/* Removes path and everything below it, firing their watches: not "/". */
int node_rm(struct request *req, const char *path);

/* Moves one node from one owner's count to another's. */
void node_change_owner(struct request *req, unsigned int from,
                       unsigned int to);

#endif
