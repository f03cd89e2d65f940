/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intrusive hash tables keyed by strings: the node store by path and a
 * transaction's accessed nodes.  The key belongs to the entry's owner
 * and must live as long as the entry is in the table.
 */
#ifndef XENSTORED_HASH_H
#define XENSTORED_HASH_H

#include <stdint.h>

struct hnode {
    struct hnode *next;
    const char *key;
    uint32_t hash;
};

struct hash {
    struct hnode **buckets;
    unsigned int nr_buckets;
    unsigned int count;
};

/* ENOMEM, or 0. */
int hash_init(struct hash *h);
/* Frees the table only: the entries are their owners'. */
void hash_destroy(struct hash *h);

struct hnode *hash_find(const struct hash *h, const char *key);
/* The key must not be in the table yet.  Cannot fail. */
void hash_insert(struct hash *h, struct hnode *n, const char *key);
void hash_remove(struct hash *h, struct hnode *n);

/* The entry after prev (the first if prev is NULL), in no given order. */
struct hnode *hash_next(const struct hash *h, const struct hnode *prev);

#endif
