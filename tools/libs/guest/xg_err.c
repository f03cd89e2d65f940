/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Error reporting of the builder's pure parts: one sentence for the
 * user into the caller's buffer, and errno for programs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "xg_arm.h"

static void set_err(char *err, size_t errlen, const char *fmt, va_list ap)
{
    if ( !err || !errlen )
        return;
    vsnprintf(err, errlen, fmt, ap);
}

void xg_set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    set_err(err, errlen, fmt, ap);
    va_end(ap);
}

int xg_fail(char *err, size_t errlen, int errnum, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    set_err(err, errlen, fmt, ap);
    va_end(ap);
    /* Last: formatting may have clobbered errno. */
    errno = errnum;
    return -1;
}
