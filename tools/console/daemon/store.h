/* SPDX-License-Identifier: GPL-2.0-only */
/* The daemon's one connection to xenstore, and reads by formatted path. */
#ifndef CONSOLED_STORE_H
#define CONSOLED_STORE_H

#include <stdbool.h>

#include <xenstore.h>

extern struct xs_handle *store;

/* A node's value (free() it), or NULL with errno set. */
char *store_readf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A node's value as a number in [0, max]: 0, or ENOENT or EINVAL. */
int store_read_uint(unsigned long *val, unsigned long max, const char *fmt,
                    ...) __attribute__((format(printf, 3, 4)));

#endif
