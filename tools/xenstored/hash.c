/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

#define INITIAL_BUCKETS 64

static uint32_t hash_string(const char *s)
{
    uint32_t h = 2166136261u;               /* FNV-1a */

    while ( *s )
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

int hash_init(struct hash *h)
{
    h->buckets = calloc(INITIAL_BUCKETS, sizeof(*h->buckets));
    if ( !h->buckets )
        return ENOMEM;
    h->nr_buckets = INITIAL_BUCKETS;
    h->count = 0;
    return 0;
}

void hash_destroy(struct hash *h)
{
    free(h->buckets);
    h->buckets = NULL;
    h->nr_buckets = h->count = 0;
}

struct hnode *hash_find(const struct hash *h, const char *key)
{
    uint32_t hash = hash_string(key);
    struct hnode *n;

    for ( n = h->buckets[hash % h->nr_buckets]; n; n = n->next )
        if ( n->hash == hash && !strcmp(n->key, key) )
            return n;
    return NULL;
}

/* Growing is an optimisation: when memory is short, chains get longer. */
static void grow(struct hash *h)
{
    unsigned int nr = h->nr_buckets * 2, i;
    struct hnode **buckets = calloc(nr, sizeof(*buckets));
    struct hnode *n, *next;

    if ( !buckets )
        return;
    for ( i = 0; i < h->nr_buckets; i++ ) {
        for ( n = h->buckets[i]; n; n = next ) {
            next = n->next;
            n->next = buckets[n->hash % nr];
            buckets[n->hash % nr] = n;
        }
    }
    free(h->buckets);
    h->buckets = buckets;
    h->nr_buckets = nr;
}

void hash_insert(struct hash *h, struct hnode *n, const char *key)
{
    struct hnode **head;

    if ( h->count >= h->nr_buckets )
        grow(h);
    n->key = key;
    n->hash = hash_string(key);
    head = &h->buckets[n->hash % h->nr_buckets];
    n->next = *head;
    *head = n;
    h->count++;
}

void hash_remove(struct hash *h, struct hnode *n)
{
    struct hnode **p = &h->buckets[n->hash % h->nr_buckets];

    while ( *p != n )
        p = &(*p)->next;
    *p = n->next;
    h->count--;
}

struct hnode *hash_next(const struct hash *h, const struct hnode *prev)
{
    unsigned int i = 0;

    if ( prev ) {
        if ( prev->next )
            return prev->next;
        i = prev->hash % h->nr_buckets + 1;
    }
    for ( ; i < h->nr_buckets; i++ )
        if ( h->buckets[i] )
            return h->buckets[i];
    return NULL;
}
