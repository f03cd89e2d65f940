/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdbool.h>

#include <xenctrl.h>

#include "conn.h"
#include "domain.h"
#include "domain_exc.h"
#include "log.h"
#include "watch.h"

static xc_interface *xch;

void domain_exc_close(void)
{
    xc_interface_close(xch);
    xch = NULL;
}

/* Whether d is gone or going; records a first shutdown in *shut_down. */
static bool domain_ended(struct domain *d, bool *shut_down)
{
    xc_domaininfo_t info;

    if ( xc_domain_getinfo_single(xch, d->domid, &info) )
        return errno == ESRCH;
    if ( (info.flags & XEN_DOMINF_shutdown) && !d->shut_down ) {
        d->shut_down = true;
        *shut_down = true;
    }
    return info.flags & XEN_DOMINF_dying;
}

void domain_exc_check(void)
{
    struct domain *d, *next;
    bool notify = false;

    if ( !xch && !(xch = xc_interface_open(NULL, NULL, 0)) ) {
        log_msg(LOG_ERR, "VIRQ_DOM_EXC: cannot ask the hypervisor: %m");
        return;
    }
    for ( d = domain_next(NULL); d; d = next ) {
        next = domain_next(d);
        if ( !d->domid || !d->introduced )
            continue;
        if ( domain_ended(d, &notify) )
            conn_close(d->conn);      /* frees d, fires @releaseDomain */
    }
    if ( notify )
        fire_special("@releaseDomain");
}
