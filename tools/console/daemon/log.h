/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's own messages: to syslog, and copied to stderr (which is
 * /dev/null once the daemon is in the background).  Debug and info
 * messages only with -v.
 */
#ifndef CONSOLED_LOG_H
#define CONSOLED_LOG_H

#include <stdbool.h>
#include <syslog.h>

void log_init(bool to_stderr, bool verbose);
void log_msg(int priority, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
