/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's console 0, served on a pty.  Its xenstore directory,
 * /local/domain/<domid>/console, names the event channel (port) and the
 * ring page (ring-ref, which must be there although the page is mapped
 * from grant 0); limit bounds the output held for the pty, and a type
 * other than "xenconsoled" means someone else serves it.  The daemon
 * writes the pty's path to tty there.
 *
 * Output flows ring -> buffer -> pty (and the log file, straight from
 * the ring); input flows pty -> in ring, as far as the ring has room.
 * A guest that notifies more than RATE_LIMIT_EVENTS times in a period
 * is not listened to for the rest of it, so that a flood from one guest
 * cannot starve the others.
 */
#ifndef CONSOLED_CONSOLE_H
#define CONSOLED_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "backend.h"
#include "guestlog.h"
#include "outbuf.h"
#include "poller.h"
#include "pty.h"

#define RATE_LIMIT_EVENTS    30
#define RATE_LIMIT_PERIOD_MS 200

struct console {
    struct console *next;
    unsigned int domid;
    char *path;                 /* its xenstore directory */
    char token[16];             /* of the watch on path: "dom<domid>" */

    struct xencons_interface *intf;     /* NULL: not mapped */
    bool intf_foreign;                  /* mapped as a frame, not a grant */
    struct backend_port *port;          /* NULL: not bound */
    unsigned long remote_port;
    struct pty pty;
    struct outbuf out;
    struct guestlog log;

    unsigned int events;        /* notifications taken this period */
    uint64_t period_end;        /* ms, monotonic */
    bool masked;                /* over the allowance until period_end */
    bool look_now;              /* read the ring without an event */
    bool ring_bad;              /* reported the ring's indexes as bad */
    bool log_failed;            /* reported failing to open or write its log */
    bool complained;            /* reported why it cannot be set up */

    int port_idx, pty_idx;      /* in this turn's poll set, or -1 */
};

/* A console not yet connected, with its watch set: NULL with errno. */
struct console *console_new(unsigned int domid);
/* Unmaps, unbinds, closes and frees c (which may be NULL). */
void console_free(struct console *c);

/*
 * (Re)reads the console's nodes and sets up what is missing or changed:
 * 0, ENOENT if the guest's console is not there yet, or an errno value.
 */
int console_connect(struct console *c);

/* Closes and opens the log file again (SIGHUP, after log rotation). */
void console_reopen_log(struct console *c);

/*
 * Adds the console's fds to the poll set, and lowers *timeout_ms (-1:
 * none) to when it is let off the rate limit.
 */
void console_prepare(struct console *c, struct poller *p, uint64_t now,
                     int *timeout_ms);
/* Does what the poll set says can be done. */
void console_service(struct console *c, const struct poller *p);

#endif
