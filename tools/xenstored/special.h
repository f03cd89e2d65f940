/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The permissions of the special watch paths @introduceDomain and
 * @releaseDomain: owned by dom0 and readable by no one else until
 * SET_PERMS says otherwise.  Reading decides who gets their events.
 */
#ifndef XENSTORED_SPECIAL_H
#define XENSTORED_SPECIAL_H

#include <stdbool.h>

#include "store.h"

struct connection;

int special_init(void);
void special_destroy(void);

bool special_readable(const struct connection *conn, const char *name);
/* EINVAL for another name, EACCES without write and owner rights. */
int special_set_perms(const struct connection *conn, const char *name,
                      unsigned int nr, const struct perm *perms);
/* A domain is gone: what was its own goes to owner, its entries go. */
void special_forget(unsigned int domid, unsigned int owner);

#endif
