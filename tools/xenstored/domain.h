/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The domains xenstored knows of: introduced ones, with a connection,
 * and any other domid a node's permissions or owner name.  Each carries
 * the counts its quotas limit.  Any domid below DOMID_FIRST_RESERVED may
 * be named; the hypervisor is asked about introduced ones when
 * VIRQ_DOM_EXC fires (domain_exc.c).
 */
#ifndef XENSTORED_DOMAIN_H
#define XENSTORED_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "quota.h"

struct connection;

struct domain {
    unsigned int domid;
    /*
     * The store's generation when the domain became known: permission
     * entries for it on older nodes were meant for an earlier domain
     * with the same domid, and grant nothing.
     */
    uint64_t generation;
    bool introduced;
    bool shut_down;             /* @releaseDomain fired for its shutdown */
    struct connection *conn;    /* while introduced */
    unsigned int nodes;         /* nodes it owns */
    unsigned int outstanding;   /* its requests with replies or events unsent */
    long memory;                /* bytes charged to it */
    bool soft_memory_reported;
    time_t quota_logged[NR_QUOTAS];
};

/* --priv-domid: a domain with dom0's rights (0 unless set). */
extern unsigned int priv_domid;

bool domid_privileged(unsigned int domid);

struct domain *domain_find(unsigned int domid);
/* Finds or creates: NULL if domid cannot exist or memory is short. */
struct domain *domain_get(unsigned int domid);
void domain_free(struct domain *d);
/* The domain after prev (the first if prev is NULL), by domid. */
struct domain *domain_next(const struct domain *prev);
void domains_destroy(void);

/* Whether a permission entry for domid on a node of generation gen counts. */
bool domain_known_since(unsigned int domid, uint64_t gen);

/*
 * Charges bytes (negative: gives back) to domid.  With chk, ENOMEM
 * instead when that takes an unprivileged domain to its memory quota.
 */
int domain_memory_charge(unsigned int domid, long bytes, bool chk);
/* Reads from such a domain stop while it is at its memory quota. */
bool domain_memory_full(const struct domain *d);

void domain_nodes_add(unsigned int domid, int delta);

#endif
