/* SPDX-License-Identifier: GPL-2.0-only */
/* The harness of the xl tests; see harness.h. */
#include <stdarg.h>
#include <stdio.h>

#include "harness.h"

/*
 * Two buffers in turn, so that a reason may be formatted from the reason
 * a helper returned.
 */
const char *test_fail(const char *fmt, ...)
{
    static char why[2][2048];
    static unsigned int turn;
    char *buf = why[turn++ % 2];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(why[0]), fmt, ap);
    va_end(ap);
    return buf;
}

/* A reason on one line, whatever text it quotes. */
static void print_reason(const char *why)
{
    for ( ; *why; why++ ) {
        if ( *why == '\n' )
            fputs("\\n", stdout);
        else if ( *why == '\t' )
            fputs("\\t", stdout);
        else
            putchar(*why);
    }
    putchar('\n');
}

int test_run(const char *suite, const struct test_case *cases, size_t n,
             void (*after_each)(void))
{
    unsigned int passed = 0, failed = 0;
    size_t i;

    for ( i = 0; i < n; i++ ) {
        const char *why = cases[i].fn();

        if ( why ) {
            printf("FAIL %s: ", cases[i].name);
            print_reason(why);
            failed++;
        } else {
            printf("PASS %s\n", cases[i].name);
            passed++;
        }
        if ( after_each )
            after_each();
        fflush(stdout);
    }
    printf("%s: %u passed, %u failed\n", suite, passed, failed);
    return failed ? 1 : 0;
}
