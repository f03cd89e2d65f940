/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The harness of the domain builder's host tests: a case is a function
 * that returns NULL when it passes, test_skip() when it cannot run here,
 * else why it failed.
 */
#ifndef GUEST_TEST_HARNESS_H
#define GUEST_TEST_HARNESS_H

#include <errno.h>
#include <stddef.h>
#include <string.h>

struct test_case {
    const char *name;
    const char *(*fn)(void);
};

#define TEST(fn) { #fn, fn }
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Formats a failure reason; the text lasts until the next call. */
const char *test_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Marks the case skipped, saying why; return what it returns. */
const char *test_skip(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* The error sentence the library functions under test write into. */
extern char test_err[256];

#define CHECK(cond) do {                                                 \
    if ( !(cond) )                                                       \
        return test_fail("line %d: %s", __LINE__, #cond);                \
} while ( 0 )

/* call must succeed (return 0); fails with the library's sentence. */
#define CHECK_OK(call) do {                                              \
    test_err[0] = '\0';                                                  \
    if ( (call) != 0 )                                                   \
        return test_fail("line %d: %s: %s", __LINE__, #call, test_err);  \
} while ( 0 )

/*
 * call must fail with -1, errno e and a sentence containing words (so
 * that a refusal for the wrong reason does not pass).
 */
#define CHECK_ERR(call, e, words) do {                                   \
    int rc_;                                                             \
    test_err[0] = '\0';                                                  \
    errno = 0;                                                           \
    rc_ = (call);                                                        \
    if ( rc_ != -1 )                                                     \
        return test_fail("line %d: %s returned %d, not -1", __LINE__,    \
                         #call, rc_);                                    \
    if ( errno != (e) )                                                  \
        return test_fail("line %d: %s: errno %d, not %s (%s)", __LINE__, \
                         #call, errno, #e, test_err);                    \
    if ( !strstr(test_err, (words)) )                                    \
        return test_fail("line %d: %s: \"%s\" does not say \"%s\"",      \
                         __LINE__, #call, test_err, (words));            \
} while ( 0 )

/*
 * Runs the groups of cases, printing "PASS <name>", "FAIL <name>: <why>"
 * or "SKIP <name>: <why>" for each, then "<suite>: N passed, N failed".
 * Returns the exit status: 0 if none failed.
 */
struct test_group {
    const struct test_case *cases;
    size_t n;
};

int test_run(const char *suite, const struct test_group *groups, size_t n);

#endif
