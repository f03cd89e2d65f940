/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenstored under test: the binary $XENSTORED, run in the foreground
 * without dom0's ring (-N -D), with --test-become and its socket in the
 * case's scratch directory, its stderr in a log file there.
 */
#ifndef XENSTORED_TEST_SERVER_H
#define XENSTORED_TEST_SERVER_H

#include <stdbool.h>
#include <sys/types.h>

struct daemon {
    pid_t pid;
    char socket[128];
    char log[128];
};

/* Extra arguments, NULL-terminated; stopped (and checked) after the case. */
struct daemon *daemon_start(bool test_become, const char *const *args);
#define DAEMON(...) \
    daemon_start(true, (const char *const[]){ __VA_ARGS__ __VA_OPT__(,) NULL })
/* Without --test-become, as in production. */
#define PLAIN_DAEMON(...) \
    daemon_start(false, (const char *const[]){ __VA_ARGS__ __VA_OPT__(,) NULL })
/* The whole command line given (argv[0] is $XENSTORED), listening on socket. */
struct daemon *daemon_spawn(const char *socket, const char *const *argv);

/* SIGTERM; fails unless the daemon exits 0 and removes its socket. */
void daemon_stop(struct daemon *d);

/* Whether the log holds s (waiting up to a second for it). */
bool daemon_logged(struct daemon *d, const char *s);

/* Runs $XENSTORED with args to its end: its exit status (or -1). */
int run_xenstored(const char *const *args, const char *out_file);

const char *xenstored_path(void);

#endif
