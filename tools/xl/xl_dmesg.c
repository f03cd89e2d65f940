/* SPDX-License-Identifier: LGPL-2.1-only */
/* xl dmesg [-c]: the hypervisor's log ring, then emptied with -c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

#define CHUNK 16384

int main_dmesg(int argc, char **argv)
{
    static char buf[CHUNK];
    unsigned int n;
    uint32_t index = 0;
    bool clear = false;
    int opt, rc;

    while ( (opt = def_getopt(argc, argv, "ch", "dmesg", 0, &rc)) != -1 ) {
        if ( !opt )
            return rc;
        if ( opt == 'c' )
            clear = true;
    }
    /* From the oldest byte kept, a chunk at a time, as far as it goes. */
    do {
        n = sizeof(buf);
        if ( xc_readconsolering(xch, buf, &n, 0, 1, &index) ) {
            fprintf(stderr, "xl dmesg: reading the hypervisor's log: %s\n",
                    strerror(errno));
            return EXIT_FAILURE;
        }
        fwrite(buf, 1, n, stdout);
    } while ( n == sizeof(buf) );
    if ( clear ) {
        n = 0;
        if ( xc_readconsolering(xch, buf, &n, 1, 1, &index) ) {
            fprintf(stderr, "xl dmesg: clearing the hypervisor's log: %s\n",
                    strerror(errno));
            return EXIT_FAILURE;
        }
    }
    return EXIT_SUCCESS;
}
