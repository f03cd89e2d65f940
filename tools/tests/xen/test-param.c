/* xen-sources: common/param.c lib/strtoul.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests of command-line parsing (common/param.c).  The parameters below are
 * declared with the real macros, so the table cmdline_parse() walks is the
 * "xen_params" section of this program, bounded by the __start_/__stop_
 * symbols ld provides.
 *
 * Warnings are checked by capturing what printk prints: the harness's
 * printk writes to stderr when HARNESS_VERBOSE is set.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/*
 * param.c needs strlcpy, which glibc (before 2.38) lacks: use the
 * hypervisor's own, compiled here with every other function of string.c
 * renamed so they don't replace the C library's.
 */
#define memcpy      xen_memcpy
#define memmove     xen_memmove
#define memset      xen_memset
#define memcmp      xen_memcmp
#define memchr      xen_memchr
#define strlen      xen_strlen
#define strnlen     xen_strnlen
#define strcmp      xen_strcmp
#define strncmp     xen_strncmp
#define strchr      xen_strchr
#define strrchr     xen_strrchr
#define strstr      xen_strstr
#include "../../../xen/lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strstr

#include <xen/param.h>

/* ---- the parameters under test ----------------------------------------- */

static bool opt_flag;
boolean_param("flag", opt_flag);

static bool opt_on_by_default = true;
boolean_param("on_by_default", opt_on_by_default);

static bool opt_dash;
boolean_param("dash-name", opt_dash);

static unsigned int opt_u32 = 7;
integer_param("u32", opt_u32);
integer_param("u32-alias", opt_u32);    /* a second name, same variable */

static uint8_t opt_u8 = 1;
integer_param("u8", opt_u8);

static uint16_t opt_u16 = 2;
integer_param("u16", opt_u16);

static unsigned long opt_u64 = 3;
integer_param("u64", opt_u64);

static uint64_t opt_mem = 4;
size_param("mem", opt_mem);

static uint32_t opt_mem32 = 5;
size_param("mem32", opt_mem32);

static char opt_str[8] = "def";
string_param("str", opt_str);

/* Declared twice: both get applied. */
static bool opt_twice_a, opt_twice_b;
boolean_param("twice", opt_twice_a);
boolean_param("twice", opt_twice_b);

/* A custom parameter that records what it was given. */
static unsigned int cust_calls;
static char cust_val[300];

static int parse_cust(const char *s)
{
    cust_calls++;
    snprintf(cust_val, sizeof(cust_val), "%s", s);
    return strcmp(s, "bad") ? 0 : -EINVAL;
}
custom_param("cust", parse_cust);

/*
 * A custom parameter that is a boolean too: it gets "" for a bare
 * "custbool" and the token itself for "no-custbool", so parse_boolean()
 * does the work.
 */
static int custbool = -1;

static int parse_custbool(const char *s)
{
    int val = *s ? parse_boolean("custbool", s, NULL) : 1;

    if ( val < 0 )
        return -EINVAL;
    custbool = val;
    return 0;
}
custom_param("custbool", parse_custbool);

static void reset(void)
{
    opt_flag = false;
    opt_on_by_default = true;
    opt_dash = false;
    opt_u32 = 7;
    opt_u8 = 1;
    opt_u16 = 2;
    opt_u64 = 3;
    opt_mem = 4;
    opt_mem32 = 5;
    strcpy(opt_str, "def");
    opt_twice_a = opt_twice_b = false;
    cust_calls = 0;
    cust_val[0] = '\0';
    custbool = -1;
}

/* ---- capturing warnings ------------------------------------------------ */

static char log_buf[64 * 1024];

/*
 * Runs cmdline_parse() with stderr redirected to a file; log_buf gets what
 * printk printed.  Returns the number of lines.
 */
static unsigned int parse(const char *cmdline)
{
    FILE *f = tmpfile();
    int saved_fd = dup(2);
    unsigned int lines = 0;
    size_t n;
    char *p;

    if ( !f || saved_fd < 0 ) {
        fprintf(stderr, "  cannot capture stderr\n");
        harness_failures++;
        return 0;
    }
    setenv("HARNESS_VERBOSE", "1", 1);
    fflush(stderr);
    dup2(fileno(f), 2);

    cmdline_parse(cmdline);

    fflush(stderr);
    dup2(saved_fd, 2);
    close(saved_fd);
    unsetenv("HARNESS_VERBOSE");

    rewind(f);
    n = fread(log_buf, 1, sizeof(log_buf) - 1, f);
    log_buf[n] = '\0';
    fclose(f);

    for ( p = log_buf; (p = strchr(p, '\n')); p++ )
        lines++;
    return lines;
}

/* parse() expecting no warnings at all. */
#define PARSE_CLEAN(cmdline)                                               \
    do {                                                                   \
        CHECK_EQ(parse(cmdline), 0);                                       \
        if ( log_buf[0] )                                                  \
            fprintf(stderr, "  unexpected: %s", log_buf);                  \
    } while ( 0 )

#define LOGGED(text)    (strstr(log_buf, text) != NULL)

/* ---- tests ------------------------------------------------------------- */

TEST(boolean)
{
    static const char *const trues[] = { "1", "yes", "on", "true", "enable" };
    static const char *const falses[] = { "0", "no", "off", "false",
                                          "disable" };
    char cmd[64];
    unsigned int i;

    reset();
    PARSE_CLEAN("flag");
    CHECK(opt_flag);
    PARSE_CLEAN("no-flag");
    CHECK(!opt_flag);
    PARSE_CLEAN("flag no-on_by_default");
    CHECK(opt_flag);
    CHECK(!opt_on_by_default);
    PARSE_CLEAN("on_by_default");
    CHECK(opt_on_by_default);

    for ( i = 0; i < 5; i++ ) {
        snprintf(cmd, sizeof(cmd), "flag=%s", trues[i]);
        opt_flag = false;
        PARSE_CLEAN(cmd);
        CHECK(opt_flag);
        snprintf(cmd, sizeof(cmd), "flag=%s", falses[i]);
        PARSE_CLEAN(cmd);
        CHECK(!opt_flag);
        /* "no-name=<b>" is the inverse of <b>. */
        snprintf(cmd, sizeof(cmd), "no-flag=%s", falses[i]);
        PARSE_CLEAN(cmd);
        CHECK(opt_flag);
        snprintf(cmd, sizeof(cmd), "no-flag=%s", trues[i]);
        PARSE_CLEAN(cmd);
        CHECK(!opt_flag);
    }

    /* The last occurrence wins. */
    PARSE_CLEAN("flag no-flag flag");
    CHECK(opt_flag);
}

TEST(boolean_bad_values)
{
    static const char *const bad[] = { "flag=maybe", "flag=", "flag=2",
                                       "flag=YES", "flag=on1", "no-flag=x" };
    unsigned int i;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ ) {
        reset();
        opt_flag = true;
        CHECK_EQ(parse(bad[i]), 1);
        CHECK(LOGGED("Bad value"));
        CHECK(LOGGED("'flag'") || LOGGED("'no-flag'"));
        CHECK(opt_flag);
    }
}

/* '-' and '_' are interchangeable, in the declaration and on the line. */
TEST(dash_underscore)
{
    reset();
    PARSE_CLEAN("dash_name");
    CHECK(opt_dash);
    PARSE_CLEAN("no-dash-name");
    CHECK(!opt_dash);
    PARSE_CLEAN("dash-name=1");
    CHECK(opt_dash);
    PARSE_CLEAN("no_dash_name");
    CHECK(!opt_dash);
    PARSE_CLEAN("on-by-default=0");
    CHECK(!opt_on_by_default);
    PARSE_CLEAN("no_on-by_default=no");
    CHECK(opt_on_by_default);
    PARSE_CLEAN("u32_alias=9");
    CHECK_EQ(opt_u32, 9);

    /* Only those two: other characters still have to match. */
    CHECK_EQ(parse("dash.name flaG"), 2);
    CHECK(!opt_dash);
}

TEST(integer)
{
    reset();
    PARSE_CLEAN("u32=42");
    CHECK_EQ(opt_u32, 42);
    PARSE_CLEAN("u32=0x10");
    CHECK_EQ(opt_u32, 16);
    PARSE_CLEAN("u32=010");
    CHECK_EQ(opt_u32, 8);
    PARSE_CLEAN("u32=0");
    CHECK_EQ(opt_u32, 0);
    PARSE_CLEAN("u32=4294967295");
    CHECK_EQ(opt_u32, 4294967295U);
    PARSE_CLEAN("u8=255 u16=65535");
    CHECK_EQ(opt_u8, 255);
    CHECK_EQ(opt_u16, 65535);
    PARSE_CLEAN("u64=0xffffffffffffffff");
    CHECK(opt_u64 == ~0UL);
    PARSE_CLEAN("u64=1099511627776");
    CHECK_EQ(opt_u64, 1099511627776ULL);
}

TEST(integer_bad_values)
{
    static const struct {
        const char *cmdline, *why;
    } bad[] = {
        { "u32=abc", "not a number" },
        { "u32=12abc", "not a number" },
        { "u32=", "not a number" },
        { "u32=-1", "not a number" },
        { "u32=+1", "not a number" },
        { "u32=1M", "not a number" },
        { "u32=4294967296", "out of range" },
        { "u8=256", "out of range" },
        { "u16=65536", "out of range" },
        { "u32=99999999999999999999999", "out of range" },
        { "u32", "needs a value" },
        { "no-u32", "cannot be negated" },
        { "no-u32=1", "cannot be negated" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ ) {
        reset();
        CHECK_EQ(parse(bad[i].cmdline), 1);
        if ( !LOGGED(bad[i].why) )
            fprintf(stderr, "  '%s' logged: %s", bad[i].cmdline, log_buf);
        CHECK(LOGGED(bad[i].why));
        CHECK(LOGGED("'u32'") || LOGGED("'u8'") || LOGGED("'u16'") ||
              LOGGED("'no-u32'"));
        CHECK_EQ(opt_u32, 7);
        CHECK_EQ(opt_u8, 1);
        CHECK_EQ(opt_u16, 2);
    }

    /* A bad value doesn't stop the options after it. */
    CHECK_EQ(parse("u32=x u8=9"), 1);
    CHECK_EQ(opt_u32, 7);
    CHECK_EQ(opt_u8, 9);
}

TEST(size)
{
    reset();
    PARSE_CLEAN("mem=512M");
    CHECK_EQ(opt_mem, 512ULL << 20);
    PARSE_CLEAN("mem=2G");
    CHECK_EQ(opt_mem, 2ULL << 30);
    PARSE_CLEAN("mem=3t");
    CHECK_EQ(opt_mem, 3ULL << 40);
    PARSE_CLEAN("mem=4k");
    CHECK_EQ(opt_mem, 4096);
    PARSE_CLEAN("mem=100B");
    CHECK_EQ(opt_mem, 100);
    PARSE_CLEAN("mem=524288");          /* no suffix: KiB */
    CHECK_EQ(opt_mem, 512ULL << 20);
    PARSE_CLEAN("mem=0x10m");
    CHECK_EQ(opt_mem, 16ULL << 20);
    PARSE_CLEAN("mem32=3G");
    CHECK_EQ(opt_mem32, 3ULL << 30);
}

TEST(size_bad_values)
{
    static const struct {
        const char *cmdline, *why;
    } bad[] = {
        { "mem=", "not a size" },
        { "mem=M", "not a size" },
        { "mem=1X", "not a size" },
        { "mem=1MB", "not a size" },
        { "mem=50%", "not a size" },
        { "mem=-1M", "not a size" },
        { "mem=16777216T", "out of range" },
        { "mem=99999999999999999999999", "out of range" },
        { "mem32=4G", "out of range" },
        { "mem", "needs a value" },
        { "no-mem", "cannot be negated" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ ) {
        reset();
        CHECK_EQ(parse(bad[i].cmdline), 1);
        if ( !LOGGED(bad[i].why) )
            fprintf(stderr, "  '%s' logged: %s", bad[i].cmdline, log_buf);
        CHECK(LOGGED(bad[i].why));
        CHECK_EQ(opt_mem, 4);
        CHECK_EQ(opt_mem32, 5);
    }
}

TEST(string)
{
    reset();
    PARSE_CLEAN("str=abc");
    CHECK(!strcmp(opt_str, "abc"));
    PARSE_CLEAN("str=a=b,c");            /* only the first '=' splits */
    CHECK(!strcmp(opt_str, "a=b,c"));
    PARSE_CLEAN("str=1234567");          /* exactly fits */
    CHECK(!strcmp(opt_str, "1234567"));
    PARSE_CLEAN("str=");
    CHECK(!strcmp(opt_str, ""));
    strcpy(opt_str, "def");
    PARSE_CLEAN("str");
    CHECK(!strcmp(opt_str, ""));

    /* Too long: truncated, with a warning. */
    CHECK_EQ(parse("str=12345678"), 1);
    CHECK(LOGGED("'str' truncated to 7 characters"));
    CHECK(!strcmp(opt_str, "1234567"));

    strcpy(opt_str, "def");
    CHECK_EQ(parse("no-str"), 1);
    CHECK(LOGGED("cannot be negated"));
    CHECK(!strcmp(opt_str, "def"));
}

TEST(custom)
{
    reset();
    PARSE_CLEAN("cust=hello");
    CHECK_EQ(cust_calls, 1);
    CHECK(!strcmp(cust_val, "hello"));
    PARSE_CLEAN("cust");
    CHECK_EQ(cust_calls, 2);
    CHECK(!strcmp(cust_val, ""));
    PARSE_CLEAN("cust=");
    CHECK_EQ(cust_calls, 3);
    CHECK(!strcmp(cust_val, ""));
    PARSE_CLEAN("cust=x=y");
    CHECK(!strcmp(cust_val, "x=y"));

    /* An error from the handler is reported with its value. */
    CHECK_EQ(parse("cust=bad"), 1);
    CHECK(LOGGED("Bad value 'bad' for command line option 'cust' "
                 "(error -22)"));

    /* A bare "no-name" goes to the handler as it is. */
    PARSE_CLEAN("custbool");
    CHECK_EQ(custbool, 1);
    PARSE_CLEAN("no-custbool");
    CHECK_EQ(custbool, 0);
    PARSE_CLEAN("custbool no_custbool");
    CHECK_EQ(custbool, 0);
    custbool = -1;
    CHECK_EQ(parse("no-custbool=1"), 1);
    CHECK(LOGGED("cannot be negated"));
    CHECK_EQ(custbool, -1);
    cust_calls = 0;
    CHECK_EQ(parse("no-cust"), 0);
    CHECK_EQ(cust_calls, 1);
    CHECK(!strcmp(cust_val, "no-cust"));
}

TEST(declared_twice)
{
    reset();
    PARSE_CLEAN("twice");
    CHECK(opt_twice_a && opt_twice_b);
    PARSE_CLEAN("no-twice");
    CHECK(!opt_twice_a && !opt_twice_b);
}

TEST(unknown)
{
    reset();
    CHECK_EQ(parse("bogus"), 1);
    CHECK(LOGGED("Unknown command line option 'bogus' ignored\n"));

    /* The value isn't part of the name. */
    CHECK_EQ(parse("bogus=1"), 1);
    CHECK(LOGGED("'bogus'"));

    /* Once per option, however often (and however spelt) it appears. */
    CHECK_EQ(parse("bogus flag bogus=2 other bogus_x bogus-x=3 other"), 3);
    CHECK(LOGGED("'bogus'"));
    CHECK(LOGGED("'other'"));
    CHECK(LOGGED("'bogus_x'"));
    CHECK(opt_flag);

    CHECK_EQ(parse("no-bogus"), 1);
    CHECK(LOGGED("'no-bogus'"));
    CHECK_EQ(parse("no-"), 1);
    CHECK_EQ(parse("no"), 1);
    CHECK_EQ(parse("fla flagg flag_"), 3);
    /* Names are matched whole: "u32" is not a prefix match of "u3". */
    CHECK_EQ(parse("u3=1 u320=1"), 2);
    CHECK_EQ(opt_u32, 7);

    /* Tokens without a name. */
    CHECK_EQ(parse("=5"), 1);
    CHECK(LOGGED("Malformed command line option '=5'"));
    CHECK_EQ(parse("= =="), 2);
}

TEST(spacing)
{
    reset();
    PARSE_CLEAN("");
    PARSE_CLEAN(NULL);
    PARSE_CLEAN("     ");
    PARSE_CLEAN("  flag   u32=5\t mem=1M \n str=x  ");
    CHECK(opt_flag);
    CHECK_EQ(opt_u32, 5);
    CHECK_EQ(opt_mem, 1 << 20);
    CHECK(!strcmp(opt_str, "x"));
    PARSE_CLEAN("u8=3");
    CHECK_EQ(opt_u8, 3);
    PARSE_CLEAN("\tu8=4\t");
    CHECK_EQ(opt_u8, 4);
}

/* Tokens up to 255 characters work; longer ones are refused whole. */
TEST(long_token)
{
    char cmd[1024];

    reset();
    memset(cmd, 0, sizeof(cmd));
    strcpy(cmd, "cust=");
    memset(cmd + 5, 'v', 250);          /* a 255-character token */
    strcat(cmd, " u8=9");
    PARSE_CLEAN(cmd);
    CHECK_EQ(cust_calls, 1);
    CHECK_EQ(strlen(cust_val), 250);
    CHECK_EQ(opt_u8, 9);

    reset();
    memset(cmd, 0, sizeof(cmd));
    strcpy(cmd, "flag cust=");
    memset(cmd + 10, 'w', 251);         /* 256 characters */
    strcat(cmd, " u8=9");
    CHECK_EQ(parse(cmd), 1);
    CHECK(LOGGED("too long"));
    CHECK(LOGGED("'cust=wwwww"));
    CHECK_EQ(cust_calls, 0);
    CHECK(opt_flag);
    CHECK_EQ(opt_u8, 9);

    /* A long unknown option, twice: one warning each (too long). */
    reset();
    memset(cmd, 'z', 600);
    cmd[600] = '\0';
    strcat(cmd, " zz ");
    memset(cmd + strlen(cmd), 'z', 300);
    CHECK_EQ(parse(cmd), 3);
}

TEST(saved_cmdline)
{
    static char cmd[8192];
    const char *saved;
    size_t i, len;

    reset();
    PARSE_CLEAN("flag u32=3");
    CHECK(!strcmp(saved_cmdline(), "flag u32=3"));
    PARSE_CLEAN("");
    CHECK(!strcmp(saved_cmdline(), ""));
    PARSE_CLEAN(" flag ");              /* kept as given when it fits */
    CHECK(!strcmp(saved_cmdline(), " flag "));

    /* Exactly 1023 characters fit. */
    memset(cmd, 0, sizeof(cmd));
    for ( i = 0; i < 203; i++ )
        strcat(cmd, "flag ");
    strcat(cmd, "u32=1234");
    CHECK_EQ(strlen(cmd), 1023);
    PARSE_CLEAN(cmd);
    CHECK(!strcmp(saved_cmdline(), cmd));
    CHECK_EQ(opt_u32, 1234);

    /*
     * A long line of short options: all of them are applied, the saved
     * copy stops before the first option that doesn't fit whole.
     */
    memset(cmd, 0, sizeof(cmd));
    for ( i = 0; strlen(cmd) < 5000; i++ )
        strcat(cmd, i % 2 ? "flag " : "no-flag   ");
    strcat(cmd, "u32=99");
    reset();
    PARSE_CLEAN(cmd);
    CHECK_EQ(opt_u32, 99);
    saved = saved_cmdline();
    len = strlen(saved);
    CHECK(len <= 1023);
    CHECK(len > 1000);
    CHECK(!strncmp(saved, cmd, len));
    CHECK(saved[len - 1] != ' ');
    CHECK(cmd[len] == ' ');             /* cut at a token boundary */

    /* A separator right at the limit. */
    memset(cmd, 0, sizeof(cmd));
    memset(cmd, 'a', 1023);
    cmd[1010] = ' ';
    cmd[1023] = ' ';
    strcpy(cmd + 1024, "flag");
    CHECK_EQ(parse(cmd), 2);
    CHECK_EQ(strlen(saved_cmdline()), 1023);

    /* One token longer than the limit: nothing of it is kept. */
    memset(cmd, 0, sizeof(cmd));
    memset(cmd, 'b', 2000);
    CHECK_EQ(parse(cmd), 1);
    CHECK(!strcmp(saved_cmdline(), ""));

    /* Trailing spaces before the cut are dropped too. */
    memset(cmd, 0, sizeof(cmd));
    memset(cmd, 'c', 1000);
    memset(cmd + 1000, ' ', 20);
    memset(cmd + 1020, 'd', 10);
    CHECK_EQ(parse(cmd), 2);
    CHECK_EQ(strlen(saved_cmdline()), 1000);
}

TEST(parse_bool)
{
    static const char *const trues[] = { "1", "yes", "on", "true", "enable" };
    static const char *const falses[] = { "0", "no", "off", "false",
                                          "disable" };
    const char *s = "yesno";
    unsigned int i;

    for ( i = 0; i < 5; i++ ) {
        CHECK_EQ(parse_bool(trues[i], NULL), 1);
        CHECK_EQ(parse_bool(falses[i], NULL), 0);
    }
    CHECK_EQ(parse_bool("", NULL), -1);
    CHECK_EQ(parse_bool("2", NULL), -1);
    CHECK_EQ(parse_bool("ye", NULL), -1);
    CHECK_EQ(parse_bool("yess", NULL), -1);
    CHECK_EQ(parse_bool("On", NULL), -1);
    /* With an end pointer, only [s, e) counts. */
    CHECK_EQ(parse_bool(s, s + 3), 1);
    CHECK_EQ(parse_bool(s + 3, s + 5), 0);
    CHECK_EQ(parse_bool(s, s + 2), -1);
}

TEST(parse_boolean)
{
    const char *list = "verbose,no-intremap,sharept=0,snoop=on,x";

    CHECK_EQ(parse_boolean("verbose", "verbose", NULL), 1);
    CHECK_EQ(parse_boolean("verbose", "no-verbose", NULL), 0);
    CHECK_EQ(parse_boolean("verbose", "no_verbose", NULL), 0);
    CHECK_EQ(parse_boolean("verbose", "verbose=0", NULL), 0);
    CHECK_EQ(parse_boolean("verbose", "verbose=yes", NULL), 1);
    CHECK_EQ(parse_boolean("verbose", "no-verbose=0", NULL), 1);
    CHECK_EQ(parse_boolean("verbose", "verbose=bad", NULL), -1);
    CHECK_EQ(parse_boolean("verbose", "verbos", NULL), -1);
    CHECK_EQ(parse_boolean("verbose", "verbosee", NULL), -1);
    CHECK_EQ(parse_boolean("verbose", "no-", NULL), -1);
    CHECK_EQ(parse_boolean("a-b", "a_b", NULL), 1);
    /* A name that itself starts with "no-". */
    CHECK_EQ(parse_boolean("no-op", "no-op", NULL), 1);
    CHECK_EQ(parse_boolean("no-op", "no-no-op", NULL), 0);

    /* Items of a comma-separated list, by end pointer. */
    CHECK_EQ(parse_boolean("verbose", list, list + 7), 1);
    CHECK_EQ(parse_boolean("intremap", list + 8, list + 19), 0);
    CHECK_EQ(parse_boolean("sharept", list + 20, list + 29), 0);
    CHECK_EQ(parse_boolean("snoop", list + 30, list + 38), 1);
    CHECK_EQ(parse_boolean("verbose", list, list + 6), -1);
}

TESTS(T(boolean), T(boolean_bad_values), T(dash_underscore), T(integer),
      T(integer_bad_values), T(size), T(size_bad_values), T(string),
      T(custom), T(declared_twice), T(unknown), T(spacing), T(long_token),
      T(saved_cmdline), T(parse_bool), T(parse_boolean))
