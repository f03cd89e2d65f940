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

/* A case still running after this long has hung: it fails. */
#define CASE_TIMEOUT_S 60

static sigjmp_buf abort_case;
static char why[512];
static struct {
    void (*fn)(void *);
    void *arg;
} cleanups[MAX_CLEANUPS];
static unsigned int nr_cleanups;
static char scratch[64];

void fail(const char *fmt, ...)
{
    va_list ap;

    /* The first reason given stands. */
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
        fail("too many cleanups in one case");
    cleanups[nr_cleanups].fn = fn;
    cleanups[nr_cleanups].arg = arg;
    nr_cleanups++;
}

static void remove_scratch(void *dir)
{
    char cmd[128];

    if ( getenv("TEST_KEEP") ) {
        fprintf(stderr, "kept %s\n", (char *)dir);
        scratch[0] = '\0';
        return;
    }
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", (char *)dir);
    if ( system(cmd) )
        fprintf(stderr, "could not remove %s\n", (char *)dir);
    scratch[0] = '\0';
}

const char *scratch_dir(void)
{
    if ( scratch[0] )
        return scratch;
    strcpy(scratch, "/tmp/xenstored-test.XXXXXX");
    if ( !mkdtemp(scratch) )
        fail("mkdtemp failed");
    at_end(remove_scratch, scratch);
    return scratch;
}

const char *scratch_file(const char *name)
{
    static char paths[4][128];
    static unsigned int next;
    char *p = paths[next++ % 4];

    snprintf(p, sizeof(paths[0]), "%s/%s", scratch_dir(), name);
    return p;
}

void sleep_ms(unsigned int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t len = 0, size = 4096, n;
    char *text = malloc(size), *bigger;

    while ( f && text && (n = fread(text + len, 1, size - len - 1, f)) ) {
        len += n;
        if ( len + 1 == size ) {
            bigger = realloc(text, size *= 2);
            if ( !bigger )
                free(text);
            text = bigger;
        }
    }
    if ( f )
        fclose(f);
    if ( !f || !text ) {
        free(text);
        return NULL;
    }
    text[len] = '\0';
    return text;
}

bool file_shows(const char *path, const char *s)
{
    unsigned int ms;
    bool found;
    char *text;

    for ( ms = 0; ms < 1000; ms += 10 ) {
        text = read_file(path);
        found = text && strstr(text, s);
        free(text);
        if ( found )
            return true;
        sleep_ms(10);
    }
    return false;
}

/* Cleanups run in reverse; one failing in turn fails the case. */
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
    fail("timed out after %u s", CASE_TIMEOUT_S);
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

int run_suites(const char *program, const struct suite *const *suites,
               unsigned int nr)
{
    const char *only = getenv("TEST");
    unsigned int s, i, passed = 0, failed = 0;
    char name[128];

    for ( s = 0; s < nr; s++ ) {
        for ( i = 0; i < suites[s]->nr; i++ ) {
            snprintf(name, sizeof(name), "%s/%s", suites[s]->name,
                     suites[s]->tests[i].name);
            if ( only && strcmp(only, name) )
                continue;
            if ( run_case(&suites[s]->tests[i]) ) {
                printf("%s: pass\n", name);
                passed++;
            } else {
                printf("%s: fail %s\n", name, why);
                failed++;
            }
            fflush(stdout);
        }
    }
    printf("%s: %u passed, %u failed\n", program, passed, failed);
    return failed ? 1 : 0;
}
