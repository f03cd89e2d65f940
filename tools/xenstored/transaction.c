/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "hash.h"
#include "quota.h"
#include "request.h"
#include "transaction.h"
#include "watch.h"

struct accessed {
    struct hnode hnode;         /* keyed by path */
    struct list_head list;      /* in the order of first access */
    char *path;
    struct record *rec;         /* the transaction's copy; NULL: absent */
    uint64_t generation;        /* the store's at the first access */
    bool check_gen;             /* first accessed by reading */
    bool modified;
    bool fire_watch;
    bool watch_exact;
    /* The permissions before the transaction: who may see its events. */
    unsigned int nr_perms;
    struct perm *perms;
};

struct node_count {
    unsigned int domid;
    int delta;
};

struct transaction {
    struct list_head list;
    uint32_t id;
    struct hash accessed;
    struct list_head order;
    unsigned int nr_accessed;
    bool fail;
    bool node_created;
    unsigned int nr_counts;
    struct node_count *counts;
};

struct transaction *trans_lookup(struct connection *conn, uint32_t id)
{
    struct transaction *t;

    list_for_each_entry(t, &conn->transactions, list)
        if ( t->id == id )
            return t;
    return NULL;
}

static void trans_free(struct transaction *t)
{
    struct accessed *a, *tmp;

    list_for_each_entry_safe(a, tmp, &t->order, list) {
        record_free(a->rec);
        free(a->perms);
        free(a->path);
        free(a);
    }
    hash_destroy(&t->accessed);
    free(t->counts);
    free(t);
}

void trans_discard_all(struct connection *conn)
{
    struct transaction *t, *tmp;

    list_for_each_entry_safe(t, tmp, &conn->transactions, list) {
        list_del(&t->list);
        trans_free(t);
    }
    conn->nr_transactions = 0;
}

void trans_fail(struct transaction *t)
{
    t->fail = true;
}

static struct accessed *find(struct transaction *t, const char *path)
{
    struct hnode *h = hash_find(&t->accessed, path);

    return h ? list_entry(h, struct accessed, hnode) : NULL;
}

static int save_perms(struct accessed *a, const struct node *n)
{
    size_t size = n->nr_perms * sizeof(*n->perms);

    a->perms = malloc(size);
    if ( !a->perms )
        return ENOMEM;
    memcpy(a->perms, n->perms, size);
    a->nr_perms = n->nr_perms;
    return 0;
}

/* Any failure to track an access dooms the transaction, as in 4.17. */
static int first_access(struct request *req, const char *path,
                        const struct node *n, struct accessed **out)
{
    struct transaction *t = req->trans;
    struct accessed *a;

    if ( !conn_privileged(req->conn) &&
         t->nr_accessed >= quota(QUOTA_TRANS_NODES) ) {
        quota_hit(req->conn->id, QUOTA_TRANS_NODES);
        t->fail = true;
        return ENOSPC;
    }
    a = calloc(1, sizeof(*a));
    if ( !a || !(a->path = strdup(path)) || (n && save_perms(a, n)) ) {
        if ( a )
            free(a->path);
        free(a);
        t->fail = true;
        return ENOMEM;
    }
    a->generation = NO_GENERATION;
    hash_insert(&t->accessed, &a->hnode, a->path);
    list_add_tail(&a->list, &t->order);
    t->nr_accessed++;
    *out = a;
    return 0;
}

int trans_get(struct request *req, const char *path, const struct node **n)
{
    struct accessed *a = find(req->trans, path);
    const struct node *cur;
    int rc;

    if ( !a ) {
        cur = store_get(path);
        rc = first_access(req, path, cur, &a);
        if ( rc )
            return rc;
        a->check_gen = true;
        if ( cur ) {
            a->generation = cur->generation;
            rc = record_new(cur, req->conn->id, false, &a->rec);
            if ( rc ) {
                /* Without the copy the access cannot be checked. */
                req->trans->fail = true;
                return rc;
            }
        }
    }
    *n = a->rec ? &a->rec->node : NULL;
    return 0;
}

int trans_put(struct request *req, const struct node *n, bool chk)
{
    struct accessed *a = find(req->trans, n->path);
    struct record *r;
    int rc;

    if ( !a && (rc = first_access(req, n->path, n, &a)) )
        return rc;
    rc = record_new(n, req->conn->id, chk, &r);
    if ( rc )
        return rc;
    record_free(a->rec);
    a->rec = r;
    a->modified = true;
    return 0;
}

int trans_del(struct request *req, const char *path)
{
    struct accessed *a = find(req->trans, path);
    int rc;

    if ( !a && (rc = first_access(req, path, NULL, &a)) )
        return rc;
    record_free(a->rec);
    a->rec = NULL;
    a->modified = true;
    return 0;
}

void trans_queue_watch(struct transaction *t, const char *path, bool exact)
{
    struct accessed *a = find(t, path);

    if ( !a ) {
        t->fail = true;
        return;
    }
    /* An event for path and its parents covers one for path alone. */
    a->watch_exact = a->fire_watch ? a->watch_exact && exact : exact;
    a->fire_watch = true;
}

void trans_count_nodes(struct transaction *t, unsigned int domid, int delta)
{
    struct node_count *counts;
    unsigned int i;

    if ( delta > 0 )
        t->node_created = true;
    for ( i = 0; i < t->nr_counts; i++ ) {
        if ( t->counts[i].domid == domid ) {
            t->counts[i].delta += delta;
            return;
        }
    }
    counts = realloc(t->counts, (t->nr_counts + 1) * sizeof(*counts));
    if ( !counts ) {
        t->fail = true;
        return;
    }
    t->counts = counts;
    t->counts[t->nr_counts++] = (struct node_count){ domid, delta };
}

int do_transaction_start(struct request *req)
{
    struct connection *conn = req->conn;
    struct transaction *t;
    char id[16];
    int rc;

    if ( req->trans )
        return EBUSY;
    /* 4.17 lets a domain open one transaction more than its quota. */
    if ( !conn_privileged(conn) &&
         conn->nr_transactions > quota(QUOTA_TRANSACTIONS) ) {
        quota_hit(conn->id, QUOTA_TRANSACTIONS);
        return ENOSPC;
    }
    t = calloc(1, sizeof(*t));
    if ( !t || hash_init(&t->accessed) ) {
        free(t);
        return ENOMEM;
    }
    list_init(&t->order);
    generation_next();
    do
        t->id = conn->next_tx_id++;
    while ( !t->id || trans_lookup(conn, t->id) );

    snprintf(id, sizeof(id), "%u", t->id);
    rc = reply(req, XS_TRANSACTION_START, id, strlen(id) + 1);
    if ( rc ) {
        trans_free(t);
        return rc;
    }
    list_add_tail(&t->list, &conn->transactions);
    conn->nr_transactions++;
    return 0;
}

/* 4.17 checks the nodes quota on commit only if nodes were created. */
static int check_node_counts(struct request *req, struct transaction *t)
{
    bool limited = t->node_created && !conn_privileged(req->conn);
    struct domain *d;
    unsigned int i;
    long count;

    for ( i = 0; i < t->nr_counts; i++ ) {
        d = domain_get(t->counts[i].domid);
        if ( !d )
            return ENOMEM;
        count = (long)d->nodes + t->counts[i].delta;
        if ( limited && !domid_privileged(d->domid) &&
             count >= quota(QUOTA_NODES) ) {
            quota_hit(d->domid, QUOTA_NODES);
            return ENOSPC;
        }
    }
    return 0;
}

static int commit(struct request *req, struct transaction *t)
{
    const struct node *cur;
    struct accessed *a;
    unsigned int i;
    int rc;

    if ( t->fail )
        return ENOMEM;
    list_for_each_entry(a, &t->order, list) {
        cur = store_get(a->path);
        if ( a->check_gen &&
             (cur ? cur->generation : NO_GENERATION) != a->generation )
            return EAGAIN;
    }
    rc = check_node_counts(req, t);
    if ( rc )
        return rc;

    /* Nothing below can fail: the copies become the store's records. */
    list_for_each_entry(a, &t->order, list) {
        if ( !a->modified )
            continue;
        if ( a->rec ) {
            a->rec->node.generation = generation_next();
            store_adopt(a->rec);
            a->rec = NULL;
        } else {
            store_del(a->path);
        }
        if ( a->fire_watch )
            fire_watches(req, a->path, NULL, a->watch_exact, a->nr_perms,
                         a->perms);
    }
    for ( i = 0; i < t->nr_counts; i++ )
        domain_nodes_add(t->counts[i].domid, t->counts[i].delta);
    return 0;
}

int do_transaction_end(struct request *req)
{
    const char *arg = req_onearg(req);
    struct transaction *t = req->trans;
    int rc = 0;

    if ( !arg || (strcmp(arg, "T") && strcmp(arg, "F")) )
        return EINVAL;
    if ( !t )
        return ENOENT;
    list_del(&t->list);
    req->conn->nr_transactions--;
    /* From here on the request acts on the store. */
    req->trans = NULL;
    if ( !strcmp(arg, "T") )
        rc = commit(req, t);
    trans_free(t);
    return rc ? rc : reply_ok(req);
}
