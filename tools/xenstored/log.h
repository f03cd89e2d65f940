/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where the daemon reports: syslog, copied to stderr while it runs in the
 * foreground, and the trace file (-T), which also records every message
 * in and out.  -V copies the message records to stderr too.
 */
#ifndef XENSTORED_LOG_H
#define XENSTORED_LOG_H

#include <stdbool.h>
#include <syslog.h>

#include <xen/io/xs_wire.h>

void log_init(bool foreground, bool verbose);
void log_msg(int priority, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Errno values, or 0.  A NULL file means no trace file. */
int trace_set_file(const char *path);
int trace_reopen(void);
void trace_close(void);
const char *trace_file(void);
/* The open trace file, or -1. */
int trace_fd(void);

void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One message in or out of a connection; dir is "IN" or "OUT". */
void trace_io(const char *dir, const void *conn,
              const struct xsd_sockmsg *hdr, const char *body);

#endif
