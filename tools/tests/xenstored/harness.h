/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The test runner: suites of cases, each printed as "<suite>/<case>:
 * pass" or "...: fail <why>", then "<program>: N passed, N failed".  A
 * failed check ends its case at once; daemons and clients the case
 * started are cleaned up by the runner.  TEST=<suite>/<case> runs one;
 * TEST_KEEP=1 keeps each case's scratch directory (and daemon logs).
 */
#ifndef XENSTORED_TEST_HARNESS_H
#define XENSTORED_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

struct test {
    const char *name;
    void (*run)(void);
};

struct suite {
    const char *name;
    const struct test *tests;
    unsigned int nr;
};

#define SUITE(var, label, ...)                                           \
    static const struct test var##_tests[] = { __VA_ARGS__ };            \
    const struct suite var = { label, var##_tests,                       \
                               sizeof(var##_tests) / sizeof(struct test) }

/* Ends the current case as failed. */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define CHECK(cond, ...)                                                  \
    do {                                                                  \
        if ( !(cond) )                                                    \
            fail(__VA_ARGS__);                                            \
    } while ( 0 )

/* Things the runner undoes after each case, failed or not. */
void at_end(void (*fn)(void *), void *arg);

int run_suites(const char *program, const struct suite *const *suites,
               unsigned int nr);

/* A scratch directory, removed (with what is in it) after the case. */
const char *scratch_dir(void);
/* A path in it (the latest four stay valid). */
const char *scratch_file(const char *name);

void sleep_ms(unsigned int ms);

/* A file's contents, NUL-terminated (free() them), or NULL. */
char *read_file(const char *path);
/* Whether the file holds s, waiting up to a second for a daemon to write it. */
bool file_shows(const char *path, const char *s);

#endif
