/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small harness for the xl tests: a case is a function that returns
 * NULL when it passes, else why it failed.
 */
#ifndef XL_TEST_HARNESS_H
#define XL_TEST_HARNESS_H

#include <stddef.h>

struct test_case {
    const char *name;
    const char *(*fn)(void);
};

#define TEST(fn) \
    {            \
#fn, fn  \
    }
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Formats a failure reason; the text lasts until the next call. */
const char *test_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Fails the case unless cond holds. */
#define CHECK(cond)                                           \
    do {                                                      \
        if ( !(cond) )                                        \
            return test_fail("line %d: %s", __LINE__, #cond); \
    } while ( 0 )

/* Fails the case with the reason of a helper that returned one. */
#define CHECK_OK(call)                                       \
    do {                                                     \
        const char *why_ = (call);                           \
        if ( why_ )                                          \
            return test_fail("line %d: %s", __LINE__, why_); \
    } while ( 0 )

/*
 * Runs the cases, printing "PASS <name>" or "FAIL <name>: <why>" for each,
 * then "<suite>: N passed, N failed".  after_each, if not NULL, runs after
 * every case, to free what a failed case left.  Returns the exit status:
 * 0 if all passed.
 */
int test_run(const char *suite, const struct test_case *cases, size_t n,
             void (*after_each)(void));

#endif /* XL_TEST_HARNESS_H */
