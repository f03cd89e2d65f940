/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "list.h"
#include "log.h"
#include "path.h"
#include "store.h"

/*
 * 4.17 keeps a node as a 24-byte header (generation and three counts),
 * 8 bytes per permission, the data and the children's names; its quotas
 * count those bytes, so ours do too.
 */
#define RECORD_HEADER_SIZE 24
#define RECORD_PERM_SIZE   8

static struct hash records;
static uint64_t generation;

uint64_t generation_next(void)
{
    return ++generation;
}

unsigned int node_size(const struct node *n)
{
    return RECORD_HEADER_SIZE + n->nr_perms * RECORD_PERM_SIZE +
           n->datalen + n->childlen;
}

static size_t tail_size(const struct node *n)
{
    return n->nr_perms * sizeof(struct perm) + strlen(n->path) + 1 +
           n->datalen + n->childlen;
}

/* Lays src out in tail (tail_size(src) bytes, aligned for a perm). */
static void pack(struct node *dst, char *tail, const struct node *src)
{
    size_t pathlen = strlen(src->path) + 1;

    *dst = *src;
    dst->perms = (struct perm *)tail;
    memcpy(dst->perms, src->perms, src->nr_perms * sizeof(struct perm));
    tail += src->nr_perms * sizeof(struct perm);
    dst->path = memcpy(tail, src->path, pathlen);
    tail += pathlen;
    dst->data = tail;
    if ( src->datalen )
        memcpy(dst->data, src->data, src->datalen);
    tail += src->datalen;
    dst->children = tail;
    if ( src->childlen )
        memcpy(dst->children, src->children, src->childlen);
}

struct node *node_copy(struct arena *a, const struct node *n)
{
    struct node *copy = arena_alloc(a, sizeof(*copy) + tail_size(n));

    if ( copy )
        pack(copy, (char *)(copy + 1), n);
    return copy;
}

int record_new(const struct node *n, unsigned int acc_domid, bool chk,
               struct record **out)
{
    unsigned int acc = strlen(n->path) + node_size(n);
    struct record *r;

    if ( domain_memory_charge(acc_domid, acc, chk) )
        return ENOMEM;
    r = malloc(sizeof(*r) + tail_size(n));
    if ( !r ) {
        domain_memory_charge(acc_domid, -(long)acc, false);
        return ENOMEM;
    }
    pack(&r->node, (char *)(r + 1), n);
    r->acc_domid = acc_domid;
    r->acc_size = acc;
    *out = r;
    return 0;
}

void record_free(struct record *r)
{
    if ( !r )
        return;
    domain_memory_charge(r->acc_domid, -(long)r->acc_size, false);
    free(r);
}

static struct record *lookup(const char *path)
{
    struct hnode *h = hash_find(&records, path);

    return h ? list_entry(h, struct record, hnode) : NULL;
}

const struct node *store_get(const char *path)
{
    struct record *r = lookup(path);

    return r ? &r->node : NULL;
}

int store_set(const struct node *n, bool chk)
{
    struct record *old = lookup(n->path), *r;
    int rc;

    /* The old record's memory is given back first, as 4.17 does, so a
     * node can be rewritten at the same size when its owner is at the
     * memory quota. */
    if ( old )
        domain_memory_charge(old->acc_domid, -(long)old->acc_size, false);
    rc = record_new(n, n->perms[0].id, chk, &r);
    if ( rc ) {
        if ( old )
            domain_memory_charge(old->acc_domid, old->acc_size, false);
        return rc;
    }
    if ( old ) {
        hash_remove(&records, &old->hnode);
        free(old);
    }
    hash_insert(&records, &r->hnode, r->node.path);
    return 0;
}

void store_del(const char *path)
{
    struct record *r = lookup(path);

    if ( !r )
        return;
    hash_remove(&records, &r->hnode);
    record_free(r);
}

void store_adopt(struct record *r)
{
    struct record *old = lookup(r->node.path);
    unsigned int owner = r->node.perms[0].id;

    domain_memory_charge(r->acc_domid, -(long)r->acc_size, false);
    domain_memory_charge(owner, r->acc_size, false);
    r->acc_domid = owner;
    if ( old ) {
        hash_remove(&records, &old->hnode);
        record_free(old);
    }
    hash_insert(&records, &r->hnode, r->node.path);
}

static int add_initial(const char *path, const char *child)
{
    struct perm owner = { .perms = PERM_NONE, .id = 0 };
    struct node n = {
        .path = (char *)path,
        .generation = generation_next(),
        .nr_perms = 1,
        .perms = &owner,
        .childlen = child ? strlen(child) + 1 : 0,
        .children = (char *)child,
    };

    return store_set(&n, false);
}

int store_init(void)
{
    int rc = hash_init(&records);

    if ( !rc )
        rc = add_initial("/", "tool");
    if ( !rc )
        rc = add_initial("/tool", "xenstored");
    if ( !rc )
        rc = add_initial("/tool/xenstored", NULL);
    if ( !rc )
        domain_nodes_add(0, 3);
    return rc;
}

/* At exit: the domains' accounts go too, so nothing is given back. */
void store_destroy(void)
{
    struct hnode *h, *next;

    for ( h = hash_next(&records, NULL); h; h = next ) {
        next = hash_next(&records, h);
        free(list_entry(h, struct record, hnode));
    }
    hash_destroy(&records);
}

static bool names_include(const char *names, unsigned int len,
                          const char *name)
{
    unsigned int off;

    for ( off = 0; off < len; off += strlen(names + off) + 1 )
        if ( !strcmp(names + off, name) )
            return true;
    return false;
}

static unsigned int check_children(struct arena *a, const struct node *n)
{
    unsigned int off, problems = 0;
    const char *name;
    char *path;

    for ( off = 0; off < n->childlen; off += strlen(name) + 1 ) {
        name = n->children + off;
        path = path_join(a, n->path, name);
        if ( path && !store_get(path) ) {
            log_msg(LOG_ERR, "check: %s lists missing child %s", n->path, name);
            problems++;
        }
        if ( names_include(n->children, off, name) ) {
            log_msg(LOG_ERR, "check: %s lists %s twice", n->path, name);
            problems++;
        }
    }
    return problems;
}

unsigned int store_check(void)
{
    unsigned int problems = 0;
    struct arena a = { 0 };
    const struct node *parent;
    struct hnode *h;
    struct node *n;
    char *up;

    for ( h = hash_next(&records, NULL); h; h = hash_next(&records, h) ) {
        n = &list_entry(h, struct record, hnode)->node;
        problems += check_children(&a, n);
        if ( !strcmp(n->path, "/") )
            continue;
        up = path_parent(&a, n->path);
        parent = up ? store_get(up) : NULL;
        if ( up && (!parent ||
                    !names_include(parent->children, parent->childlen,
                                   path_base(n->path))) ) {
            log_msg(LOG_ERR, "check: %s is not its parent's child", n->path);
            problems++;
        }
    }
    arena_free(&a);
    return problems;
}

void store_usage(unsigned int *nodes, unsigned long *bytes)
{
    struct hnode *h;

    *nodes = records.count;
    *bytes = 0;
    for ( h = hash_next(&records, NULL); h; h = hash_next(&records, h) )
        *bytes += list_entry(h, struct record, hnode)->acc_size;
}
