/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenconsoled: serves the guests' PV consoles on ptys.  One thread polls
 * signals, xenstore's watches and every console's event channel and pty.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "daemon.h"
#include "domains.h"
#include "log.h"
#include "options.h"
#include "poller.h"
#include "store.h"

static uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int signals_open(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    /* A pty or log write must fail with EPIPE, not end the daemon. */
    signal(SIGPIPE, SIG_IGN);
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/* Whether to stop. */
static bool take_signals(int fd)
{
    struct signalfd_siginfo si;

    while ( read(fd, &si, sizeof(si)) == sizeof(si) ) {
        if ( si.ssi_signo != SIGHUP )
            return true;
        domains_reopen_logs();
    }
    return false;
}

/* Every queued watch event: 0, or the errno value of a lost connection. */
static int take_watches(void)
{
    char **ev;

    while ( (ev = xs_check_watch(store)) ) {
        domains_watch_fired(ev[XS_WATCH_TOKEN]);
        free(ev);
    }
    return errno == EAGAIN ? 0 : errno;
}

/* Returns the exit status. */
static int serve(int signal_fd)
{
    struct poller p = { 0 };
    int signal_idx, store_idx, timeout, rc = 0;

    for ( ;; ) {
        p.nr = 0;
        signal_idx = poller_add(&p, signal_fd, POLLIN);
        store_idx = poller_add(&p, xs_fileno(store), POLLIN);
        if ( signal_idx < 0 || store_idx < 0 ) {
            rc = 1;
            break;
        }
        timeout = -1;
        domains_prepare(&p, now_ms(), &timeout);

        if ( poll(p.fds, p.nr, timeout) < 0 ) {
            if ( errno == EINTR )
                continue;
            log_msg(LOG_ERR, "poll: %m");
            rc = 1;
            break;
        }
        if ( (poller_revents(&p, signal_idx) & POLLIN) &&
             take_signals(signal_fd) )
            break;
        /* Watches first: they may free consoles, which then are not served. */
        if ( poller_revents(&p, store_idx) ) {
            errno = take_watches();
            if ( errno ) {
                log_msg(LOG_ERR, "xenstore connection lost: %m");
                rc = 1;
                break;
            }
        }
        domains_service(&p);
    }
    poller_free(&p);
    return rc;
}

static bool watch_domlist(void)
{
    return xs_watch(store, "@introduceDomain", DOMLIST_TOKEN) &&
           xs_watch(store, "@releaseDomain", DOMLIST_TOKEN);
}

int main(int argc, char **argv)
{
    const char *pid_file;
    int signal_fd, pid_fd = -1, rc;

    options_parse(argc, argv);
    /* stderr too: once in the background it is /dev/null (daemon_ready). */
    log_init(true, opts.verbose);
    if ( opts.log_hv )
        log_msg(LOG_WARNING, "--log=hv: logging the hypervisor's console"
                " is not supported yet");
    if ( opts.timestamp_hv && !opts.log_hv )
        log_msg(LOG_DEBUG, "--timestamp=hv has no hypervisor log to stamp");

    if ( !opts.interactive )
        daemon_start();
    pid_file = opts.pid_file ? opts.pid_file
               : opts.interactive ? NULL : DEFAULT_PID_FILE;
    if ( pid_file )
        pid_fd = pidfile_create(pid_file);
    raise_fd_limit();

    signal_fd = signals_open();
    if ( signal_fd < 0 ) {
        log_msg(LOG_ERR, "signalfd: %m");
        return 1;
    }
    /* After the fork: the handle's watch thread would not survive it. */
    store = xs_open(0);
    if ( !store ) {
        log_msg(LOG_ERR, "cannot reach xenstore: %m; is it running?");
        return 1;
    }
    if ( !watch_domlist() ) {
        log_msg(LOG_ERR, "watching @introduceDomain and @releaseDomain: %m");
        return 1;
    }
    rc = backend_open();
    if ( rc ) {
        log_msg(LOG_ERR, "opening the grant device: %s", strerror(rc));
        return 1;
    }

    domains_scan();
    daemon_ready();
    log_msg(LOG_INFO, "serving consoles");
    rc = serve(signal_fd);

    domains_destroy();
    backend_close();
    xs_close(store);
    close(signal_fd);
    if ( pid_file )
        pidfile_remove(pid_file, pid_fd);
    log_msg(LOG_INFO, "stopped");
    closelog();
    return rc;
}
