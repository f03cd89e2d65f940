/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The runner of the console tests: each case prints "PASS <name>" or
 * "FAIL <name>: <why>", and the run ends with "console: N passed, N
 * failed".  A failed check ends its case at once; what the case started
 * (processes, files) is undone by the cleanups it registered.  TEST=<name>
 * runs one case; TEST_KEEP=1 keeps the scratch directories.
 */
#ifndef CONSOLE_TEST_HARNESS_H
#define CONSOLE_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

struct test {
    const char *name;
    void (*run)(void);
};

struct suite {
    const struct test *tests;
    unsigned int nr;
};

#define SUITE(var, ...)                                                  \
    static const struct test var##_tests[] = { __VA_ARGS__ };            \
    const struct suite var = { var##_tests,                              \
                               sizeof(var##_tests) / sizeof(struct test) }

void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define CHECK(cond, ...)                                                  \
    do {                                                                  \
        if ( !(cond) )                                                    \
            fail(__VA_ARGS__);                                            \
    } while ( 0 )

/* Run after the case, failed or not, last registered first. */
void at_end(void (*fn)(void *), void *arg);

int run_suites(const struct suite *const *suites, unsigned int nr);

/* This case's scratch directory, and a path in it (eight stay valid). */
const char *scratch_dir(void);
const char *scratch_path(const char *name);

void sleep_ms(unsigned int ms);
long long now_ms(void);

/* A file's contents, NUL-terminated (free() them), or NULL; *len if asked. */
char *slurp(const char *path, size_t *len);

#endif
