/* SPDX-License-Identifier: GPL-2.0-only */
/* Becoming a daemon, and the pid file. */
#ifndef CONSOLED_DAEMON_H
#define CONSOLED_DAEMON_H

/*
 * Forks into the background.  The caller's process waits and exits with
 * the status the daemon reports through daemon_ready() or exit(), so that
 * whoever started it learns whether it came up.
 */
void daemon_start(void);
/* Set up: releases the waiting parent, and stdio goes to /dev/null. */
void daemon_ready(void);

/*
 * Writes the pid to path and keeps it locked: the open fd.  Exits with a
 * message if another daemon holds the lock, or on failure.
 */
int pidfile_create(const char *path);
void pidfile_remove(const char *path, int fd);

/* More open files allowed: each console takes four. */
void raise_fd_limit(void);

#endif
