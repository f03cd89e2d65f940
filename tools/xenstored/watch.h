/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Watches.  A watch on a path fires, with its token, when that node or
 * one below it changes, once right after it is set, and for removed
 * nodes below it.  Special watches (@introduceDomain, @releaseDomain)
 * fire when domains come and go.  A connection sees an event only if it
 * may read the node or its parent (before or after the change).
 */
#ifndef XENSTORED_WATCH_H
#define XENSTORED_WATCH_H

#include <stdbool.h>

#include "store.h"

struct connection;
struct request;

int do_watch(struct request *req);
int do_unwatch(struct request *req);
int do_reset_watches(struct request *req);
void watches_free(struct connection *conn);

/*
 * path changed (node: its new state, or its last one if removed; NULL
 * to look it up).  exact: watches on path's parents do not fire.  The
 * old permissions also decide who may see the event.  Inside a
 * transaction the event waits for the commit.
 */
void fire_watches(struct request *req, const char *path,
                  const struct node *node, bool exact,
                  unsigned int nr_old, const struct perm *old);
/* @introduceDomain or @releaseDomain. */
void fire_special(const char *name);

#endif
