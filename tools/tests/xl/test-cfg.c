/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxlutil's xl.cfg parser: every kind of value, the layout rules, and
 * every message, with its file and line.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

/* NULL when key n is the string want. */
static const char *string_is(const char *n, const char *want)
{
    const char *got;
    int rc = xlu_cfg_get_string(run_config(), n, &got, 0);

    if ( rc )
        return test_fail("'%s': error %d (%s)", n, rc, run_report());
    if ( strcmp(got, want) )
        return test_fail("'%s' is \"%s\", not \"%s\"", n, got, want);
    return NULL;
}

/* NULL when key n is the number want. */
static const char *long_is(const char *n, long want)
{
    long got;
    int rc = xlu_cfg_get_long(run_config(), n, &got, 0);

    if ( rc )
        return test_fail("'%s': error %d (%s)", n, rc, run_report());
    if ( got != want )
        return test_fail("'%s' is %ld, not %ld", n, got, want);
    return NULL;
}

/* NULL when key n was set on line want (of test.cfg). */
static const char *line_is(const char *n, int want)
{
    const char *source;
    int line;

    if ( xlu_cfg_get_location(run_config(), n, &source, &line) )
        return test_fail("'%s' is not set", n);
    if ( line != want || strcmp(source, TEST_CFG) )
        return test_fail("'%s' set at %s:%d, not line %d", n, source, line,
                         want);
    return NULL;
}

static const char *strings(void)
{
    CHECK(!PARSE("a = \"double\"\nb = 'single'\nc = \"\"\n"
                 "d = \"it's\"\ne = 'say \"hi\"'\nf = \"a # not a comment\"\n"
                 "g=\"tight\"\n"));
    CHECK_OK(string_is("a", "double"));
    CHECK_OK(string_is("b", "single"));
    CHECK_OK(string_is("c", ""));
    CHECK_OK(string_is("d", "it's"));
    CHECK_OK(string_is("e", "say \"hi\""));
    CHECK_OK(string_is("f", "a # not a comment"));
    CHECK_OK(string_is("g", "tight"));
    CHECK_OK(report_is(""));
    return NULL;
}

static const char *escapes(void)
{
    CHECK(!PARSE("a = \"\\\"\\'\\\\\"\n"
                 "b = '\\a\\b\\f\\n\\r\\t\\v'\n"
                 "c = \"\\x41\\x7e\\xfF\"\n"
                 "d = \"\\101\\7\\0101\"\n"
                 "e = 'tab\\there'\n"));
    CHECK_OK(string_is("a", "\"'\\"));
    CHECK_OK(string_is("b", "\a\b\f\n\r\t\v"));
    CHECK_OK(string_is("c", "A~\xff"));
    /* At most three octal digits: \0101 is \010 then '1'. */
    CHECK_OK(string_is("d", "A\a\b1"));
    CHECK_OK(string_is("e", "tab\there"));
    return NULL;
}

static const char *escape_errors(void)
{
    CHECK_OK(parse_fails("a = \"\\q\"\n", EINVAL,
                         "test.cfg:1: unknown escape '\\q' in a string\n"));
    CHECK_OK(parse_fails("\na = 'x\\x4'\n", EINVAL,
                         "test.cfg:2: '\\x' must be followed by two hex "
                         "digits\n"));
    CHECK_OK(parse_fails("a = '\\x00'\n", EINVAL,
                         "test.cfg:1: a string cannot hold a NUL byte\n"));
    CHECK_OK(parse_fails("a = '\\0'\n", EINVAL,
                         "test.cfg:1: a string cannot hold a NUL byte\n"));
    CHECK_OK(parse_fails("a = '\\400'\n", EINVAL,
                         "test.cfg:1: octal escape '\\400' is larger than "
                         "a byte\n"));
    /* A backslash does not join lines. */
    CHECK_OK(parse_fails("a = 'x\\\ny'\n", EINVAL,
                         "test.cfg:1: unterminated string\n"));
    CHECK_OK(
        parse_fails("a = 'x\\", EINVAL, "test.cfg:1: unterminated string\n"));
    return NULL;
}

static const char *numbers(void)
{
    const char *s;
    long l = 0;

    CHECK(!PARSE("a = 42\nb = 0x1f\nc = 010\nd = 0\n"
                 "e = 9223372036854775807\nf = 9223372036854775808\n"
                 "g = \"-7\"\nh = \" 12\"\ni = \"12 \"\nj = 0XFF\n"));
    CHECK_OK(long_is("a", 42));
    CHECK_OK(long_is("b", 31));
    CHECK_OK(long_is("c", 8));
    CHECK_OK(long_is("d", 0));
    CHECK_OK(long_is("e", LONG_MAX));
    CHECK_OK(long_is("g", -7));
    CHECK_OK(long_is("h", 12)); /* strtol skips leading blanks, as in Xen */
    CHECK_OK(long_is("j", 255));
    CHECK_OK(report_is(""));
    /* Numbers are kept as their text. */
    CHECK_OK(string_is("b", "0x1f"));
    CHECK_OK(string_is("c", "010"));
    CHECK(xlu_cfg_get_long(run_config(), "f", &l, 0) == ERANGE);
    CHECK_OK(report_is("test.cfg:6: 'f' is out of range: "
                       "9223372036854775808\n"));
    run_start(TEST_CFG); /* a fresh report */
    CHECK(!PARSE("i = \"12 \"\nk = 'x'\nl = [1]\n"));
    CHECK(xlu_cfg_get_long(run_config(), "i", &l, 0) == EINVAL);
    CHECK(xlu_cfg_get_long(run_config(), "k", &l, 0) == EINVAL);
    CHECK(xlu_cfg_get_long(run_config(), "l", &l, 0) == EINVAL);
    CHECK(xlu_cfg_get_long(run_config(), "nope", &l, 0) == ESRCH);
    CHECK_OK(report_is("test.cfg:1: 'i' should be a number, not '12 '\n"
                       "test.cfg:2: 'k' should be a number, not 'x'\n"
                       "test.cfg:3: 'l' should be a single value, not a "
                       "list\n"));
    CHECK(xlu_cfg_get_string(run_config(), "l", &s, 1) == EINVAL);
    return NULL;
}

static const char *bounded_numbers(void)
{
    long l = 99;

    CHECK(!PARSE("a = 5\nb = \"-3\"\n"));
    CHECK(!xlu_cfg_get_bounded_long(run_config(), "a", 5, 5, &l, 0));
    CHECK(l == 5);
    CHECK(xlu_cfg_get_bounded_long(run_config(), "a", 6, 9, &l, 0) == EINVAL);
    CHECK(xlu_cfg_get_bounded_long(run_config(), "a", 0, 4, &l, 0) == EINVAL);
    CHECK(xlu_cfg_get_bounded_long(run_config(), "b", 0, 4, &l, 0) == EINVAL);
    CHECK(l == 5);
    CHECK_OK(report_is("test.cfg:1: 'a' must be at least 6, not 5\n"
                       "test.cfg:1: 'a' must be at most 4, not 5\n"
                       "test.cfg:2: 'b' must be at least 0, not -3\n"));
    /* dont_warn keeps quiet, and the answer is the same. */
    CHECK(xlu_cfg_get_bounded_long(run_config(), "a", 6, 9, &l, 1) == EINVAL);
    CHECK_OK(report_is("test.cfg:1: 'a' must be at least 6, not 5\n"
                       "test.cfg:1: 'a' must be at most 4, not 5\n"
                       "test.cfg:2: 'b' must be at least 0, not -3\n"));
    return NULL;
}

static const char *bad_numbers(void)
{
    static const char *const bad[] = { "256M", "1.5",   "0x",    "08",
                                       "0xg",  "12abc", "0x1F_", "1e3" };
    char text[64], want[128];
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ ) {
        snprintf(text, sizeof(text), "\n\nmemory = %s\n", bad[i]);
        snprintf(want, sizeof(want), "test.cfg:3: bad number '%s'\n", bad[i]);
        CHECK_OK(parse_fails(text, EINVAL, want));
    }
    CHECK_OK(parse_fails("a = -1\n", EINVAL,
                         "test.cfg:1: unexpected '-' (xl.cfg is not Python: "
                         "values are strings, numbers or lists)\n"));
    return NULL;
}

static const char *lists(void)
{
    XLU_ConfigList *list, *inner;
    XLU_ConfigValue *v;
    xlu_string_list sl = NULL;
    char *s;
    int n;

    CHECK(!PARSE("a = []\nb = [ 'x' ]\nc = [ 'x', 2, ]\n"
                 "d = [\n  'one', # first\n\n  'two'\n  ,\n  'three',\n]\n"
                 "e = [ [1, 2], [], 'z' ]\n"));
    CHECK(!xlu_cfg_get_list(run_config(), "a", &list, &n, 0) && n == 0);
    CHECK(!xlu_cfg_get_list(run_config(), "b", &list, &n, 0) && n == 1);
    CHECK(!strcmp(xlu_cfg_get_listitem(list, 0), "x"));
    CHECK(!xlu_cfg_get_listitem(list, 1) && !xlu_cfg_get_listitem(list, -1));
    CHECK(!xlu_cfg_get_list(run_config(), "c", NULL, &n, 0) && n == 2);
    CHECK(!xlu_cfg_get_list(run_config(), "d", &list, NULL, 0));
    CHECK(!strcmp(xlu_cfg_get_listitem(list, 2), "three"));
    CHECK_OK(line_is("d", 4));
    CHECK_OK(line_is("e", 11));

    CHECK(!xlu_cfg_get_list_as_string_list(run_config(), "d", &sl, 0));
    CHECK(!strcmp(sl[0], "one") && !strcmp(sl[1], "two") &&
          !strcmp(sl[2], "three") && !sl[3]);
    xlu_string_list_free(&sl);
    CHECK(!sl);

    CHECK(!xlu_cfg_get_list(run_config(), "e", &list, &n, 0) && n == 3);
    v = xlu_cfg_get_listitem2(list, 0);
    CHECK(v && xlu_cfg_value_type(v) == XLU_LIST);
    CHECK(!xlu_cfg_get_listitem(list, 0)); /* not a string */
    CHECK(!xlu_cfg_value_get_list(run_config(), v, &inner, 0));
    CHECK(!strcmp(xlu_cfg_get_listitem(inner, 1), "2"));
    CHECK(!xlu_cfg_get_listitem2(inner, 2));
    CHECK(xlu_cfg_value_get_string(run_config(), v, &s, 0) == EINVAL && !s);
    v = xlu_cfg_get_listitem2(list, 2);
    CHECK(!xlu_cfg_value_get_string(run_config(), v, &s, 0) && !strcmp(s, "z"));
    CHECK(xlu_cfg_value_get_list(run_config(), v, &inner, 0) == EINVAL);
    CHECK(xlu_cfg_get_list_as_string_list(run_config(), "e", &sl, 0) ==
              EINVAL &&
          !sl);
    CHECK(xlu_cfg_get_list(run_config(), "nope", &list, &n, 0) == ESRCH);
    CHECK_OK(report_is("test.cfg:11: expected a string, not a list\n"
                       "test.cfg:11: expected a list, not a string\n"
                       "test.cfg:11: 'e' should be a list of strings, but "
                       "item 1 is a list\n"));
    return NULL;
}

static const char *list_errors(void)
{
    CHECK_OK(parse_fails("a = 1\nb = [ 'x',\n  'y'\n", EINVAL,
                         "test.cfg:2: unterminated list: no ']' for this "
                         "'['\n"));
    CHECK_OK(parse_fails("b = [", EINVAL,
                         "test.cfg:1: unterminated list: no ']' for this "
                         "'['\n"));
    CHECK_OK(parse_fails("b = [ , ]\n", EINVAL,
                         "test.cfg:1: expected a value (a string, a number "
                         "or a list), not ','\n"));
    CHECK_OK(parse_fails("b = [ 1,, 2 ]\n", EINVAL,
                         "test.cfg:1: expected a value (a string, a number "
                         "or a list), not ','\n"));
    CHECK_OK(parse_fails("b = [ 1\n 2 ]\n", EINVAL,
                         "test.cfg:2: expected ',' or ']' in the list, not "
                         "number 2\n"));
    CHECK_OK(parse_fails("b = 1 ]\n", EINVAL,
                         "test.cfg:1: expected a new line or ';' after the "
                         "value of 'b', not ']'\n"));
    /* A bad token right after an item: the item is freed (ASan checks). */
    CHECK_OK(
        parse_fails("a = [ 'x' @ ]\n", EINVAL, "test.cfg:1: unexpected '@'\n"));
    CHECK_OK(parse_fails("a = [ [ 1 ] @ ]\n", EINVAL,
                         "test.cfg:1: unexpected '@'\n"));
    /* Sixteen deep is fine, seventeen is not. */
    CHECK(!PARSE("a = [[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]"));
    CHECK_OK(parse_fails("\na = [[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]", EINVAL,
                         "test.cfg:2: lists nested more than 16 deep\n"));
    return NULL;
}

static const char *layout(void)
{
    CHECK(!PARSE("# a comment\n\n   \t\na = 1; b = 'two' # trailing\n"
                 ";;\n  c\t=\t3 ;\nd=4;e=5"));
    CHECK_OK(long_is("a", 1));
    CHECK_OK(string_is("b", "two"));
    CHECK_OK(long_is("c", 3));
    CHECK_OK(long_is("e", 5));
    CHECK_OK(line_is("a", 4));
    CHECK_OK(line_is("c", 6));
    CHECK_OK(line_is("e", 7));
    CHECK_OK(report_is(""));
    return NULL;
}

static const char *repeated_keys(void)
{
    const XLU_ConfigSetting *set;
    static const char *const order[] = { "b", "c", "a" };
    size_t i = 0;

    CHECK(!PARSE("a = 1\nb = 2\na = [ 'list' ]\nc = 3\na = 'last'\n"));
    CHECK_OK(string_is("a", "last"));
    CHECK_OK(line_is("a", 5));
    /* Each key once, in the order last set. */
    for ( set = xlu_cfg_first_setting(run_config()); set;
          set = xlu_cfg_next_setting(set), i++ ) {
        CHECK(i < ARRAY_SIZE(order));
        CHECK(!strcmp(xlu_cfg_setting_name(set), order[i]));
        CHECK(!strcmp(xlu_cfg_setting_source(set), TEST_CFG));
    }
    CHECK(i == ARRAY_SIZE(order));
    return NULL;
}

static const char *add_settings(void)
{
    XLU_ConfigList *list;
    long l;
    int n;

    CHECK(!PARSE("s = 'ab'\ns += 'cd'\nl = [1]\nl += [2, 3]\nnew += 'x'\n"
                 "num = 1\nnum += 2\n"));
    CHECK_OK(string_is("s", "abcd"));
    CHECK_OK(string_is("new", "x"));
    CHECK(!xlu_cfg_get_list(run_config(), "l", &list, &n, 0) && n == 3);
    CHECK(!strcmp(xlu_cfg_get_listitem(list, 0), "1"));
    CHECK(!strcmp(xlu_cfg_get_listitem(list, 2), "3"));
    CHECK_OK(line_is("l", 4));
    CHECK(xlu_cfg_get_long(run_config(), "num", &l, 0) == EINVAL);
    CHECK_OK(report_is("test.cfg:7: 'num' is a number, which += cannot "
                       "set\n"));
    CHECK_OK(parse_fails("a = 'x'\na += [1]\n", EINVAL,
                         "test.cfg:2: cannot add a list to 'a', which is a "
                         "string\n"));
    CHECK_OK(parse_fails("a = []\n\na += 'x'\n", EINVAL,
                         "test.cfg:3: cannot add a string to 'a', which is "
                         "a list\n"));
    return NULL;
}

static const char *line_ends(void)
{
    /* CRLF, no newline at the end, a comment at the very end. */
    CHECK(!PARSE("a = 'x'\r\nb = [ 1,\r\n 2 ]\r\n# c\r\nc = 3"));
    CHECK_OK(string_is("a", "x"));
    CHECK_OK(long_is("c", 3));
    CHECK_OK(line_is("c", 5));
    CHECK(!PARSE("a = 1\n# no newline after me"));
    CHECK_OK(long_is("a", 1));
    CHECK(!PARSE("a = 1 # nor me"));
    CHECK_OK(long_is("a", 1));
    /* A lone CR is not a line end. */
    CHECK_OK(parse_fails("a = 1\rb = 2\n", EINVAL,
                         "test.cfg:1: unexpected byte 0x0d\n"));
    CHECK_OK(
        parse_fails("a = 'x\r\n", EINVAL, "test.cfg:1: unterminated string\n"));
    return NULL;
}

static const char *empty_inputs(void)
{
    CHECK(!PARSE(""));
    CHECK(!xlu_cfg_first_setting(run_config()));
    CHECK(!PARSE("\n\n# only comments\n;\n"));
    CHECK(!xlu_cfg_first_setting(run_config()));
    CHECK_OK(report_is(""));
    return NULL;
}

static const char *syntax_errors(void)
{
    CHECK_OK(parse_fails("name \"x\"\n", EINVAL,
                         "test.cfg:1: expected '=' after 'name', not a "
                         "string\n"));
    CHECK_OK(parse_fails("a = 1\nname\n", EINVAL,
                         "test.cfg:2: expected '=' after 'name', not the "
                         "end of the line\n"));
    CHECK_OK(parse_fails("name =\n", EINVAL,
                         "test.cfg:1: expected a value (a string, a number "
                         "or a list), not the end of the line\n"));
    CHECK_OK(parse_fails("name = ", EINVAL,
                         "test.cfg:1: expected a value (a string, a number "
                         "or a list), not the end of the input\n"));
    CHECK_OK(parse_fails("name = guest\n", EINVAL,
                         "test.cfg:1: expected a value, not 'guest' "
                         "(strings need quotes)\n"));
    CHECK_OK(parse_fails("a = 1 b = 2\n", EINVAL,
                         "test.cfg:1: expected a new line or ';' after the "
                         "value of 'a', not 'b'\n"));
    CHECK_OK(parse_fails("\n= 1\n", EINVAL,
                         "test.cfg:2: expected a key at the start of a "
                         "setting, not '='\n"));
    CHECK_OK(parse_fails("'a' = 1\n", EINVAL,
                         "test.cfg:1: expected a key at the start of a "
                         "setting, not a string\n"));
    CHECK_OK(parse_fails("a == 1\n", EINVAL,
                         "test.cfg:1: expected a value (a string, a number "
                         "or a list), not '='\n"));
    CHECK_OK(parse_fails("a = 'unterminated\nb = 1\n", EINVAL,
                         "test.cfg:1: unterminated string\n"));
    CHECK_OK(
        parse_fails("a = \"x'\n", EINVAL, "test.cfg:1: unterminated string\n"));
    return NULL;
}

static const char *garbage(void)
{
    CHECK_OK(parse_fails("a = 1\n@\n", EINVAL, "test.cfg:2: unexpected '@'\n"));
    CHECK_OK(parse_fails("a = (1, 2)\n", EINVAL,
                         "test.cfg:1: unexpected '(' (xl.cfg is not Python: "
                         "values are strings, numbers or lists)\n"));
    CHECK_OK(parse_fails("a + 1\n", EINVAL,
                         "test.cfg:1: unexpected '+' (xl.cfg is not Python: "
                         "values are strings, numbers or lists)\n"));
    CHECK_OK(parse_fails("a = 1\x01\n", EINVAL,
                         "test.cfg:1: unexpected byte 0x01\n"));
    CHECK_OK(parse_fails("a = '\xc3\xa9'\n\xff\n", EINVAL,
                         "test.cfg:2: unexpected byte 0xff\n"));
    CHECK_OK(parse_fails("Name = 'x'\n", EINVAL,
                         "test.cfg:1: bad key 'Name': a key is a lowercase "
                         "letter, then lowercase letters, digits, '_' or "
                         "'.'\n"));
    CHECK_OK(parse_fails("on-crash = 'x'\n", EINVAL,
                         "test.cfg:1: bad key 'on-crash': a key is a "
                         "lowercase letter, then lowercase letters, digits, "
                         "'_' or '.'\n"));
    CHECK_OK(parse_fails("_a = 1\n", EINVAL,
                         "test.cfg:1: bad key '_a': a key is a lowercase "
                         "letter, then lowercase letters, digits, '_' or "
                         "'.'\n"));
    /* Dots and digits are fine after the first letter. */
    CHECK(!PARSE("a.b_9 = 1\n"));
    CHECK_OK(long_is("a.b_9", 1));
    return NULL;
}

static const char *nul_bytes(void)
{
    static const char in_text[] = "a = 1\n\0b = 2\n";
    static const char in_string[] = "a = 'x\0y'\n";
    static const char in_comment[] = "\n\na = 1 # x\0y\n";
    static const char after_backslash[] = "a = 'x\\\0'\n";

    CHECK_OK(parse_fails_len(in_text, sizeof(in_text) - 1, EINVAL,
                             "test.cfg:2: NUL byte in the text\n"));
    CHECK_OK(parse_fails_len(in_string, sizeof(in_string) - 1, EINVAL,
                             "test.cfg:1: NUL byte in a string\n"));
    CHECK_OK(parse_fails_len(in_comment, sizeof(in_comment) - 1, EINVAL,
                             "test.cfg:3: NUL byte in a comment\n"));
    CHECK_OK(parse_fails_len(after_backslash, sizeof(after_backslash) - 1,
                             EINVAL,
                             "test.cfg:1: unknown escape in a string: a "
                             "backslash, then byte 0x00\n"));
    return NULL;
}

static const char *huge_inputs(void)
{
    size_t big = XLU_CFG_MAX_FILE + 1, i;
    char *text = malloc(big + 16);
    const char *why = NULL;
    int rc;

    if ( !text )
        return "no memory";

    /* Over the file bound: refused before parsing. */
    memset(text, '\n', big);
    rc = run_parse(text, big);
    if ( rc != EFBIG )
        why = test_fail("a %zu-byte text returned %d", big, rc);
    else
        why = report_is("test.cfg: larger than 1048576 bytes\n");

    /* At the bound, a file of settings is fine. */
    for ( i = 0; !why && i + 8 <= XLU_CFG_MAX_FILE; i += 8 )
        memcpy(text + i, "a = 12;\n", 8);
    if ( !why && (rc = run_parse(text, i)) )
        why = test_fail("a %zu-byte file of settings returned %d", i, rc);

    /* A string at the bound, then one byte longer. */
    if ( !why ) {
        memcpy(text, "a = '", 5);
        memset(text + 5, 'x', XLU_CFG_MAX_STRING);
        memcpy(text + 5 + XLU_CFG_MAX_STRING, "'\n", 2);
        rc = run_parse(text, XLU_CFG_MAX_STRING + 7);
        if ( rc )
            why = test_fail("a string of the largest size returned %d", rc);
    }
    if ( !why ) {
        memcpy(text, "\na= '", 5);
        memset(text + 5, 'x', XLU_CFG_MAX_STRING + 1);
        memcpy(text + 6 + XLU_CFG_MAX_STRING, "'\n", 2);
        why = parse_fails_len(text, XLU_CFG_MAX_STRING + 8, EINVAL,
                              "test.cfg:2: string longer than 65536 bytes\n");
    }
    /* Keys and numbers of absurd length. */
    if ( !why ) {
        memset(text, 'k', 65);
        memcpy(text + 65, " = 1\n", 5);
        why = parse_fails_len(text, 70, EINVAL,
                              "test.cfg:1: key longer than 64 characters\n");
    }
    if ( !why ) {
        memcpy(text, "k = ", 4);
        memset(text + 4, '1', 65);
        why = parse_fails_len(text, 69, EINVAL,
                              "test.cfg:1: number longer than 64 "
                              "characters\n");
    }
    free(text);
    if ( why )
        return why;

    /* += cannot grow a string past the bound either. */
    text = malloc(2 * XLU_CFG_MAX_STRING + 64);
    if ( !text )
        return "no memory";
    memcpy(text, "a = '", 5);
    memset(text + 5, 'x', XLU_CFG_MAX_STRING);
    memcpy(text + 5 + XLU_CFG_MAX_STRING, "'\na += 'y'\n", 11);
    why = parse_fails_len(text, XLU_CFG_MAX_STRING + 16, EINVAL,
                          "test.cfg:2: string longer than 65536 bytes\n");
    free(text);
    if ( why )
        return why;

    CHECK(run_start(TEST_CFG));
    CHECK(xlu_cfg_readdata(run_config(), "a = 1", -1) == EINVAL);
    CHECK_OK(report_is("test.cfg: negative length -1\n"));
    return NULL;
}

static const char *read_files(void)
{
    static const char good[] = "name = 'from-file'\nmemory = 64\n";
    const char *path = tmp_file("good.cfg", good, sizeof(good) - 1);
    char *big, want[512];
    const char *why;

    CHECK(path);
    CHECK(run_start("shown-name.cfg"));
    CHECK(!xlu_cfg_readfile(run_config(), path));
    CHECK_OK(string_is("name", "from-file"));
    /* Messages name the report name, not the real one. */
    CHECK(xlu_cfg_get_list(run_config(), "memory", NULL, NULL, 0) == EINVAL);
    CHECK_OK(report_is("shown-name.cfg:2: 'memory' should be a list, not a "
                       "single value\n"));

    path = tmp_path("does-not-exist.cfg");
    CHECK(run_start(TEST_CFG));
    CHECK(xlu_cfg_readfile(run_config(), path) == ENOENT);
    snprintf(want, sizeof(want),
             "%s: cannot open: No such file or "
             "directory\n",
             path);
    CHECK_OK(report_is(want));

    path = tmp_path("");
    CHECK(run_start(TEST_CFG));
    CHECK(xlu_cfg_readfile(run_config(), path) == EISDIR);
    snprintf(want, sizeof(want), "%s: cannot read: Is a directory\n", path);
    CHECK_OK(report_is(want));

    path = tmp_file("bad.cfg", "a = 1\nb = 'x\n", 12);
    CHECK(path && run_start(TEST_CFG));
    CHECK(xlu_cfg_readfile(run_config(), path) == EINVAL);
    CHECK_OK(report_is("test.cfg:2: unterminated string\n"));

    big = calloc(1, XLU_CFG_MAX_FILE + 1);
    CHECK(big);
    memset(big, '#', XLU_CFG_MAX_FILE + 1);
    path = tmp_file("big.cfg", big, XLU_CFG_MAX_FILE + 1);
    free(big);
    CHECK(path && run_start(TEST_CFG));
    CHECK(xlu_cfg_readfile(run_config(), path) == EFBIG);
    snprintf(want, sizeof(want), "%s: larger than 1048576 bytes\n", path);
    why = report_is(want);
    return why;
}

static const char *sources(void)
{
    static const char extra[] = "memory = 256\nfoo = [\n 1 ]\nb = 'x";
    const char *source;
    int line;

    CHECK(!PARSE("memory = 128\nname = 'n'\n"));
    CHECK(xlu_cfg_readdata_from(run_config(), "command line", extra,
                                sizeof(extra) - 1) == EINVAL);
    CHECK_OK(report_is("command line:4: unterminated string\n"));
    CHECK(!xlu_cfg_get_location(run_config(), "memory", &source, &line));
    CHECK(!strcmp(source, "command line") && line == 1);
    CHECK(!xlu_cfg_get_location(run_config(), "foo", NULL, &line));
    CHECK(line == 2);
    CHECK(!xlu_cfg_get_location(run_config(), "name", &source, NULL));
    CHECK(!strcmp(source, TEST_CFG));
    CHECK(xlu_cfg_get_location(run_config(), "b", &source, &line) == ESRCH);

    xlu_cfg_report(run_config(), "memory", "about %s", "memory");
    xlu_cfg_report(run_config(), "name", "about name");
    xlu_cfg_report(run_config(), "absent", "about %d", 3);
    xlu_cfg_report(run_config(), NULL, "about the file");
    CHECK_OK(report_is("command line:4: unterminated string\n"
                       "command line:1: about memory\n"
                       "test.cfg:2: about name\n"
                       "test.cfg: about 3\n"
                       "test.cfg: about the file\n"));
    return NULL;
}

static const char *replace_string(void)
{
    char *s = strdup("old");

    CHECK(s);
    CHECK(!PARSE("a = 'new'\nb = [1]\n"));
    CHECK(!xlu_cfg_replace_string(run_config(), "a", &s, 0));
    CHECK(!strcmp(s, "new"));
    CHECK(xlu_cfg_replace_string(run_config(), "b", &s, 1) == EINVAL);
    CHECK(xlu_cfg_replace_string(run_config(), "c", &s, 0) == ESRCH);
    CHECK(!strcmp(s, "new"));
    free(s);
    CHECK_OK(report_is(""));
    return NULL;
}

static const char *escape_for_messages(void)
{
    char buf[XLU_CFG_ESCAPE_SIZE], small[10];
    char long_value[200];

    CHECK(!strcmp(xlu_cfg_escape("plain \xc3\xa9", buf, sizeof(buf)),
                  "plain \xc3\xa9"));
    CHECK(!strcmp(xlu_cfg_escape("a\nb\tc\x7f", buf, sizeof(buf)),
                  "a\\x0ab\\x09c\\x7f"));
    memset(long_value, 'v', sizeof(long_value) - 1);
    long_value[sizeof(long_value) - 1] = '\0';
    xlu_cfg_escape(long_value, buf, sizeof(buf));
    CHECK(strlen(buf) == sizeof(buf) - 1);
    CHECK(!strcmp(buf + sizeof(buf) - 4, "..."));
    /* An escape is never cut in the middle. */
    CHECK(!strcmp(xlu_cfg_escape("abc\n", small, sizeof(small)), "abc..."));
    CHECK(!strcmp(xlu_cfg_escape("ab\n", small, sizeof(small)), "ab\\x0a"));
    CHECK(!strcmp(xlu_cfg_escape("x", small, 3), ""));

    /* Messages quote values so: one line each, of bounded length. */
    CHECK(!PARSE("a = 'x\\ny'\n"));
    CHECK(xlu_cfg_get_long(run_config(), "a", &(long){ 0 }, 0) == EINVAL);
    CHECK_OK(report_is("test.cfg:1: 'a' should be a number, not "
                       "'x\\x0ay'\n"));
    return NULL;
}

const struct test_case cfg_cases[] = {
    TEST(escape_for_messages),
    TEST(strings),
    TEST(escapes),
    TEST(escape_errors),
    TEST(numbers),
    TEST(bounded_numbers),
    TEST(bad_numbers),
    TEST(lists),
    TEST(list_errors),
    TEST(layout),
    TEST(repeated_keys),
    TEST(add_settings),
    TEST(line_ends),
    TEST(empty_inputs),
    TEST(syntax_errors),
    TEST(garbage),
    TEST(nul_bytes),
    TEST(huge_inputs),
    TEST(read_files),
    TEST(sources),
    TEST(replace_string),
};
const size_t cfg_ncases = ARRAY_SIZE(cfg_cases);
