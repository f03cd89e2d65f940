/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small harness for the xenstore client tests: a case is a function
 * that returns NULL when it passes, else why it failed.
 */
#ifndef XS_TEST_HARNESS_H
#define XS_TEST_HARNESS_H

#include <errno.h>
#include <stddef.h>

struct test_case {
	const char *name;
	const char *(*fn)(void);
};

#define TEST(fn) { #fn, fn }

/* Formats a failure reason; the text lasts until the next call. */
const char *test_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Fails the case unless cond holds. */
#define CHECK(cond) do {						\
	if (!(cond))							\
		return test_fail("line %d: %s", __LINE__, #cond);	\
} while (0)

/* Fails the case unless call failed (was 0/NULL/false) with errno e. */
#define CHECK_ERR(call, e) do {						\
	errno = 0;							\
	if (call)							\
		return test_fail("line %d: %s succeeded", __LINE__, #call);\
	if (errno != (e))						\
		return test_fail("line %d: %s: errno %d, not %s",	\
				 __LINE__, #call, errno, #e);		\
} while (0)

/*
 * Runs the cases, printing "<name>: pass" or "<name>: fail <why>" for
 * each, then "<suite>: N passed, N failed".  With a skip_reason, every
 * case fails with it (a case that could not run did not pass).  Returns
 * the exit status: 0 if all passed.
 */
int test_run(const char *suite, const struct test_case *cases, size_t n,
	     const char *skip_reason);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* XS_TEST_HARNESS_H */
