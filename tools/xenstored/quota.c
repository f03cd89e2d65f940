/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <string.h>
#include <time.h>

#include <xen/io/xs_wire.h>

#include "domain.h"
#include "log.h"
#include "quota.h"

#define QUOTA_LOG_INTERVAL 10   /* seconds */

struct quota quotas[NR_QUOTAS] = {
    [QUOTA_NODES]        = { "nodes", "Nodes per domain", 1000 },
    [QUOTA_WATCHES]      = { "watches", "Watches per domain", 128 },
    [QUOTA_TRANSACTIONS] = { "transactions", "Transactions per domain", 10 },
    [QUOTA_OUTSTANDING]  = { "outstanding",
                             "Outstanding requests per domain", 20 },
    [QUOTA_TRANS_NODES]  = { "transaction-nodes",
                             "Max. number of accessed nodes per transaction",
                             1024 },
    [QUOTA_MEMORY]       = { "memory",
                             "Total Xenstore memory per domain (error level)",
                             2 * 1024 * 1024 + 512 * 1024 },
    [QUOTA_NODE_SIZE]    = { "node-size", "Max. size of a node", 2048 },
    [QUOTA_PATH_MAX]     = { "path-max", "Max. length of a node path",
                             XENSTORE_REL_PATH_MAX },
    [QUOTA_PERMISSIONS]  = { "permissions",
                             "Max. number of permissions per node", 5 },
};

struct quota soft_quotas[NR_SOFT_QUOTAS] = {
    [SOFT_QUOTA_MEMORY]  = { "memory",
                             "Total Xenstore memory per domain (warning level)",
                             2 * 1024 * 1024 },
};

unsigned int watch_event_timeout_ms = 20000;

int quota_set(struct quota *table, unsigned int nr, const char *name,
              unsigned int val)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ ) {
        if ( !strcmp(table[i].name, name) ) {
            table[i].val = val;
            return 0;
        }
    }
    return EINVAL;
}

void quota_hit(unsigned int domid, enum quota_id id)
{
    struct domain *d = domain_find(domid);
    time_t now = time(NULL);

    /* A domain hammering at a limit must not flood the log. */
    if ( d ) {
        if ( d->quota_logged[id] &&
             now - d->quota_logged[id] < QUOTA_LOG_INTERVAL )
            return;
        d->quota_logged[id] = now;
    }
    log_msg(LOG_WARNING, "domain %u hit quota %s (%u)", domid,
            quotas[id].name, quotas[id].val);
}
