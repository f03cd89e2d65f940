/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xl console: as Xen's xl, it becomes the xenconsole client, which talks
 * to the pty xenconsoled serves for the domain (Ctrl-] leaves).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xl.h"

#ifndef XENCONSOLE_PATH
#define XENCONSOLE_PATH "/usr/lib/xen/bin/xenconsole"
#endif

/* Replaces this process with the client; returns only on failure. */
int console_exec(uint32_t domid, unsigned int num, const char *type)
{
    char dom[16], n[16];

    snprintf(dom, sizeof(dom), "%u", domid);
    snprintf(n, sizeof(n), "%u", num);
    execl(XENCONSOLE_PATH, XENCONSOLE_PATH, dom, "--num", n, "--type", type,
          (char *)NULL);
    fprintf(stderr, "xl: cannot run %s: %s\n", XENCONSOLE_PATH,
            strerror(errno));
    return -1;
}

int main_console(int argc, char **argv)
{
    const char *type = "pv";
    unsigned long num = 0;
    char *end;
    int opt, rc;

    while ( (opt = def_getopt(argc, argv, "n:t:h", "console", 1, &rc)) != -1 ) {
        switch ( opt ) {
        case 0:
            return rc;
        case 't':
            if ( strcmp(optarg, "pv") && strcmp(optarg, "serial") ) {
                fprintf(stderr, "console type supported are: pv, serial\n");
                return EXIT_FAILURE;
            }
            type = optarg;
            break;
        case 'n':
            num = strtoul(optarg, &end, 10);
            if ( !*optarg || *end || num > 255 ) {
                fprintf(stderr, "xl console: bad console number '%s'\n",
                        optarg);
                return EXIT_FAILURE;
            }
            break;
        }
    }
    console_exec(find_domain(argv[optind]), num, type);
    return EXIT_FAILURE;
}
