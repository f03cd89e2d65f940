/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "request.h"

static int trace_out = -1;
static char *trace_path;
static bool verbose;

void log_init(bool foreground, bool verbose_io)
{
    openlog("xenstored", LOG_PID | (foreground ? LOG_PERROR : 0), LOG_DAEMON);
    verbose = verbose_io;
}

void log_msg(int priority, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsyslog(priority, fmt, ap);
    va_end(ap);
    if ( trace_out >= 0 ) {
        va_start(ap, fmt);
        vdprintf(trace_out, fmt, ap);
        va_end(ap);
        dprintf(trace_out, "\n");
    }
}

int trace_set_file(const char *path)
{
    char *copy = NULL;

    if ( path && !(copy = strdup(path)) )
        return ENOMEM;
    trace_close();
    free(trace_path);
    trace_path = copy;
    return trace_reopen();
}

int trace_reopen(void)
{
    trace_close();
    if ( !trace_path )
        return 0;
    trace_out = open(trace_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                     0600);
    if ( trace_out < 0 )
        return errno;
    trace("\n***\n");
    return 0;
}

void trace_close(void)
{
    if ( trace_out >= 0 )
        close(trace_out);
    trace_out = -1;
}

const char *trace_file(void)
{
    return trace_path;
}

int trace_fd(void)
{
    return trace_out;
}

void trace(const char *fmt, ...)
{
    va_list ap;

    if ( trace_out < 0 )
        return;
    va_start(ap, fmt);
    vdprintf(trace_out, fmt, ap);
    va_end(ap);
}

/* Tracing is best effort: a full disk must not stop the daemon. */
static void write_all(int fd, const char *buf, int len)
{
    ssize_t n;

    while ( len > 0 ) {
        n = write(fd, buf, len);
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
            return;
        buf += n;
        len -= n;
    }
}

void trace_io(const char *dir, const void *conn,
              const struct xsd_sockmsg *hdr, const char *body)
{
    char line[XENSTORE_PAYLOAD_MAX + 128], stamp[32];
    unsigned int i;
    time_t now;
    int len;

    if ( trace_out < 0 && !verbose )
        return;
    now = time(NULL);
    strftime(stamp, sizeof(stamp), "%Y%m%d %H:%M:%S", localtime(&now));
    len = snprintf(line, sizeof(line), "%s %p %s %s (", dir, conn, stamp,
                   msg_type_name(hdr->type));
    /* Payloads are mostly NUL-separated strings: show NULs as spaces. */
    for ( i = 0; i < hdr->len && len < (int)sizeof(line) - 2; i++ )
        line[len++] = body[i] ? body[i] : ' ';
    line[len++] = ')';
    line[len++] = '\n';
    if ( verbose )
        write_all(STDERR_FILENO, line, len);
    if ( trace_out >= 0 )
        write_all(trace_out, line, len);
}
