/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal harness for host unit tests of hypervisor code.  Each test program
 * compiles real sources from xen/ (named on the "xen-sources:" line at the top
 * of the test file) and links them with this harness, which provides the few
 * services the hypervisor would (printk, panic, BUG).
 *
 * A test file defines functions with TEST(name) and lists them in a
 * TESTS(...) table; main() runs each and prints "name: pass|fail".
 */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <stdio.h>

extern int harness_failures;    /* failed CHECKs in the current test */
extern int harness_quiet_panic; /* set while a test expects panic() */

#define CHECK(cond)                                                        \
    do {                                                                   \
        if ( !(cond) ) {                                                   \
            fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__,       \
                    __LINE__, #cond);                                      \
            harness_failures++;                                            \
        }                                                                  \
    } while ( 0 )

#define CHECK_EQ(a, b)                                                     \
    do {                                                                   \
        long long _a = (long long)(a), _b = (long long)(b);                \
        if ( _a != _b ) {                                                  \
            fprintf(stderr, "  %s:%d: %s == %lld, expected %s == %lld\n",  \
                    __FILE__, __LINE__, #a, _a, #b, _b);                   \
            harness_failures++;                                            \
        }                                                                  \
    } while ( 0 )

struct harness_test {
    const char *name;
    void (*fn)(void);
};

#define TEST(name) static void test_##name(void)
#define T(name) { #name, test_##name }
#define TESTS(...)                                                         \
    static const struct harness_test harness_tests[] = { __VA_ARGS__ };   \
    int main(int argc, char **argv)                                        \
    {                                                                      \
        return harness_run(argc > 0 ? argv[0] : "test", harness_tests,    \
                           sizeof(harness_tests) / sizeof(harness_tests[0])); \
    }

int harness_run(const char *prog, const struct harness_test *tests,
                unsigned int nr);

#endif /* TEST_HARNESS_H */
