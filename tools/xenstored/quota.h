/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-domain quotas, with 4.17's names and defaults.  They bind
 * unprivileged domains only: dom0, the --priv-domid domain and plain
 * socket connections are exempt.
 */
#ifndef XENSTORED_QUOTA_H
#define XENSTORED_QUOTA_H

/* In the order 4.17 lists them. */
enum quota_id {
    QUOTA_NODES,
    QUOTA_WATCHES,
    QUOTA_TRANSACTIONS,
    QUOTA_OUTSTANDING,
    QUOTA_TRANS_NODES,
    QUOTA_MEMORY,
    QUOTA_NODE_SIZE,
    QUOTA_PATH_MAX,
    QUOTA_PERMISSIONS,
    NR_QUOTAS
};

struct quota {
    const char *name;
    const char *descr;
    unsigned int val;
};

extern struct quota quotas[NR_QUOTAS];
/* Crossing a soft quota only logs a warning. */
enum soft_quota_id { SOFT_QUOTA_MEMORY, NR_SOFT_QUOTAS };
extern struct quota soft_quotas[NR_SOFT_QUOTAS];

#define quota(id) (quotas[id].val)

/* How long a watch event may wait for an unprivileged domain (ms; 0: ever). */
extern unsigned int watch_event_timeout_ms;

/* Sets the quota called name in table: EINVAL if there is none. */
int quota_set(struct quota *table, unsigned int nr, const char *name,
              unsigned int val);

/* Logs that domid hit quota id, at most every 10 s per domain and quota. */
void quota_hit(unsigned int domid, enum quota_id id);

#endif
