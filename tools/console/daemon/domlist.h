/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which guests exist: those whose xenstore home, /local/domain/<domid>,
 * is there and which the hypervisor (getdomaininfo, as Xen's xenconsoled
 * asks) does not call dying or gone; without a hypervisor to ask (the
 * host tests), xenstore alone.  dom0 is never listed: its console is the
 * hypervisor's.
 */
#ifndef CONSOLED_DOMLIST_H
#define CONSOLED_DOMLIST_H

#include <stdbool.h>

/*
 * The guests now, in ascending order: 0 and *ids (free() it) with *nr
 * of them, or an errno value.
 */
int domlist_get(unsigned int **ids, unsigned int *nr);

/* Whether one guest exists; true when that cannot be told. */
bool domlist_exists(unsigned int domid);

#endif
