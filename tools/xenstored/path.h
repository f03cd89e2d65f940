/* SPDX-License-Identifier: GPL-2.0-only */
/* Node paths: what is a valid one, and how relative ones resolve. */
#ifndef XENSTORED_PATH_H
#define XENSTORED_PATH_H

#include <stdbool.h>

#include "arena.h"

struct connection;

/*
 * Absolute, no empty component, no trailing slash (but "/"), only
 * [A-Za-z0-9_@/-], and within the path-max quota (counted after
 * "/local/domain/<domid>/" when the path starts so).
 */
bool path_valid(const char *path);

/*
 * A path not starting with '/' or '@' is relative to the requester's
 * home, /local/domain/<domid>.  NULL only when memory is short.
 */
char *path_canonical(struct arena *a, const struct connection *conn,
                     const char *path);
char *path_home(struct arena *a, unsigned int domid);

/* For a valid path other than "/". */
char *path_parent(struct arena *a, const char *path);
const char *path_base(const char *path);

char *path_join(struct arena *a, const char *dir, const char *name);

/* child is parent or below it; everything is below "/". */
bool path_is_child(const char *child, const char *parent);

#endif
