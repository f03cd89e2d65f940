/* SPDX-License-Identifier: GPL-2.0-only */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

int harness_failures;
int harness_quiet_panic;
static jmp_buf harness_abort;

/*
 * The hypervisor's own printk/panic/BUG, for the code under test.  A panic or
 * BUG ends the current test as failed (unless it was expected) instead of the
 * whole program.
 */
void vprintk(const char *fmt, va_list args)
{
    if ( getenv("HARNESS_VERBOSE") )
        vfprintf(stderr, fmt, args);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void panic(const char *fmt, ...)
{
    va_list args;

    if ( !harness_quiet_panic ) {
        va_start(args, fmt);
        fprintf(stderr, "  panic: ");
        vfprintf(stderr, fmt, args);
        va_end(args);
        harness_failures++;
    }
    longjmp(harness_abort, 1);
}

void __bug(const char *file, int line)
{
    fprintf(stderr, "  BUG at %s:%d\n", file, line);
    harness_failures++;
    longjmp(harness_abort, 1);
}

void __assert_failed(const char *expr, const char *file, int line)
{
    fprintf(stderr, "  ASSERT(%s) failed at %s:%d\n", expr, file, line);
    harness_failures++;
    longjmp(harness_abort, 1);
}

int harness_run(const char *prog, const struct harness_test *tests,
                unsigned int nr)
{
    /* volatile: they live across setjmp/longjmp. */
    volatile unsigned int i, passed = 0, failed = 0;
    const char *only = getenv("TEST");
    const char *volatile base = strrchr(prog, '/');

    base = base ? base + 1 : prog;
    for ( i = 0; i < nr; i++ ) {
        if ( only && strcmp(only, tests[i].name) )
            continue;
        harness_failures = 0;
        harness_quiet_panic = 0;
        if ( !setjmp(harness_abort) )
            tests[i].fn();
        printf("%s/%s: %s\n", base, tests[i].name,
               harness_failures ? "fail" : "pass");
        if ( harness_failures )
            failed++;
        else
            passed++;
    }
    printf("%s: %u passed, %u failed\n", base, passed, failed);
    return failed ? 1 : 0;
}
