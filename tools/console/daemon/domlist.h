/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which guests exist.  Without libxenctrl, a guest exists while its
 * xenstore home, /local/domain/<domid>, does; a check with the hypervisor
 * (getdomaininfo, as Xen's xenconsoled asks) can replace this file
 * without the rest of the daemon changing.  dom0 is never listed: its
 * console is the hypervisor's.
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
