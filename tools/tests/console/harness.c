/* SPDX-License-Identifier: GPL-2.0-only */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MAX_CLEANUPS 64
/* A case still running after this long has hung. */
#define CASE_TIMEOUT_S 60

static sigjmp_buf abort_case;
static char why[1024];
static struct {
    void (*fn)(void *);
    void *arg;
} cleanups[MAX_CLEANUPS];
static unsigned int nr_cleanups;
static char scratch[64];

void fail(const char *fmt, ...)
{
    va_list ap;

    /* The first reason stands; a cleanup failing after it adds nothing. */
    if ( !why[0] ) {
        va_start(ap, fmt);
        vsnprintf(why, sizeof(why), fmt, ap);
        va_end(ap);
    }
    siglongjmp(abort_case, 1);
}

void at_end(void (*fn)(void *), void *arg)
{
    if ( nr_cleanups == MAX_CLEANUPS )
        fail("too many cleanups");
    cleanups[nr_cleanups].fn = fn;
    cleanups[nr_cleanups].arg = arg;
    nr_cleanups++;
}

static void remove_scratch(void *arg)
{
    char cmd[128];

    if ( getenv("TEST_KEEP") )
        fprintf(stderr, "kept %s\n", scratch);
    else {
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
        if ( system(cmd) )
            fprintf(stderr, "could not remove %s\n", scratch);
    }
    scratch[0] = '\0';
}

const char *scratch_dir(void)
{
    if ( scratch[0] )
        return scratch;
    strcpy(scratch, "/tmp/console-test.XXXXXX");
    if ( !mkdtemp(scratch) )
        fail("mkdtemp failed");
    at_end(remove_scratch, NULL);
    return scratch;
}

const char *scratch_path(const char *name)
{
    static char paths[8][128];
    static unsigned int next;
    char *p = paths[next++ % 8];

    snprintf(p, sizeof(paths[0]), "%s/%s", scratch_dir(), name);
    return p;
}

void sleep_ms(unsigned int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *slurp(const char *path, size_t *lenp)
{
    FILE *f = fopen(path, "r");
    size_t len = 0, size = 4096, n;
    char *text, *bigger;

    if ( !f )
        return NULL;
    text = malloc(size);
    while ( text && (n = fread(text + len, 1, size - len - 1, f)) ) {
        len += n;
        if ( len + 1 == size ) {
            bigger = realloc(text, size *= 2);
            if ( !bigger )
                free(text);
            text = bigger;
        }
    }
    fclose(f);
    if ( !text )
        return NULL;
    text[len] = '\0';
    if ( lenp )
        *lenp = len;
    return text;
}

static bool run_cleanups(void)
{
    volatile bool ok = true;

    while ( nr_cleanups ) {
        nr_cleanups--;
        if ( !sigsetjmp(abort_case, 1) )
            cleanups[nr_cleanups].fn(cleanups[nr_cleanups].arg);
        else
            ok = false;
    }
    return ok;
}

static void timed_out(int sig)
{
    fail("timed out after %d s", CASE_TIMEOUT_S);
}

static bool run_case(const struct test *t)
{
    volatile bool ok = true;

    why[0] = '\0';
    signal(SIGALRM, timed_out);
    alarm(CASE_TIMEOUT_S);
    if ( !sigsetjmp(abort_case, 1) )
        t->run();
    else
        ok = false;
    alarm(0);
    if ( !run_cleanups() )
        ok = false;
    return ok;
}

int run_suites(const struct suite *const *suites, unsigned int nr)
{
    const char *only = getenv("TEST");
    unsigned int s, i, passed = 0, failed = 0;
    const struct test *t;

    for ( s = 0; s < nr; s++ ) {
        for ( i = 0; i < suites[s]->nr; i++ ) {
            t = &suites[s]->tests[i];
            if ( only && strcmp(only, t->name) )
                continue;
            if ( run_case(t) ) {
                printf("PASS %s\n", t->name);
                passed++;
            } else {
                printf("FAIL %s: %s\n", t->name, why);
                failed++;
            }
            fflush(stdout);
        }
    }
    printf("console: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
