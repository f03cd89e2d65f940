/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "store.h"

struct xs_handle *store;

static char *read_va(const char *fmt, va_list ap)
{
    char *path, *val;
    int err;

    if ( vasprintf(&path, fmt, ap) < 0 )
        return NULL;
    val = xs_read(store, XBT_NULL, path, NULL);
    err = errno;
    free(path);
    errno = err;
    return val;
}

char *store_readf(const char *fmt, ...)
{
    va_list ap;
    char *val;

    va_start(ap, fmt);
    val = read_va(fmt, ap);
    va_end(ap);
    return val;
}

int store_read_uint(unsigned long *val, unsigned long max, const char *fmt,
                    ...)
{
    unsigned long long n;
    va_list ap;
    char *s, *end;
    int rc = 0;

    va_start(ap, fmt);
    s = read_va(fmt, ap);
    va_end(ap);
    if ( !s )
        return ENOENT;
    /* Decimal, as libxl and the guests' drivers write them. */
    errno = 0;
    n = strtoull(s, &end, 10);
    if ( errno || end == s || *end || *s == '-' || *s == '+' || n > max )
        rc = EINVAL;
    else
        *val = n;
    free(s);
    return rc;
}
