/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenstored: the xenstore daemon.  One thread polls the listening
 * socket, the socket connections, the event channel device and signals,
 * and serves every connection in turn, a request at a time.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "conn.h"
#include "daemon.h"
#include "domain.h"
#include "domain_exc.h"
#include "domain_ring.h"
#include "introduce.h"
#include "log.h"
#include "options.h"
#include "socket.h"
#include "special.h"
#include "store.h"

/* After accept() ran out of fds, try again this much later. */
#define ACCEPT_RETRY_MS 1000

struct poller {
    struct pollfd *fds;
    unsigned int nr, size;
};

static int poll_add(struct poller *p, int fd, short events)
{
    struct pollfd *fds;

    if ( p->nr == p->size ) {
        fds = realloc(p->fds, (p->size + 64) * sizeof(*fds));
        if ( !fds )
            return -1;
        p->fds = fds;
        p->size += 64;
    }
    p->fds[p->nr] = (struct pollfd){ .fd = fd, .events = events };
    return p->nr++;
}

static short revents(const struct poller *p, int idx)
{
    return idx >= 0 ? p->fds[idx].revents : 0;
}

static int signals_open(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/* Whether to stop. */
static bool take_signal(int fd)
{
    struct signalfd_siginfo si;

    while ( read(fd, &si, sizeof(si)) == sizeof(si) ) {
        if ( si.ssi_signo != SIGHUP )
            return true;
        if ( trace_reopen() )
            log_msg(LOG_ERR, "trace file %s: %m", trace_file());
    }
    return false;
}

/* Sockets wait in poll; rings are looked at, and events expire. */
static int poll_timeout(uint64_t now)
{
    struct connection *conn;
    uint64_t next = 0, at;

    list_for_each_entry(conn, &connections, list) {
        if ( conn->intf && conn_ready(conn) )
            return 0;
        at = conn_expire_events(conn, now);
        if ( at && (!next || at < next) )
            next = at;
    }
    if ( !next )
        return -1;
    return next - now > INT_MAX ? INT_MAX : (int)(next - now);
}

static void serve(int listen_fd, int signal_fd)
{
    struct poller p = { 0 };
    struct connection *conn, *tmp;
    int listen_idx, signal_idx, event_idx, timeout;
    bool accepting = true;
    uint64_t now;

    for ( ;; ) {
        p.nr = 0;
        listen_idx = accepting ? poll_add(&p, listen_fd, POLLIN) : -1;
        signal_idx = poll_add(&p, signal_fd, POLLIN);
        event_idx = domain_ring_fd() >= 0
                    ? poll_add(&p, domain_ring_fd(), POLLIN) : -1;
        list_for_each_entry(conn, &connections, list) {
            conn->pollidx = -1;
            if ( conn->fd >= 0 )
                conn->pollidx = poll_add(&p, conn->fd,
                    (conn_wants_input(conn) ? POLLIN : 0) |
                    (list_empty(&conn->out) ? 0 : POLLOUT));
        }
        now = now_ms();
        timeout = poll_timeout(now);
        if ( !accepting && (timeout < 0 || timeout > ACCEPT_RETRY_MS) )
            timeout = ACCEPT_RETRY_MS;

        if ( poll(p.fds, p.nr, timeout) < 0 && errno != EINTR ) {
            log_msg(LOG_ERR, "poll: %m");
            break;
        }
        if ( (revents(&p, signal_idx) & POLLIN) && take_signal(signal_fd) )
            break;
        accepting = true;
        if ( (revents(&p, listen_idx) & POLLIN) &&
             socket_accept(listen_fd) == EMFILE ) {
            log_msg(LOG_WARNING, "out of file descriptors for clients");
            accepting = false;
        }
        if ( revents(&p, event_idx) & POLLIN )
            domain_ring_event();
        list_for_each_entry_safe(conn, tmp, &connections, list)
            conn_service(conn, revents(&p, conn->pollidx));
        conn_reap();
    }
    free(p.fds);
}

static void stop(void)
{
    conns_destroy();
    store_destroy();
    special_destroy();
    domains_destroy();
    domain_exc_close();
    domain_ring_close();
    trace_close();
}

int main(int argc, char **argv)
{
    struct options o;
    int listen_fd, signal_fd, pid_fd = -1, rc;

    options_parse(argc, argv, &o);
    log_init(o.no_fork, o.verbose);
    if ( o.trace_file && trace_set_file(o.trace_file) )
        perror(o.trace_file);
    signal_fd = signals_open();
    if ( signal_fd < 0 ) {
        perror("xenstored: signalfd");
        return 1;
    }
    if ( !o.no_fork )
        daemonize();
    if ( o.pid_file )
        pid_fd = pidfile_create(o.pid_file);

    if ( !domain_get(0) || special_init() || store_init() ) {
        fprintf(stderr, "xenstored: out of memory\n");
        return 1;
    }
    listen_fd = socket_listen(o.socket_path);
    if ( listen_fd < 0 ) {
        fprintf(stderr, "xenstored: socket %s: %s\n", o.socket_path,
                strerror(-listen_fd));
        return 1;
    }
    rc = o.no_domain_init ? 0 : dom0_init();
    if ( rc ) {
        fprintf(stderr, "xenstored: connecting dom0's kernel: %s\n",
                strerror(rc));
        unlink(o.socket_path);
        return 1;
    }
    if ( o.output_pid ) {
        printf("%ld\n", (long)getpid());
        fflush(stdout);
    }
    if ( !o.no_fork )
        detach_stdio();

    serve(listen_fd, signal_fd);

    stop();
    close(listen_fd);
    unlink(o.socket_path);
    if ( o.pid_file ) {
        unlink(o.pid_file);
        close(pid_fd);
    }
    close(signal_fd);
    return 0;
}
