/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the end-to-end cases run against: a real xenstored (host build,
 * $XENSTORED), the daemon built with the fake backend ($XENCONSOLED) and
 * the client ($XENCONSOLE), both with ASan and UBSan; and fake guests
 * made of the files fake_backend.c describes.
 */
#ifndef CONSOLE_TEST_ENV_H
#define CONSOLE_TEST_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <xenstore.h>
#include <xen/io/console.h>

/* A process a case started; stopped (and checked) after the case. */
struct proc {
    pid_t pid;
    char log[128];              /* its stdout and stderr */
    bool reaped;
    int status;
};

/* Starts xenstored in the scratch directory; sets XENSTORED_PATH. */
void xenstored_start(void);
/* A connection to it, closed after the case. */
struct xs_handle *xs_conn(void);

void xs_put(struct xs_handle *xs, const char *path, const char *val);
/* A node's value (free() it), waiting up to ms for it to exist; or NULL. */
char *xs_wait(struct xs_handle *xs, const char *path, unsigned int ms);

/*
 * Runs prog with the NULL-terminated args, stdin from /dev/null (or fd
 * in_fd if >= 0) and output to a log in the scratch directory.
 */
struct proc *proc_start(const char *prog, int in_fd, int out_fd,
                        const char *const *args);
/* Waits up to ms for it to exit: false if it did not. */
bool proc_wait(struct proc *p, unsigned int ms);
/* Its log, which must show no sanitizer report. */
char *proc_log(struct proc *p);
void check_no_sanitizer_report(struct proc *p);
/* SIGTERM, then checks it exits with 0 and without a report. */
void proc_stop_clean(struct proc *p);
/* How many fds it has open, and whether its mappings name what. */
int proc_fd_count(struct proc *p);
bool proc_maps(struct proc *p, const char *what);
/* CPU time it used so far, in clock ticks. */
long proc_cpu_ticks(struct proc *p);

/*
 * The daemon in the foreground (-i -v) with the fake backend in the
 * scratch directory, logs into scratch/logs, and the extra args.
 */
struct proc *consoled_start(const char *const *extra);

struct guest {
    unsigned int domid;
    struct xencons_interface *intf;
    int evtchn, notify;         /* our ends of the FIFOs */
    struct xs_handle *self;     /* the connection acting as the guest */
    char home[64];              /* /local/domain/<domid> */
};

/*
 * A guest's files and its xenstore home with name; with console, also
 * console/ring-ref, port (7) and, if limit is not 0, limit.  It is then
 * announced (@introduceDomain) by a connection becoming it.
 */
struct guest *guest_new(struct xs_handle *xs, unsigned int domid,
                        const char *name, bool console, unsigned long limit);
void guest_write_console_nodes(struct xs_handle *xs, struct guest *g,
                               unsigned long limit);
/* Removes its home and lets its connection go (@releaseDomain). */
void guest_destroy(struct xs_handle *xs, struct guest *g);

/* Notifies the daemon. */
void guest_kick(struct guest *g);
/*
 * Writes len bytes of output, waiting up to ms for room: bytes written.
 * With ms 0 it writes all or nothing.
 */
size_t guest_output(struct guest *g, const void *buf, size_t len,
                    unsigned int ms);
/* Takes up to len bytes of input, waiting up to ms for want of them. */
size_t guest_input(struct guest *g, char *buf, size_t len, size_t want,
                   unsigned int ms);
/* Notifications the daemon sent since the last call. */
unsigned int guest_notifications(struct guest *g);

/* The pty xenconsoled published for g, opened (waits up to 2 s). */
int guest_open_tty(struct xs_handle *xs, struct guest *g);

/* Reads from fd until want bytes or ms pass: how many came. */
size_t read_for(int fd, char *buf, size_t len, size_t want,
                unsigned int ms);
void write_fully(int fd, const void *buf, size_t len);

#endif
