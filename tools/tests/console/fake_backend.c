/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's backend (daemon/backend.h) for host tests, in place of
 * backend_xen.c: a guest is a set of files in $XENCONSOLED_FAKE_DIR that
 * the test, playing the guest, shares with the daemon:
 *   dom<id>.ring    the console page (mmap()ed by both)
 *   dom<id>.evtchn  a FIFO: each byte the test writes is a notification
 *                   from the guest
 *   dom<id>.notify  a FIFO: the daemon writes a byte per notification it
 *                   sends the guest
 *   dom<id>.bound   written while the daemon has the event channel bound,
 *                   holding the remote port it asked for
 * A guest without these files fails to map or bind, as a real one
 * without a grant or an unbound port would.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "backend.h"

#define PAGE 4096

struct backend_port {
    unsigned int domid;
    int evtchn, notify;
};

static const char *fake_dir;

static int path_of(char *buf, unsigned int domid, const char *what)
{
    if ( snprintf(buf, PATH_MAX, "%s/dom%u.%s", fake_dir, domid, what) >=
         PATH_MAX ) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int backend_open(void)
{
    fake_dir = getenv("XENCONSOLED_FAKE_DIR");
    return fake_dir ? 0 : ENODEV;
}

void backend_close(void)
{
    fake_dir = NULL;
}

/* A guest's page is its ring file; the frame number is not used. */
struct xencons_interface *backend_map_ring(unsigned int domid,
                                           unsigned long gfn, bool *foreign)
{
    char path[PATH_MAX];
    void *page;
    int fd;

    *foreign = false;
    if ( path_of(path, domid, "ring") )
        return NULL;
    fd = open(path, O_RDWR | O_CLOEXEC);
    if ( fd < 0 )
        return NULL;
    page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return page == MAP_FAILED ? NULL : page;
}

void backend_unmap_ring(struct xencons_interface *intf, bool foreign)
{
    if ( intf )
        munmap(intf, PAGE);
}

static int open_fifo(unsigned int domid, const char *what)
{
    char path[PATH_MAX];

    if ( path_of(path, domid, what) )
        return -1;
    /* Read-write: opening never waits for, nor fails without, a peer. */
    return open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

struct backend_port *backend_bind(unsigned int domid,
                                  unsigned int remote_port)
{
    struct backend_port *port = malloc(sizeof(*port));
    char path[PATH_MAX];
    FILE *f;

    if ( !port )
        return NULL;
    port->domid = domid;
    port->evtchn = open_fifo(domid, "evtchn");
    port->notify = open_fifo(domid, "notify");
    if ( port->evtchn < 0 || port->notify < 0 || path_of(path, domid, "bound") )
        goto fail;
    f = fopen(path, "w");
    if ( !f )
        goto fail;
    fprintf(f, "%u\n", remote_port);
    fclose(f);
    return port;

fail:
    if ( port->evtchn >= 0 )
        close(port->evtchn);
    if ( port->notify >= 0 )
        close(port->notify);
    free(port);
    return NULL;
}

void backend_unbind(struct backend_port *port)
{
    char path[PATH_MAX];

    if ( !port )
        return;
    if ( !path_of(path, port->domid, "bound") )
        unlink(path);
    close(port->evtchn);
    close(port->notify);
    free(port);
}

int backend_port_fd(const struct backend_port *port)
{
    return port->evtchn;
}

/* Several notifications before the daemon looks count as one, as in Xen. */
bool backend_port_take(struct backend_port *port)
{
    char buf[256];
    bool any = false;

    while ( read(port->evtchn, buf, sizeof(buf)) > 0 )
        any = true;
    return any;
}

/* Nothing to do: a FIFO keeps notifications while it is not polled. */
void backend_port_unmask(struct backend_port *port)
{
}

void backend_port_notify(struct backend_port *port)
{
    /* A full FIFO already says "look": dropping more loses nothing. */
    if ( write(port->notify, "n", 1) < 0 && errno != EAGAIN )
        abort();
}
