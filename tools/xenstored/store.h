/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The node store: every node by path, as a record that packs the node
 * into one allocation.  Each record is charged to a domain's memory
 * quota: the node's owner for the store's own records, the requester for
 * a transaction's private copies.
 */
#ifndef XENSTORED_STORE_H
#define XENSTORED_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "hash.h"

/* The generation of a node that does not exist. */
#define NO_GENERATION UINT64_MAX

/* Permission bits, with the values of Xen's xs_perm_type. */
#define PERM_NONE   0
#define PERM_READ   1
#define PERM_WRITE  2
#define PERM_OWNER  8       /* never stored: what owners are granted */
#define PERM_IGNORE 16      /* the entry's domain is gone: it grants nothing */

struct perm {
    unsigned int perms;
    unsigned int id;        /* domid */
};

struct node {
    char *path;
    uint64_t generation;    /* when it last changed */
    unsigned int nr_perms;
    struct perm *perms;     /* [0]: owner, and what unlisted domains get */
    unsigned int datalen;
    char *data;
    unsigned int childlen;
    char *children;         /* names, each NUL-terminated, oldest first */
};

struct record {
    struct hnode hnode;     /* keyed by node.path */
    unsigned int acc_domid; /* who pays for it */
    unsigned int acc_size;
    struct node node;       /* its arrays follow the record */
};

/* Bumped by every change and every transaction start. */
uint64_t generation_next(void);

/* What the node-size quota limits: 4.17's record layout. */
unsigned int node_size(const struct node *n);
struct node *node_copy(struct arena *a, const struct node *n);

/* ENOMEM when memory or (with chk) acc_domid's memory quota is short. */
int record_new(const struct node *n, unsigned int acc_domid, bool chk,
               struct record **out);
void record_free(struct record *r);

/* The tree 4.17 starts with: /, /tool and /tool/xenstored, owned by 0. */
int store_init(void);
void store_destroy(void);

const struct node *store_get(const char *path);
/* Inserts or replaces n, charged to its owner: ENOMEM. */
int store_set(const struct node *n, bool chk);
void store_del(const char *path);
/*
 * Makes r (a transaction's copy) the record of its path, charged to the
 * node's owner from now on.  Cannot fail, so a commit cannot half-fail.
 */
void store_adopt(struct record *r);

/* Logs each inconsistency of the tree and returns how many it found. */
unsigned int store_check(void);
void store_usage(unsigned int *nodes, unsigned long *bytes);

#endif
