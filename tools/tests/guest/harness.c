/* SPDX-License-Identifier: GPL-2.0-only */
/* The harness of the domain builder's host tests; see harness.h. */
#include <stdarg.h>
#include <stdio.h>

#include "harness.h"

char test_err[256];

static char why[1024];
static const char skip_mark[] = "";
static const char *skipped;

const char *test_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    return why;
}

const char *test_skip(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    skipped = skip_mark;
    return skip_mark;
}

int test_run(const char *suite, const struct test_group *groups, size_t n)
{
    unsigned int passed = 0, failed = 0;
    size_t g, i;

    for ( g = 0; g < n; g++ ) {
        for ( i = 0; i < groups[g].n; i++ ) {
            const struct test_case *c = &groups[g].cases[i];
            const char *res;

            skipped = NULL;
            res = c->fn();
            if ( res && res == skipped ) {
                printf("SKIP %s: %s\n", c->name, why);
            } else if ( res ) {
                printf("FAIL %s: %s\n", c->name, res);
                failed++;
            } else {
                printf("PASS %s\n", c->name);
                passed++;
            }
            fflush(stdout);
        }
    }
    printf("%s: %u passed, %u failed\n", suite, passed, failed);
    return failed ? 1 : 0;
}
