/* SPDX-License-Identifier: LGPL-2.1-only */
/* Taking a domain away with what the toolstack made for it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

static void xs_rm_path(const char *fmt, uint32_t domid)
{
    char path[64];

    snprintf(path, sizeof(path), fmt, domid);
    if ( !xs_rm(xsh, XBT_NULL, path) && errno != ENOENT )
        fprintf(stderr, "xl: removing %s from xenstore: %s\n", path,
                strerror(errno));
}

int domain_destroy_all(uint32_t domid)
{
    char path[64], *vm;

    snprintf(path, sizeof(path), "/local/domain/%u/vm", domid);
    vm = xs_read(xsh, XBT_NULL, path, NULL);
    if ( xc_domain_destroy(xch, domid) && errno != ESRCH ) {
        fprintf(stderr, "xl: destroying domain %u: %s\n", domid,
                strerror(errno));
        free(vm);
        return -1;
    }
    /* xenstored may have let go already (VIRQ_DOM_EXC): that is fine. */
    xs_release_domain(xsh, domid);
    xs_rm_path("/local/domain/%u", domid);
    xs_rm_path("/libxl/%u", domid);
    if ( vm && !strncmp(vm, "/vm/", 4) && !xs_rm(xsh, XBT_NULL, vm) &&
         errno != ENOENT )
        fprintf(stderr, "xl: removing %s from xenstore: %s\n", vm,
                strerror(errno));
    free(vm);
    return 0;
}
