/* SPDX-License-Identifier: LGPL-2.1-only */
/* Option parsing and naming domains, for every command. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

int def_getopt(int argc, char **argv, const char *optstring,
               const char *cmd, int min_args, int *rc_r)
{
    int opt;

    opterr = 0;
    opt = getopt(argc, argv, optstring);
    if ( opt == '?' ) {
        if ( optopt == 'h' ) {
            help(cmd);
            *rc_r = EXIT_SUCCESS;
            return 0;
        }
        fprintf(stderr, "option `%c' not supported.\n", optopt);
        *rc_r = 2;
        return 0;
    }
    if ( opt == 'h' ) {
        help(cmd);
        *rc_r = EXIT_SUCCESS;
        return 0;
    }
    if ( opt != -1 )
        return opt;
    if ( argc - optind < min_args ) {
        fprintf(stderr, "'xl %s' requires at least %d argument%s.\n\n", cmd,
                min_args, min_args > 1 ? "s" : "");
        help(cmd);
        *rc_r = 2;
        return 0;
    }
    return -1;
}

char *domain_name(uint32_t domid)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    return xs_read(xsh, XBT_NULL, path, NULL);
}

int64_t domain_by_name(const char *name)
{
    xc_domaininfo_t info[256];
    uint32_t next = 0;
    int n, i;

    /* Names live in xenstore; only domains that exist count. */
    while ( (n = xc_domain_getinfolist(xch, next, 256, info)) > 0 ) {
        for ( i = 0; i < n; i++ ) {
            char *have = domain_name(info[i].domain);
            bool same = have && !strcmp(have, name);

            free(have);
            if ( same )
                return info[i].domain;
        }
        next = info[n - 1].domain + 1;
    }
    return -1;
}

/* As xl: all digits is a domid, anything else a name. */
uint32_t find_domain(const char *q)
{
    xc_domaininfo_t info;
    char *end;
    unsigned long id;
    int64_t found;

    errno = 0;
    id = strtoul(q, &end, 10);
    if ( *q && !*end && !errno && q[0] != '-' ) {
        if ( id < DOMID_FIRST_RESERVED &&
             !xc_domain_getinfo_single(xch, id, &info) )
            return id;
        fprintf(stderr, "%s is an invalid domain identifier (rc=-6)\n", q);
        exit(EXIT_FAILURE);
    }
    found = domain_by_name(q);
    if ( found < 0 ) {
        fprintf(stderr, "%s is an invalid domain identifier (rc=-6)\n", q);
        exit(EXIT_FAILURE);
    }
    return found;
}
