/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "guestlog.h"

/* "[YYYY-MM-DD HH:MM:SS] " and a NUL, with room to spare. */
#define STAMP_MAX 40

static int write_all(int fd, const char *buf, size_t len)
{
    ssize_t n;

    while ( len ) {
        n = write(fd, buf, len);
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n < 0 )
            return errno;
        if ( n == 0 )
            return EIO;
        buf += n;
        len -= n;
    }
    return 0;
}

/* ESC starts terminal control sequences, which make logs hard to read. */
static int write_plain(const struct guestlog *log, const char *buf,
                       size_t len)
{
    char copy[1024];
    size_t n, i;
    int rc;

    if ( !log->replace_escape )
        return write_all(log->fd, buf, len);
    while ( len ) {
        n = len < sizeof(copy) ? len : sizeof(copy);
        for ( i = 0; i < n; i++ )
            copy[i] = buf[i] == '\033' ? '.' : buf[i];
        rc = write_all(log->fd, copy, n);
        if ( rc )
            return rc;
        buf += n;
        len -= n;
    }
    return 0;
}

static size_t make_stamp(char *stamp)
{
    time_t now = time(NULL);
    struct tm tm;

    if ( !localtime_r(&now, &tm) )
        return 0;
    return strftime(stamp, STAMP_MAX, "[%Y-%m-%d %H:%M:%S] ", &tm);
}

int guestlog_write(struct guestlog *log, const char *buf, size_t len)
{
    const char *end = buf + len, *nl;
    char stamp[STAMP_MAX];
    size_t stamp_len;
    int rc;

    if ( log->fd < 0 || !len )
        return 0;
    if ( !log->timestamps )
        return write_plain(log, buf, len);

    /* One stamp for all the lines of this write: they arrived together. */
    stamp_len = make_stamp(stamp);
    while ( buf < end ) {
        if ( log->at_line_start ) {
            rc = write_all(log->fd, stamp, stamp_len);
            if ( rc )
                return rc;
            log->at_line_start = false;
        }
        nl = memchr(buf, '\n', end - buf);
        rc = write_plain(log, buf, (nl ? nl + 1 : end) - buf);
        if ( rc )
            return rc;
        if ( !nl )
            break;
        buf = nl + 1;
        log->at_line_start = true;
        while ( buf < end && *buf == '\r' )
            buf++;
    }
    return 0;
}

bool guestlog_name_ok(const char *name)
{
    return *name && !strchr(name, '/') && strcmp(name, ".") &&
           strcmp(name, "..");
}

/* mkdir -p, for a log directory that is not there yet. */
static int make_dirs(const char *dir)
{
    char path[PATH_MAX];
    size_t i, len = strlen(dir);

    if ( len >= sizeof(path) )
        return ENAMETOOLONG;
    memcpy(path, dir, len + 1);
    for ( i = 1; i <= len; i++ ) {
        if ( path[i] != '/' && path[i] != '\0' )
            continue;
        path[i] = '\0';
        if ( mkdir(path, 0755) && errno != EEXIST )
            return errno;
        path[i] = dir[i];
    }
    return 0;
}

int guestlog_open(struct guestlog *log, const char *dir, const char *name,
                  bool timestamps, bool replace_escape)
{
    char path[PATH_MAX];
    int rc;

    *log = (struct guestlog){ .fd = -1, .timestamps = timestamps,
                              .at_line_start = true,
                              .replace_escape = replace_escape };
    if ( !guestlog_name_ok(name) )
        return EINVAL;
    if ( snprintf(path, sizeof(path), "%s/guest-%s.log", dir, name) >=
         (int)sizeof(path) )
        return ENAMETOOLONG;
    rc = make_dirs(dir);
    if ( rc )
        return rc;
    log->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if ( log->fd < 0 )
        return errno;
    /* As Xen: a stamped log shows when the daemon (re)opened it. */
    if ( timestamps ) {
        rc = guestlog_write(log, "Logfile Opened\n", 15);
        if ( rc ) {
            guestlog_close(log);
            return rc;
        }
    }
    return 0;
}

void guestlog_close(struct guestlog *log)
{
    if ( log->fd >= 0 )
        close(log->fd);
    log->fd = -1;
}
