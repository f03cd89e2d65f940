/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A bounded, repeatable fuzz run: valid files, mutated at random, through
 * the parser and xl's checks.  The sanitizers catch crashes and leaks;
 * the case checks that each run ends in success or EINVAL, and that any
 * report is lines of "test.cfg:..." or "test.cfg: ...", each one line.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"
#include "xl_parse.h"

#define ROUNDS 4000

static const char *const seeds[] = {
    "name = \"web\"\ntype = 'pvh'\nmemory = 512\nmaxmem = 0x400\n"
    "vcpus = 2; maxvcpus = 4\nkernel = '/boot/Image'\n"
    "cmdline = 'console=hvc0 \\x41\\101\\t'\non_crash = 'preserve'\n",
    "# comment\r\nname='a'\r\nkernel='/k'\r\nroot='/dev/xvda'\r\n"
    "extra = \"quiet\"\r\n",
    "name = 'g'\nkernel = '/k'\ndisk = [ 'phy:/dev/a,xvda,w',\n"
    "  'file:/b,xvdb,r', # two\n]\nvif = [ [ 'x', 1 ], [] ]\nl += [ 3 ]\n",
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Bytes that matter to the grammar, more often than chance gives them. */
static char random_byte(void)
{
    static const char interesting[] = "=[],;#'\"\\\n\r\t +x0a9\0";

    if ( rng() % 2 )
        return interesting[rng() % (sizeof(interesting) - 1)];
    return (char)rng();
}

static size_t mutate(char *buf, size_t len, size_t cap)
{
    unsigned int n = 1 + rng() % 4;

    while ( n-- ) {
        size_t at = len ? rng() % len : 0;

        switch ( rng() % 4 ) {
        case 0: /* replace */
            if ( len )
                buf[at] = random_byte();
            break;
        case 1: /* insert */
            if ( len < cap ) {
                memmove(buf + at + 1, buf + at, len - at);
                buf[at] = random_byte();
                len++;
            }
            break;
        case 2: /* delete */
            if ( len ) {
                memmove(buf + at, buf + at + 1, len - at - 1);
                len--;
            }
            break;
        case 3: /* cut the end off */ len = at; break;
        }
    }
    return len;
}

/* NULL when every line of the report is one of ours. */
static const char *report_well_formed(const char *text)
{
    const char *line = text;

    while ( *line ) {
        const char *nl = strchr(line, '\n');

        if ( !nl )
            return "report does not end with a newline";
        if ( strncmp(line, TEST_CFG ":", sizeof(TEST_CFG)) )
            return test_fail("report line \"%.*s\"", (int)(nl - line), line);
        line = nl + 1;
    }
    return NULL;
}

static const char *fuzz_parser(void)
{
    struct xl_guest_config gc;
    char buf[1024];
    unsigned int round;

    for ( round = 0; round < ROUNDS; round++ ) {
        const char *seed = seeds[round % ARRAY_SIZE(seeds)];
        size_t len = strlen(seed);
        const char *why;
        int rc;

        memcpy(buf, seed, len);
        len = mutate(buf, len, sizeof(buf));
        rc = run_parse(buf, len);
        if ( !rc ) {
            rc = xl_check_keys(run_config());
            if ( !rc )
                rc = xl_guest_config_from_cfg(run_config(), &gc);
            if ( !rc )
                xl_guest_config_dispose(&gc);
        }
        if ( rc && rc != EINVAL )
            return test_fail("round %u: %d (%s)", round, rc, run_report());
        if ( rc && !*run_report() )
            return test_fail("round %u: failed without a message", round);
        why = report_well_formed(run_report());
        if ( why )
            return test_fail("round %u: %s", round, why);
    }
    return NULL;
}

const struct test_case fuzz_cases[] = {
    TEST(fuzz_parser),
};
const size_t fuzz_ncases = ARRAY_SIZE(fuzz_cases);
