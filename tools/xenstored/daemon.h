/* SPDX-License-Identifier: GPL-2.0-only */
/* Becoming a daemon, as 4.17 does it. */
#ifndef XENSTORED_DAEMON_H
#define XENSTORED_DAEMON_H

/* Forks twice, leaving the session and the caller's directory. */
void daemonize(void);
/* stdin, stdout and stderr to /dev/null, once ready to serve. */
void detach_stdio(void);

/*
 * Writes the pid to path and keeps it locked: the open fd; exits quietly
 * if another daemon holds the lock, and with an error on failure.
 */
int pidfile_create(const char *path);

#endif
