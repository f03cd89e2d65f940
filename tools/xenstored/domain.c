/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>

#include <xen/xen.h>

#include "conn.h"
#include "domain.h"
#include "log.h"
#include "store.h"

unsigned int priv_domid;

static struct domain *domains[DOMID_FIRST_RESERVED];

bool domid_privileged(unsigned int domid)
{
    return domid == 0 || domid == priv_domid;
}

struct domain *domain_find(unsigned int domid)
{
    return domid < DOMID_FIRST_RESERVED ? domains[domid] : NULL;
}

struct domain *domain_get(unsigned int domid)
{
    struct domain *d;

    if ( domid >= DOMID_FIRST_RESERVED )
        return NULL;
    if ( domains[domid] )
        return domains[domid];
    d = calloc(1, sizeof(*d));
    if ( !d )
        return NULL;
    d->domid = domid;
    /*
     * Later than any node written so far (4.17 takes the current count,
     * so a domain coming back right after a node was written would be
     * taken to be older than the node).
     */
    d->generation = generation_next();
    domains[domid] = d;
    return d;
}

void domain_free(struct domain *d)
{
    domains[d->domid] = NULL;
    free(d);
}

struct domain *domain_next(const struct domain *prev)
{
    unsigned int domid;

    for ( domid = prev ? prev->domid + 1 : 0; domid < DOMID_FIRST_RESERVED;
          domid++ )
        if ( domains[domid] )
            return domains[domid];
    return NULL;
}

void domains_destroy(void)
{
    struct domain *d;

    while ( (d = domain_next(NULL)) )
        domain_free(d);
}

bool domain_known_since(unsigned int domid, uint64_t gen)
{
    const struct domain *d = domain_find(domid);

    return d && d->generation <= gen;
}

static bool quota_bound(const struct domain *d)
{
    return !domid_privileged(d->domid) && !(d->conn && d->conn->ignored);
}

/* Logs crossings of the soft quota, which only warns. */
static void watch_soft_quota(struct domain *d, long memory)
{
    long soft = soft_quotas[SOFT_QUOTA_MEMORY].val;
    bool over = soft && memory >= soft;

    if ( over == d->soft_memory_reported )
        return;
    d->soft_memory_reported = over;
    log_msg(over ? LOG_WARNING : LOG_INFO,
            "domain %u %s soft quota memory (%ld)", d->domid,
            over ? "exceeds" : "is below", soft);
}

int domain_memory_charge(unsigned int domid, long bytes, bool chk)
{
    struct domain *d = domain_find(domid);
    long hard = quota(QUOTA_MEMORY);

    /* Nothing is charged to a domain that is gone. */
    if ( !d )
        return 0;
    if ( quota_bound(d) ) {
        if ( hard && d->memory + bytes >= hard && bytes > 0 ) {
            quota_hit(domid, QUOTA_MEMORY);
            if ( chk )
                return ENOMEM;
        }
        watch_soft_quota(d, d->memory + bytes);
    }
    d->memory += bytes;
    return 0;
}

bool domain_memory_full(const struct domain *d)
{
    long hard = quota(QUOTA_MEMORY);

    return quota_bound(d) && hard && d->memory >= hard;
}

void domain_nodes_add(unsigned int domid, int delta)
{
    struct domain *d = domain_get(domid);

    if ( d )
        d->nodes += delta;
}
