/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static bool copy_to_stderr;
static bool verbose_log;

void log_init(bool to_stderr, bool verbose)
{
    copy_to_stderr = to_stderr;
    verbose_log = verbose;
    openlog("xenconsoled", LOG_PID, LOG_DAEMON);
}

void log_msg(int priority, const char *fmt, ...)
{
    int err = errno;            /* so that %m still works below */
    va_list ap;

    if ( !verbose_log && priority > LOG_WARNING )
        return;
    va_start(ap, fmt);
    vsyslog(priority, fmt, ap);
    va_end(ap);
    if ( !copy_to_stderr )
        return;
    errno = err;
    va_start(ap, fmt);
    fprintf(stderr, "xenconsoled: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    errno = err;
}
