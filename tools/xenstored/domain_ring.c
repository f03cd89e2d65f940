/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>
#include <xen/grant_table.h>
#include <xen/xen.h>

#include "conn.h"
#include "domain.h"
#include "domain_exc.h"
#include "domain_ring.h"
#include "log.h"
#include "ring.h"

/* What Linux's xenfs offers a local xenstored (XS_LOCAL dom0). */
#define XSD_KVA  "/proc/xen/xsd_kva"
#define XSD_PORT "/proc/xen/xsd_port"

static xenevtchn_handle *xce;
static xengnttab_handle *xgt;
static xenforeignmemory_handle *fmem;     /* opened when first needed */
static int dom_exc_port = -1;

int domain_ring_open(void)
{
    int err;

    if ( xce )
        return 0;
    xce = xenevtchn_open(NULL, 0);
    if ( !xce )
        return errno;
    xgt = xengnttab_open(NULL, 0);
    if ( !xgt ) {
        err = errno;
        xenevtchn_close(xce);
        xce = NULL;
        return err;
    }
    /* Without it domains are only released when the toolstack says so. */
    dom_exc_port = xenevtchn_bind_virq(xce, VIRQ_DOM_EXC);
    if ( dom_exc_port < 0 )
        log_msg(LOG_WARNING, "binding VIRQ_DOM_EXC: %m");
    return 0;
}

void domain_ring_close(void)
{
    xenforeignmemory_close(fmem);
    fmem = NULL;
    dom_exc_port = -1;
    xengnttab_close(xgt);
    xenevtchn_close(xce);
    xgt = NULL;
    xce = NULL;
}

int domain_ring_fd(void)
{
    return xce ? xenevtchn_fd(xce) : -1;
}

void domain_ring_event(void)
{
    xenevtchn_port_or_error_t port = xenevtchn_pending(xce);

    if ( port < 0 || xenevtchn_unmask(xce, port) < 0 )
        log_msg(LOG_ERR, "event channel device: %m");
    else if ( port == dom_exc_port )
        domain_exc_check();
}

void domain_ring_notify(struct connection *conn)
{
    if ( conn->port )
        xenevtchn_notify(xce, conn->port);
}

static int ring_conn_receive(struct connection *conn)
{
    XENSTORE_RING_IDX cons = conn->intf->req_cons;
    int rc = ring_receive(conn->intf, &conn->in);

    if ( conn->intf->req_cons != cons )
        domain_ring_notify(conn);
    return rc;
}

static int ring_conn_send(struct connection *conn, struct msg_out *out)
{
    XENSTORE_RING_IDX prod = conn->intf->rsp_prod;
    int rc = ring_send(conn->intf, out);

    if ( conn->intf->rsp_prod != prod )
        domain_ring_notify(conn);
    return rc;
}

static bool ring_conn_readable(const struct connection *conn, short revents)
{
    return ring_has_input(conn->intf);
}

static bool ring_conn_writable(const struct connection *conn, short revents)
{
    return ring_has_room(conn->intf);
}

/* 4.17 keeps the domain introduced, so @releaseDomain still fires. */
static void ring_conn_broken(struct connection *conn)
{
    log_msg(LOG_ERR, "domain %u: ring error %u, no longer served", conn->id,
            conn->intf->error);
    conn_ignore(conn);
}

static void unmap(struct xenstore_domain_interface *intf, int how)
{
    if ( how == INTF_LOCAL )
        munmap(intf, sysconf(_SC_PAGESIZE));
    else if ( how == INTF_GRANT )
        xengnttab_unmap(xgt, intf, 1);
    else
        xenforeignmemory_unmap(fmem, intf, 1);
}

static void ring_conn_release(struct connection *conn)
{
    if ( conn->port )
        xenevtchn_unbind(xce, conn->port);
    unmap(conn->intf, conn->intf_map);
}

static const struct transport ring_transport = {
    .receive = ring_conn_receive,
    .send = ring_conn_send,
    .readable = ring_conn_readable,
    .writable = ring_conn_writable,
    .broken = ring_conn_broken,
    .release = ring_conn_release,
};

static void *map_local(void)
{
    int fd = open(XSD_KVA, O_RDWR | O_CLOEXEC);
    void *page;

    if ( fd < 0 )
        return NULL;
    page = mmap(NULL, sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE,
                MAP_SHARED, fd, 0);
    close(fd);
    return page == MAP_FAILED ? NULL : page;
}

/* d's ring page: through its grant, else as a foreign frame. */
static void *map_ring(unsigned int domid, uint64_t gfn, int *how)
{
    void *page;

    if ( domid == 0 ) {
        *how = INTF_LOCAL;
        return map_local();
    }
    *how = INTF_GRANT;
    page = xengnttab_map_grant_ref(xgt, domid, GNTTAB_RESERVED_XENSTORE,
                                   PROT_READ | PROT_WRITE);
    if ( page )
        return page;
    if ( !fmem && !(fmem = xenforeignmemory_open(NULL, 0)) )
        return NULL;
    *how = INTF_FOREIGN;
    return xenforeignmemory_map(fmem, domid, PROT_READ | PROT_WRITE, 1, &gfn,
                                NULL);
}

int domain_ring_connect(struct domain *d, uint64_t gfn, uint32_t port,
                        struct connection **out)
{
    struct xenstore_domain_interface *intf;
    struct connection *conn;
    int how, bound, rc = domain_ring_open();

    if ( rc )
        return rc;
    intf = map_ring(d->domid, gfn, &how);
    if ( !intf )
        return errno;
    bound = xenevtchn_bind_interdomain(xce, d->domid, port);
    if ( bound < 0 ) {
        rc = errno;
        unmap(intf, how);
        return rc;
    }
    conn = conn_new(&ring_transport);
    if ( !conn ) {
        xenevtchn_unbind(xce, bound);
        unmap(intf, how);
        return ENOMEM;
    }
    conn->intf = intf;
    conn->intf_map = how;
    conn->port = bound;
    *out = conn;
    return 0;
}

int domain_ring_rebind(struct connection *conn, uint32_t port)
{
    int bound;

    if ( conn->port )
        xenevtchn_unbind(xce, conn->port);
    bound = xenevtchn_bind_interdomain(xce, conn->id, port);
    conn->port = bound < 0 ? 0 : bound;
    return bound < 0 ? errno : 0;
}

int dom0_ring_port(uint32_t *port)
{
    char buf[24];
    ssize_t n;
    int fd = open(XSD_PORT, O_RDONLY | O_CLOEXEC);

    if ( fd < 0 )
        return errno;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if ( n <= 0 )
        return n < 0 ? errno : EINVAL;
    buf[n] = '\0';
    *port = strtoul(buf, NULL, 0);
    return 0;
}
