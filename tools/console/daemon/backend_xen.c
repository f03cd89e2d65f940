/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The real backend.  Each console gets an event channel handle of its
 * own, as in Xen: one fd to poll per console, whose pending port can only
 * be that console's.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <xen/grant_table.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>

#include "backend.h"
#include "log.h"

static xengnttab_handle *gnttab;
static xenforeignmemory_handle *fmem;     /* opened when first needed */

struct backend_port {
    xenevtchn_handle *xce;
    evtchn_port_t local;
};

int backend_open(void)
{
    gnttab = xengnttab_open(NULL, 0);
    return gnttab ? 0 : errno;
}

void backend_close(void)
{
    xenforeignmemory_close(fmem);
    fmem = NULL;
    xengnttab_close(gnttab);
    gnttab = NULL;
}

struct xencons_interface *backend_map_ring(unsigned int domid,
                                           unsigned long gfn, bool *foreign)
{
    uint64_t frame = gfn;
    void *page;

    *foreign = false;
    page = xengnttab_map_grant_ref(gnttab, domid, GNTTAB_RESERVED_CONSOLE,
                                   PROT_READ | PROT_WRITE);
    if ( page )
        return page;
    if ( !fmem && !(fmem = xenforeignmemory_open(NULL, 0)) )
        return NULL;
    *foreign = true;
    return xenforeignmemory_map(fmem, domid, PROT_READ | PROT_WRITE, 1,
                                &frame, NULL);
}

void backend_unmap_ring(struct xencons_interface *intf, bool foreign)
{
    int rc;

    if ( !intf )
        return;
    rc = foreign ? xenforeignmemory_unmap(fmem, intf, 1)
                 : xengnttab_unmap(gnttab, intf, 1);
    if ( rc )
        log_msg(LOG_ERR, "unmapping a console page: %m");
}

struct backend_port *backend_bind(unsigned int domid,
                                  unsigned int remote_port)
{
    struct backend_port *port = malloc(sizeof(*port));
    xenevtchn_port_or_error_t local;
    int err;

    if ( !port )
        return NULL;
    port->xce = xenevtchn_open(NULL, 0);
    if ( !port->xce )
        goto fail;
    local = xenevtchn_bind_interdomain(port->xce, domid, remote_port);
    if ( local < 0 )
        goto fail;
    port->local = local;
    return port;

fail:
    err = errno;
    xenevtchn_close(port->xce);
    free(port);
    errno = err;
    return NULL;
}

void backend_unbind(struct backend_port *port)
{
    if ( !port )
        return;
    /* Closing the handle unbinds its port. */
    xenevtchn_close(port->xce);
    free(port);
}

int backend_port_fd(const struct backend_port *port)
{
    return xenevtchn_fd(port->xce);
}

bool backend_port_take(struct backend_port *port)
{
    xenevtchn_port_or_error_t p = xenevtchn_pending(port->xce);

    if ( p < 0 )
        return false;
    if ( (evtchn_port_t)p != port->local ) {
        log_msg(LOG_ERR, "event on port %d, expected %u", p, port->local);
        xenevtchn_unmask(port->xce, p);
        return false;
    }
    return true;
}

void backend_port_unmask(struct backend_port *port)
{
    xenevtchn_unmask(port->xce, port->local);
}

void backend_port_notify(struct backend_port *port)
{
    xenevtchn_notify(port->xce, port->local);
}
