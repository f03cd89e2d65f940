/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "xl list" output against text written out by hand from Xen 4.17's
 * format, "%-40s %5d %5lu %5d     %c%c%c%c%c%c  %8.1f", with its time in
 * seconds computed as (float)ns / 1e9.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xen/domctl.h>
#include <xen/sched.h>

#include "tests.h"
#include "xl_list.h"

#define HEADER "Name                                        ID   Mem VCPUs\t" \
               "State\tTime(s)\n"

/* NULL when printing rows gives exactly want. */
static const char *prints(const struct xl_list_row *rows, size_t n,
                          const char *want)
{
    static char got[4096];
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    int rc;

    if ( !f )
        return "no memory";
    rc = xl_list_print(f, rows, n);
    fclose(f);
    snprintf(got, sizeof(got), "%s", text ? text : "");
    free(text);
    if ( rc )
        return test_fail("xl_list_print returned %d", rc);
    if ( strcmp(got, want) )
        return test_fail("printed\n%s---- not\n%s----", got, want);
    return NULL;
}

static const char *list_header(void)
{
    /* Column by column: "Name", then ID ends at 45, Mem at 51, VCPUs 57. */
    CHECK(strlen("Name                                        ID") == 46);
    return prints(NULL, 0, HEADER);
}

static const char *list_rows(void)
{
    static const struct xl_list_row rows[] = {
        { "Domain-0", 0, 524288, 2, XL_LIST_RUNNING, 0, 12345678901ULL },
        /* Longer than its column: pushes the others right. */
        { "guest-with-a-name-longer-than-forty-columns", 7, 1048576, 4,
          XL_LIST_BLOCKED, 0, 0 },
        { "paused", 12, 262144, 1, XL_LIST_PAUSED, 0, 1500000000ULL },
        { "crashed", 3, 131072, 1, XL_LIST_SHUTDOWN, SHUTDOWN_crash,
          999999 },
        /* Under a MiB, and a time a double would round down. */
        { "dying-rebooting", 32751, 1023, 1,
          XL_LIST_SHUTDOWN | XL_LIST_DYING, SHUTDOWN_reboot,
          12349999999ULL },
        /* No name; memory rounds down; an hour, via float. */
        { NULL, 1, 2097664, 128, 0, 0, 3600000000000ULL },
    };

    /* A row a line, as printed: past 80 columns on purpose. */
    return prints(rows, ARRAY_SIZE(rows),
        HEADER
        "Domain-0                                     0   512     2     r-----      12.3\n"
        "guest-with-a-name-longer-than-forty-columns     7  1024     4     -b----       0.0\n"
        "paused                                      12   256     1     --p---       1.5\n"
        "crashed                                      3   128     1     ---sc-       0.0\n"
        "dying-rebooting                          32751     0     1     ---srd      12.4\n"
        "(null)                                       1  2048   128     ------    3600.0\n");
}

static const char *list_exact_width(void)
{
    static const struct xl_list_row rows[] = {
        { "forty-characters-exactly-forty-character", 99999, 1ULL << 40, 4096,
          XL_LIST_RUNNING | XL_LIST_BLOCKED | XL_LIST_PAUSED, 0,
          123456789000000ULL },
    };

    CHECK(strlen(rows[0].name) == 40);
    return prints(rows, 1,
        HEADER
        "forty-characters-exactly-forty-character 99999 1073741824  4096     rbp---  123456.8\n");
}

static const char *state_letters(void)
{
    static const struct {
        unsigned int state, reason;
        const char *want;
    } cases[] = {
        { 0, 0, "------" },
        { XL_LIST_RUNNING | XL_LIST_BLOCKED | XL_LIST_PAUSED | XL_LIST_DYING,
          0, "rbp--d" },
        { XL_LIST_SHUTDOWN, SHUTDOWN_poweroff, "---s--" },
        { XL_LIST_SHUTDOWN, SHUTDOWN_reboot, "---sr-" },
        { XL_LIST_SHUTDOWN, SHUTDOWN_suspend, "---ss-" },
        { XL_LIST_SHUTDOWN, SHUTDOWN_crash, "---sc-" },
        { XL_LIST_SHUTDOWN, SHUTDOWN_watchdog, "---sw-" },
        { XL_LIST_SHUTDOWN, SHUTDOWN_soft_reset, "---sS-" },
        { XL_LIST_SHUTDOWN, 6, "---s?-" },
        { XL_LIST_SHUTDOWN, 255, "---s?-" },
        /* A reason without a shutdown is not shown. */
        { XL_LIST_PAUSED, SHUTDOWN_crash, "--p---" },
    };
    struct xl_list_row row = { .name = "x" };
    char letters[7];
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ ) {
        row.state = cases[i].state;
        row.shutdown_reason = cases[i].reason;
        xl_list_state_letters(&row, letters);
        if ( strcmp(letters, cases[i].want) )
            return test_fail("case %zu: \"%s\", not \"%s\"", i, letters,
                             cases[i].want);
    }
    return NULL;
}

static const char *state_from_dominf(void)
{
    struct xl_list_row row = { .state = ~0U };
    char letters[7];

    xl_list_row_set_state(&row, XEN_DOMINF_running | XEN_DOMINF_hvm_guest);
    xl_list_state_letters(&row, letters);
    CHECK(!strcmp(letters, "r-----"));
    xl_list_row_set_state(&row, XEN_DOMINF_blocked | XEN_DOMINF_paused);
    xl_list_state_letters(&row, letters);
    CHECK(!strcmp(letters, "-bp---"));
    xl_list_row_set_state(&row, XEN_DOMINF_shutdown | XEN_DOMINF_dying |
                                    (SHUTDOWN_crash
                                     << XEN_DOMINF_shutdownshift));
    xl_list_state_letters(&row, letters);
    CHECK(!strcmp(letters, "---scd"));
    CHECK(row.shutdown_reason == SHUTDOWN_crash);
    xl_list_row_set_state(&row, XEN_DOMINF_shutdown |
                                    (SHUTDOWN_watchdog
                                     << XEN_DOMINF_shutdownshift));
    xl_list_state_letters(&row, letters);
    CHECK(!strcmp(letters, "---sw-"));
    return NULL;
}

static const char *write_errors(void)
{
    static const struct xl_list_row row = { "x", 1, 1024, 1, 0, 0, 0 };
    FILE *f = fopen("/dev/full", "w");
    int rc;

    CHECK(f);
    setvbuf(f, NULL, _IONBF, 0);
    rc = xl_list_print(f, &row, 1);
    fclose(f);
    CHECK(rc == EIO);
    return NULL;
}

const struct test_case list_cases[] = {
    TEST(list_header),       TEST(list_rows),     TEST(list_exact_width),
    TEST(state_letters),     TEST(state_from_dominf),
    TEST(write_errors),
};
const size_t list_ncases = ARRAY_SIZE(list_cases);
