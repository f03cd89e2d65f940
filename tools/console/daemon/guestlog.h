/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console log files (--log): <log-dir>/guest-<name>.log, appended to.
 * With timestamps, each line starts with "[YYYY-MM-DD HH:MM:SS] " (local
 * time), and carriage returns right after a newline are left out so that
 * CR LF endings do not split a line's stamp from it.
 */
#ifndef CONSOLED_GUESTLOG_H
#define CONSOLED_GUESTLOG_H

#include <stdbool.h>
#include <stddef.h>

struct guestlog {
    int fd;                     /* -1: not logging */
    bool timestamps;
    bool at_line_start;         /* the next byte needs a stamp */
    bool replace_escape;
};

/*
 * Opens the log file for a guest named name in dir (created if missing):
 * 0 or an errno value, with log->fd -1 then.
 */
int guestlog_open(struct guestlog *log, const char *dir, const char *name,
                  bool timestamps, bool replace_escape);
void guestlog_close(struct guestlog *log);

/* Appends len bytes of output: 0 or an errno value. */
int guestlog_write(struct guestlog *log, const char *buf, size_t len);

/* Whether name is safe as part of a file name (no '/', not "." or ".."). */
bool guestlog_name_ok(const char *name);

#endif
