/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Node permissions.  The first entry names the owner, who may do
 * anything, and what domains without an entry of their own get; further
 * entries grant their domain n(one), r(ead), w(rite) or b(oth).
 * Privileged connections may do anything; SET_TARGET lends a domain its
 * target's entries.
 */
#ifndef XENSTORED_PERMS_H
#define XENSTORED_PERMS_H

#include "arena.h"
#include "store.h"

struct connection;

/* PERM_READ, PERM_WRITE and PERM_OWNER as conn may use them. */
unsigned int perm_for_conn(const struct connection *conn,
                           unsigned int nr, const struct perm *perms);

/*
 * Parses nr NUL-terminated strings such as "r5" into *out: EINVAL for a
 * bad letter or domid, ENOMEM.
 */
int perms_parse(struct arena *a, const char *strings, unsigned int nr,
                struct perm **out);
/* The strings GET_PERMS answers, NUL-terminated each; NULL on ENOMEM. */
char *perms_format(struct arena *a, unsigned int nr, const struct perm *perms,
                   unsigned int *len);

/*
 * Makes the domains entries name known (so their entries count from now
 * on) and marks entries of domids that cannot exist ignored: ENOMEM.
 */
int perms_ref_domains(unsigned int nr, struct perm *perms);
/* Marks ignored the entries older than their domain (see domain.h). */
void perms_drop_stale(struct node *n);

#endif
