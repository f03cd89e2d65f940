/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The process xl create leaves behind, as Xen's xl does: it waits for
 * its domain to shut down (xenstored fires @releaseDomain) and applies
 * on_poweroff, on_reboot or on_crash.  Its messages go to
 * /var/log/xen/xl-<name>.log.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xen/sched.h>

#include "xl.h"
#include "xl_parse.h"

static void logf_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void logf_line(const char *fmt, ...)
{
    char stamp[32];
    time_t now = time(NULL);
    va_list ap;

    strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", gmtime(&now));
    fprintf(stderr, "%s xl: ", stamp);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

static enum xl_action_on_shutdown action_for(const struct xl_guest_config *gc,
                                             unsigned int reason)
{
    switch ( reason ) {
    case SHUTDOWN_poweroff:
        return gc->on_poweroff;
    case SHUTDOWN_reboot:
        return gc->on_reboot;
    case SHUTDOWN_crash:
    case SHUTDOWN_watchdog:
        return gc->on_crash;
    }
    /* Suspend and soft reset need a toolstack that saves or resets. */
    return XL_ACTION_PRESERVE;
}

/*
 * Acts on a shutdown.  Restarting needs the domain's configuration
 * kept whole for a second build, which comes with libxl: until then it
 * is said plainly and the domain is destroyed.
 */
static void shut_down(uint32_t domid, const struct xl_guest_config *gc,
                      unsigned int reason)
{
    enum xl_action_on_shutdown action = action_for(gc, reason);

    logf_line("Domain %u has shut down, reason code %u; action %s", domid,
              reason, xl_action_on_shutdown_name(action));
    switch ( action ) {
    case XL_ACTION_PRESERVE:
        logf_line("Domain %u is kept as it is (preserve)", domid);
        return;
    case XL_ACTION_DESTROY:
        break;
    default:
        logf_line("%s is not supported yet: destroying domain %u",
                  xl_action_on_shutdown_name(action), domid);
        break;
    }
    domain_destroy_all(domid);
}

int monitor_domain(uint32_t domid, const struct xl_guest_config *gc)
{
    xc_domaininfo_t info;
    unsigned int n;
    char **ev;

    if ( !xs_watch(xsh, "@releaseDomain", "xl-monitor") ) {
        logf_line("cannot watch @releaseDomain: %s", strerror(errno));
        return -1;
    }
    logf_line("Waiting for domain %s (domid %u) to die [pid %ld]", gc->name,
              domid, (long)getpid());
    while ( (ev = xs_read_watch(xsh, &n)) ) {
        free(ev);
        if ( xc_domain_getinfo_single(xch, domid, &info) ) {
            if ( errno != ESRCH )
                continue;
            logf_line("Domain %u has been destroyed.", domid);
            return 0;
        }
        if ( info.flags & XEN_DOMINF_dying ) {
            logf_line("Domain %u is dying.", domid);
            return 0;
        }
        if ( info.flags & XEN_DOMINF_shutdown ) {
            shut_down(domid, gc, (info.flags >> XEN_DOMINF_shutdownshift) &
                                 XEN_DOMINF_shutdownmask);
            return 0;
        }
    }
    logf_line("lost xenstored: %s", strerror(errno));
    return -1;
}

/* A child, on its own session, with fresh handles and its own log. */
int monitor_in_background(uint32_t domid, const struct xl_guest_config *gc)
{
    char path[300];
    pid_t pid;
    int fd;

    mkdir(XL_DIR_LOG, 0755);
    snprintf(path, sizeof(path), XL_DIR_LOG "/xl-%s.log", gc->name);
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if ( fd < 0 ) {
        fprintf(stderr, "xl: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid = fork();
    if ( pid < 0 ) {
        fprintf(stderr, "xl: fork: %s\n", strerror(errno));
        close(fd);
        return -1;
    }
    if ( pid ) {
        close(fd);
        return 0;
    }
    setsid();
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
    fd = open("/dev/null", O_RDONLY);
    if ( fd >= 0 ) {
        dup2(fd, STDIN_FILENO);
        close(fd);
    }
    /* The parent's connections are its own: open ours. */
    xs_daemon_destroy_postfork(xsh);
    xc_interface_close(xch);
    xsh = xs_open(0);
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xsh || !xch ) {
        logf_line("cannot reopen xenstore or the hypervisor: %s",
                  strerror(errno));
        _exit(EXIT_FAILURE);
    }
    _exit(monitor_domain(domid, gc) ? EXIT_FAILURE : EXIT_SUCCESS);
}
