/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains coming and going: INTRODUCE connects a domain's ring, RELEASE
 * (or its connection ending) forgets it, as 4.17 does: its watches and
 * transactions go, the nodes it owns are removed (or, with -K, given to
 * the privileged domain), and @releaseDomain fires.
 */
#ifndef XENSTORED_INTRODUCE_H
#define XENSTORED_INTRODUCE_H

#include <stdbool.h>

struct connection;
struct domain;
struct request;

/* -K: keep a released domain's nodes. */
extern bool keep_orphans;

int do_introduce(struct request *req);
int do_release(struct request *req);
int do_resume(struct request *req);
int do_set_target(struct request *req);
int do_get_domain_path(struct request *req);
int do_is_domain_introduced(struct request *req);

/* Connects dom0's own kernel through xenfs: errno. */
int dom0_init(void);

/*
 * Test mode: the socket conn acts as domain domid from now on, as if
 * introduced with it as its ring.
 */
int domain_become(struct connection *conn, unsigned int domid);

/* The domain's connection ended. */
void domain_released(struct domain *d);

#endif
