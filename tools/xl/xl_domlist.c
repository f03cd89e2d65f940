/* SPDX-License-Identifier: LGPL-2.1-only */
/* xl list: the domains, as getdomaininfo and xenstore describe them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"
#include "xl_list.h"

static void print_domain(const xc_domaininfo_t *info)
{
    struct xl_list_row row = {
        .domid = info->domain,
        .mem_kib = info->tot_pages * 4,
        .vcpus_online = info->nr_online_vcpus,
        .cpu_time_ns = info->cpu_time,
    };
    char *name = domain_name(info->domain);

    row.name = name;
    xl_list_row_set_state(&row, info->flags);
    xl_list_print_row(stdout, &row);
    free(name);
}

int main_list(int argc, char **argv)
{
    xc_domaininfo_t info[256];
    uint32_t next = 0;
    int opt, rc, n, i;

    while ( (opt = def_getopt(argc, argv, "h", "list", 0, &rc)) != -1 )
        if ( !opt )
            return rc;

    if ( optind < argc ) {
        /* One domain, named or numbered. */
        uint32_t domid = find_domain(argv[optind]);

        if ( xc_domain_getinfo_single(xch, domid, &info[0]) ) {
            perror("xl list: getdomaininfo");
            return EXIT_FAILURE;
        }
        xl_list_print_header(stdout);
        print_domain(&info[0]);
        return EXIT_SUCCESS;
    }
    xl_list_print_header(stdout);
    while ( (n = xc_domain_getinfolist(xch, next, 256, info)) > 0 ) {
        for ( i = 0; i < n; i++ )
            print_domain(&info[i]);
        next = info[n - 1].domain + 1;
    }
    if ( n < 0 ) {
        perror("xl list: getdomaininfolist");
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
