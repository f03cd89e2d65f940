/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>

#include <xen/xen.h>
#include <xenctrl.h>

#include "domlist.h"
#include "store.h"

/*
 * xenstored drops the nodes a released domain owns (its console's among
 * them) before the toolstack removes its home, so a dead guest's home
 * can outlive it: where the hypervisor answers, it has the last word.
 */
static xc_interface *xch;
static bool xc_tried;

/* True unless the hypervisor says domid is dying or gone. */
static bool alive(unsigned int domid)
{
    xc_domaininfo_t info;

    if ( !xc_tried ) {
        xc_tried = true;
        xch = xc_interface_open(NULL, NULL, 0);
    }
    if ( !xch )
        return true;
    if ( xc_domain_getinfo_single(xch, domid, &info) )
        return errno != ESRCH;
    return !(info.flags & XEN_DOMINF_dying);
}

/* A guest's domid from a directory entry: 0 if it is none. */
static unsigned int parse_domid(const char *s)
{
    unsigned long id;
    char *end;

    if ( *s < '1' || *s > '9' )
        return 0;
    errno = 0;
    id = strtoul(s, &end, 10);
    if ( errno || *end || id >= DOMID_FIRST_RESERVED )
        return 0;
    return id;
}

static int by_value(const void *a, const void *b)
{
    unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

    return x < y ? -1 : x > y;
}

int domlist_get(unsigned int **ids, unsigned int *nr)
{
    unsigned int i, n, count = 0, id;
    char **names = xs_directory(store, XBT_NULL, "/local/domain", &n);

    *ids = NULL;
    *nr = 0;
    if ( !names )
        /* No /local/domain yet: no guests either. */
        return errno == ENOENT ? 0 : errno;
    *ids = malloc((n ? n : 1) * sizeof(**ids));
    if ( !*ids ) {
        free(names);
        return ENOMEM;
    }
    for ( i = 0; i < n; i++ )
        if ( (id = parse_domid(names[i])) && alive(id) )
            (*ids)[count++] = id;
    free(names);
    qsort(*ids, count, sizeof(**ids), by_value);
    *nr = count;
    return 0;
}

bool domlist_exists(unsigned int domid)
{
    char *val = store_readf("/local/domain/%u", domid);

    /* Only a clear "no" tears a console down; other errors are passing. */
    free(val);
    return (val || errno != ENOENT) && alive(domid);
}
