/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "domlist.h"
#include "log.h"
#include "options.h"
#include "ring.h"
#include "store.h"

/* Above any sane limit: the node is the toolstack's, but still checked. */
#define LIMIT_NODE_MAX (1UL << 31)

struct console *console_new(unsigned int domid)
{
    struct console *c = calloc(1, sizeof(*c));

    if ( !c )
        return NULL;
    c->domid = domid;
    c->pty.master = c->pty.slave = -1;
    c->log.fd = -1;
    c->port_idx = c->pty_idx = -1;
    outbuf_init(&c->out, OUTBUF_LIMIT_DEFAULT, opts.keep_overflow);
    snprintf(c->token, sizeof(c->token), "dom%u", domid);
    if ( asprintf(&c->path, "/local/domain/%u/console", domid) < 0 ) {
        free(c);
        errno = ENOMEM;
        return NULL;
    }
    /* It fires once now, and whenever the guest's console nodes change. */
    if ( !xs_watch(store, c->path, c->token) ) {
        int err = errno;

        free(c->path);
        free(c);
        errno = err;
        return NULL;
    }
    log_msg(LOG_DEBUG, "domain %u: new", domid);
    return c;
}

/*
 * Why a console cannot be set up: loud the first time, then quiet, as a
 * guest can make its console's watch fire as often as it likes.
 */
static void __attribute__((format(printf, 2, 3)))
complain(struct console *c, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    log_msg(c->complained ? LOG_DEBUG : LOG_ERR, "domain %u: %s", c->domid,
            msg);
    c->complained = true;
}

static void disconnect(struct console *c)
{
    guestlog_close(&c->log);
    pty_close(&c->pty);
    backend_unbind(c->port);
    c->port = NULL;
    backend_unmap_ring(c->intf, c->intf_foreign);
    c->intf = NULL;
    c->port_idx = c->pty_idx = -1;
}

void console_free(struct console *c)
{
    if ( !c )
        return;
    log_msg(LOG_DEBUG, "domain %u: gone", c->domid);
    /* Its watch may still fire: that event then finds no console. */
    xs_unwatch(store, c->path, c->token);
    disconnect(c);
    outbuf_free(&c->out);
    free(c->path);
    free(c);
}

/* A new pty, its path published for clients. */
static int open_pty(struct console *c)
{
    unsigned long limit;
    char *path;
    bool ok;
    int rc;

    rc = pty_open(&c->pty);
    if ( rc ) {
        complain(c, "no pty: %s", strerror(rc));
        return rc;
    }
    if ( store_read_uint(&limit, LIMIT_NODE_MAX, "%s/limit", c->path) )
        limit = OUTBUF_LIMIT_DEFAULT;
    outbuf_set_limit(&c->out, limit);

    if ( asprintf(&path, "%s/tty", c->path) < 0 ) {
        pty_close(&c->pty);
        return ENOMEM;
    }
    ok = xs_write(store, XBT_NULL, path, c->pty.name, strlen(c->pty.name));
    rc = ok ? 0 : errno;
    free(path);
    if ( rc ) {
        complain(c, "writing its tty: %s", strerror(rc));
        pty_close(&c->pty);
        return rc;
    }
    log_msg(LOG_INFO, "domain %u: console on %s", c->domid, c->pty.name);
    return 0;
}

static void open_log(struct console *c)
{
    char *name = store_readf("/local/domain/%u/name", c->domid);
    char fallback[32];
    int rc;

    /* A name that is missing or unusable in a file name: the domid. */
    if ( !name || !guestlog_name_ok(name) ) {
        snprintf(fallback, sizeof(fallback), "domain-%u", c->domid);
        free(name);
        name = strdup(fallback);
        if ( !name )
            return;
    }
    rc = guestlog_open(&c->log, opts.log_dir, name, opts.timestamp_guest,
                       opts.replace_escape);
    /* Retried whenever the console's watch fires: said once. */
    if ( rc )
        log_msg(c->log_failed ? LOG_DEBUG : LOG_ERR,
                "domain %u: log file guest-%s.log in %s: %s", c->domid, name,
                opts.log_dir, strerror(rc));
    free(name);
    c->log_failed = rc != 0;
}

int console_connect(struct console *c)
{
    unsigned long ref, port;
    bool elsewhere;
    char *type;
    int rc;

    rc = store_read_uint(&ref, UINT32_MAX, "%s/ring-ref", c->path);
    if ( !rc )
        rc = store_read_uint(&port, UINT32_MAX, "%s/port", c->path);
    if ( rc )
        return rc;
    type = store_readf("%s/type", c->path);
    elsewhere = type && strcmp(type, "xenconsoled");
    free(type);
    if ( elsewhere )
        return 0;

    if ( !c->intf ) {
        c->intf = backend_map_ring(c->domid, ref, &c->intf_foreign);
        if ( !c->intf ) {
            rc = errno;
            complain(c, "mapping its console page: %s", strerror(rc));
            return rc;
        }
    }
    if ( !c->port || port != c->remote_port ) {
        backend_unbind(c->port);
        c->port_idx = -1;
        c->events = 0;
        c->masked = false;
        c->port = backend_bind(c->domid, port);
        if ( !c->port ) {
            rc = errno;
            complain(c, "binding port %lu: %s", port, strerror(rc));
            return rc;
        }
        c->remote_port = port;
        /* What the guest wrote before anyone listened raised no event. */
        c->look_now = true;
    }
    if ( c->pty.master < 0 ) {
        rc = open_pty(c);
        if ( rc ) {
            backend_unbind(c->port);
            c->port = NULL;
            c->port_idx = -1;
            return rc;
        }
    }
    if ( opts.log_guest && c->log.fd < 0 )
        open_log(c);
    c->complained = false;
    return 0;
}

void console_reopen_log(struct console *c)
{
    if ( !opts.log_guest || !c->port )
        return;
    guestlog_close(&c->log);
    open_log(c);
}

void console_prepare(struct console *c, struct poller *p, uint64_t now,
                     int *timeout_ms)
{
    short events = 0;
    int wait;

    c->port_idx = c->pty_idx = -1;
    if ( !c->port || !c->intf )
        return;

    if ( now >= c->period_end ) {
        c->period_end = now + RATE_LIMIT_PERIOD_MS;
        c->events = 0;
        if ( c->masked )
            backend_port_unmask(c->port);
        c->masked = false;
    }
    if ( c->look_now && outbuf_accepting(&c->out) )
        *timeout_ms = 0;
    if ( c->masked ) {
        wait = c->period_end - now;
        if ( *timeout_ms < 0 || wait < *timeout_ms )
            *timeout_ms = wait;
    } else if ( outbuf_accepting(&c->out) ) {
        c->port_idx = poller_add(p, backend_port_fd(c->port), POLLIN);
    }

    if ( c->pty.master < 0 )
        return;
    if ( ring_input_room(c->intf) )
        events |= POLLIN;
    if ( outbuf_waiting(&c->out) )
        events |= POLLOUT;
    if ( events )
        c->pty_idx = poller_add(p, c->pty.master, events);
}

/* Moves what the out ring holds to the log and the buffer. */
static void drain_ring(struct console *c)
{
    char buf[RING_OUT_SIZE];
    int len, rc;

    len = ring_take_output(c->intf, buf);
    if ( len < 0 && !c->ring_bad )
        log_msg(LOG_WARNING, "domain %u: console ring indexes out of range;"
                " ignoring its output until they are not", c->domid);
    c->ring_bad = len < 0;
    if ( len > 0 ) {
        backend_port_notify(c->port);
        rc = guestlog_write(&c->log, buf, len);
        if ( rc && !c->log_failed )
            log_msg(LOG_ERR, "domain %u: writing its log: %s", c->domid,
                    strerror(rc));
        c->log_failed = rc != 0;
        if ( outbuf_append(&c->out, buf, len) )
            log_msg(LOG_ERR, "domain %u: out of memory, output lost",
                    c->domid);
    }
}

static void take_output(struct console *c)
{
    if ( !backend_port_take(c->port) )
        return;
    drain_ring(c);
    if ( ++c->events < RATE_LIMIT_EVENTS )
        backend_port_unmask(c->port);
    else
        c->masked = true;
}

/* The pty failed: a fresh one, unless the guest is gone. */
static void pty_broken(struct console *c, int err)
{
    log_msg(LOG_WARNING, "domain %u: pty %s failed: %s", c->domid,
            c->pty.name, strerror(err));
    pty_close(&c->pty);
    c->pty_idx = -1;
    if ( domlist_exists(c->domid) )
        open_pty(c);
}

static void pty_to_ring(struct console *c)
{
    char buf[RING_IN_SIZE];
    size_t room = ring_input_room(c->intf);
    ssize_t n;

    if ( !room )
        return;
    n = read(c->pty.master, buf, room < sizeof(buf) ? room : sizeof(buf));
    if ( n < 0 && errno != EAGAIN && errno != EINTR )
        pty_broken(c, errno);
    if ( n <= 0 )
        return;
    /* Input the guest made room for and then took back is lost. */
    ring_put_input(c->intf, buf, n);
    backend_port_notify(c->port);
}

static void buffer_to_pty(struct console *c)
{
    ssize_t n = write(c->pty.master, outbuf_head(&c->out),
                      outbuf_waiting(&c->out));

    if ( n < 0 && errno != EAGAIN && errno != EINTR )
        pty_broken(c, errno);
    if ( n > 0 )
        outbuf_consume(&c->out, n);
}

void console_service(struct console *c, const struct poller *p)
{
    short ev;

    if ( !c->port )
        return;
    if ( c->look_now && c->intf && outbuf_accepting(&c->out) ) {
        c->look_now = false;
        drain_ring(c);
    }
    if ( poller_revents(p, c->port_idx) & POLLIN )
        take_output(c);

    ev = poller_revents(p, c->pty_idx);
    if ( ev & (POLLERR | POLLHUP | POLLNVAL) ) {
        pty_broken(c, EIO);
        return;
    }
    if ( ev & POLLIN )
        pty_to_ring(c);
    if ( (ev & POLLOUT) && c->pty.master >= 0 )
        buffer_to_pty(c);
}
