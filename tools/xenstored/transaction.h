/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Transactions, as 4.17 runs them: the first access to a node copies it
 * into the transaction, which from then on sees only its copy.  Ending
 * with "T" fails with EAGAIN when a node the transaction read before
 * changing it (if at all) has changed in the store since; otherwise its
 * changes go to the store and the watch events they cause fire.
 */
#ifndef XENSTORED_TRANSACTION_H
#define XENSTORED_TRANSACTION_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

struct connection;
struct request;
struct transaction;

struct transaction *trans_lookup(struct connection *conn, uint32_t id);
int do_transaction_start(struct request *req);
int do_transaction_end(struct request *req);
void trans_discard_all(struct connection *conn);

/* The request's transaction's view of path: *n is NULL if it is absent. */
int trans_get(struct request *req, const char *path, const struct node **n);
int trans_put(struct request *req, const struct node *n, bool chk);
int trans_del(struct request *req, const char *path);

/* A watch event to fire for path on commit (exact: not for parents). */
void trans_queue_watch(struct transaction *t, const char *path, bool exact);
/* Nodes that domid owns, created (+) or removed (-), counted on commit. */
void trans_count_nodes(struct transaction *t, unsigned int domid, int delta);
/* Whatever happens, the transaction can no longer commit. */
void trans_fail(struct transaction *t);

#endif
