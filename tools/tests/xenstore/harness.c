// SPDX-License-Identifier: GPL-2.0-only
/* The harness of the xenstore client tests; see harness.h. */
#include <stdarg.h>
#include <stdio.h>

#include "harness.h"

const char *test_fail(const char *fmt, ...)
{
	static char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return why;
}

int test_run(const char *suite, const struct test_case *cases, size_t n,
	     const char *skip_reason)
{
	unsigned int passed = 0, failed = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *why = skip_reason ? skip_reason : cases[i].fn();

		if (why) {
			printf("%s: fail %s\n", cases[i].name, why);
			failed++;
		} else {
			printf("%s: pass\n", cases[i].name);
			passed++;
		}
		fflush(stdout);
	}
	printf("%s: %u passed, %u failed\n", suite, passed, failed);
	return failed ? 1 : 0;
}
