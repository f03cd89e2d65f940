/* SPDX-License-Identifier: LGPL-2.1-only */
/* xl destroy and xl shutdown. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

int main_destroy(int argc, char **argv)
{
    bool force = false;
    uint32_t domid;
    int opt, rc;

    while ( (opt = def_getopt(argc, argv, "fh", "destroy", 1, &rc)) != -1 ) {
        if ( !opt )
            return rc;
        if ( opt == 'f' )
            force = true;
    }
    domid = find_domain(argv[optind]);
    if ( domid == 0 && !force ) {
        fprintf(stderr, "Not destroying domain 0; use -f to force.\n"
                "This can only be done when using a disaggregated "
                "hardware domain and toolstack.\n\n");
        return EXIT_FAILURE;
    }
    return domain_destroy_all(domid) ? EXIT_FAILURE : EXIT_SUCCESS;
}

/*
 * The guest's kernel acts on control/shutdown once its xenbus is up,
 * which it says by writing control/feature-poweroff.
 */
static int request_shutdown(uint32_t domid)
{
    char path[64], *feature;
    bool pv;

    fprintf(stderr, "Shutting down domain %u\n", domid);
    snprintf(path, sizeof(path), "/local/domain/%u/control/feature-poweroff",
             domid);
    feature = xs_read(xsh, XBT_NULL, path, NULL);
    pv = feature && !strcmp(feature, "1");
    free(feature);
    if ( !pv ) {
        fprintf(stderr, "PV control interface not available:"
                " external graceful shutdown not possible.\n");
        return -1;
    }
    snprintf(path, sizeof(path), "/local/domain/%u/control/shutdown", domid);
    if ( !xs_write(xsh, XBT_NULL, path, "poweroff", strlen("poweroff")) ) {
        fprintf(stderr, "shutdown failed: writing %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    return 0;
}

/* Shut down or gone (xenstored fires @releaseDomain for either). */
static bool domain_stopped(uint32_t domid)
{
    xc_domaininfo_t info;

    if ( xc_domain_getinfo_single(xch, domid, &info) )
        return errno == ESRCH;
    return info.flags & (XEN_DOMINF_shutdown | XEN_DOMINF_dying);
}

static int wait_for_shutdown(const uint32_t *domids, unsigned int nr)
{
    unsigned int left = nr, i;
    bool *done = calloc(nr, sizeof(*done));
    char **ev;

    if ( !done || !xs_watch(xsh, "@releaseDomain", "xl-shutdown") ) {
        fprintf(stderr, "xl: cannot watch @releaseDomain: %s\n",
                strerror(errno));
        free(done);
        return -1;
    }
    fprintf(stderr, "Waiting for %u domains\n", nr);
    /* The watch fires once at once, so no shutdown is missed. */
    while ( left && (ev = xs_read_watch(xsh, &i)) ) {
        free(ev);
        for ( i = 0; i < nr; i++ ) {
            if ( done[i] || !domain_stopped(domids[i]) )
                continue;
            done[i] = true;
            left--;
            fprintf(stderr, "Domain %u has been shut down\n", domids[i]);
        }
    }
    xs_unwatch(xsh, "@releaseDomain", "xl-shutdown");
    free(done);
    return left ? -1 : 0;
}

int main_shutdown(int argc, char **argv)
{
    xc_domaininfo_t info[256];
    uint32_t domids[256];
    unsigned int nr = 0;
    bool all = false, wait = false;
    int opt, rc, n, i;

    while ( (opt = def_getopt(argc, argv, "awFh", "shutdown", 0, &rc)) != -1 ) {
        switch ( opt ) {
        case 0:
            return rc;
        case 'a':
            all = true;
            break;
        case 'w':
            wait = true;
            break;
        case 'F':
            fprintf(stderr, "xl shutdown: -F (an ACPI power event) is not "
                    "available on Arm guests.\n");
            return EXIT_FAILURE;
        }
    }
    if ( !all && !argv[optind] ) {
        fprintf(stderr, "You must specify -a or a domain id.\n\n");
        return EXIT_FAILURE;
    }
    if ( all ) {
        n = xc_domain_getinfolist(xch, 1, 256, info);
        if ( n < 0 ) {
            fprintf(stderr, "libxl_list_domain failed.\n");
            return EXIT_FAILURE;
        }
        for ( i = 0; i < n; i++ )
            domids[nr++] = info[i].domain;
    } else {
        domids[nr++] = find_domain(argv[optind]);
    }
    for ( i = 0; i < (int)nr; i++ )
        if ( request_shutdown(domids[i]) )
            return EXIT_FAILURE;
    if ( wait && nr && wait_for_shutdown(domids, nr) )
        return EXIT_FAILURE;
    return EXIT_SUCCESS;
}
