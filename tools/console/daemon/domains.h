/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The consoles served: one per guest that exists (domlist.h), set up once
 * its console nodes are there, and torn down when the guest goes.
 */
#ifndef CONSOLED_DOMAINS_H
#define CONSOLED_DOMAINS_H

#include <stdint.h>

#include "poller.h"

/* The token of the @introduceDomain and @releaseDomain watches. */
#define DOMLIST_TOKEN "domlist"

/* Brings the set of consoles in line with the guests that exist. */
void domains_scan(void);
/* A watch with this token fired: rescan, or look at one console again. */
void domains_watch_fired(const char *token);

void domains_prepare(struct poller *p, uint64_t now, int *timeout_ms);
void domains_service(const struct poller *p);
void domains_reopen_logs(void);
/* Frees every console. */
void domains_destroy(void);

#endif
