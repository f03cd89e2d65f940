/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenconsole, the client `xl console` runs: it finds the pty xenconsoled
 * serves for a guest's console in xenstore and copies between it and the
 * terminal.  Ctrl-] leaves.  As Xen's, it exits with an errno value on
 * failure (EINVAL for a bad command line).
 */
#ifndef XENCONSOLE_CLIENT_H
#define XENCONSOLE_CLIENT_H

#include <stdbool.h>

#include <xenstore.h>

/* Ctrl-]: detaches, as in telnet. */
#define ESCAPE_CHARACTER 0x1d

/* How long to wait for xenconsoled to publish a new guest's pty. */
#define PTY_WAIT_SECONDS 5

/* Prints "xenconsole: <message>" (and ": <strerror(err)>" if err). */
void say(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, then exits with status code. */
void __attribute__((noreturn, format(printf, 3, 4)))
die(int code, int err, const char *fmt, ...);

/* Raw mode for fd (a terminal); restore with the saved state. */
struct termios;
bool term_make_raw(int fd, struct termios *saved);
void term_restore(int fd, const struct termios *saved);

/*
 * Opens the pty whose path the node tty_node holds, waiting up to
 * seconds for it to be written (a watch on tty_node must be set).  The fd,
 * or -1 with errno set (ENOENT if the node never showed a usable path).
 */
int pty_wait_open(struct xs_handle *xs, const char *tty_node, int seconds,
                  char **opened_path);

/* Takes the per-domain lock, so that one client talks to a console. */
void console_lock(unsigned int domid);

/*
 * Copies between the pty and stdin/stdout (stdin only if interactive)
 * until Ctrl-], end of input, a signal, or the tty node going away.
 */
void copy_loop(struct xs_handle *xs, const char *tty_node, int pty_fd,
               char *pty_path, bool interactive);

/* Set by SIGTERM and SIGHUP: leave. */
extern volatile int stop_requested;

#endif
