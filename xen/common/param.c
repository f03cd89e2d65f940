/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor command-line parsing.  The options themselves are declared all
 * over the tree with the macros in <xen/param.h>; this walks the table they
 * form and applies each "name[=value]" token of the command line to it.
 *
 * Nothing here is fatal: a bad command line must still boot, so problems
 * are reported with a warning and the option keeps its default.
 */
#include <xen/ctype.h>
#include <xen/lib.h>
#include <xen/param.h>

#ifndef ULLONG_MAX  /* <limits.h> isn't freestanding-safe with -nostdinc */
#define ULLONG_MAX (~0ULL)
#endif

/* Bounds of the table, from the linker script (or ld, for orphans). */
extern const struct kernel_param __start_xen_params[], __stop_xen_params[];

/*
 * Longest "name=value" token, with its NUL.  Tokens are copied to the stack
 * to NUL-terminate the value; longer ones are rejected, not truncated, since
 * half a value could mean something else.
 */
#define MAX_TOKEN       256

#define SAVED_CMDLINE   1024    /* XENVER_commandline's size */

static char saved[SAVED_CMDLINE];

const char *saved_cmdline(void)
{
    return saved;
}

/*
 * Keep a copy, for the guest-visible version information.  When it doesn't
 * fit, cut it before the option that would overflow rather than in the
 * middle of it.
 */
static void save_cmdline(const char *cmdline)
{
    size_t len = strnlen(cmdline, sizeof(saved));

    if ( len == sizeof(saved) ) {
        len--;
        if ( !isspace(cmdline[len]) )
            while ( len && !isspace(cmdline[len - 1]) )
                len--;
        while ( len && isspace(cmdline[len - 1]) )
            len--;
    }
    memcpy(saved, cmdline, len);
    saved[len] = '\0';
}

/* Option names are equal if they differ only in '-' versus '_'. */
static bool name_char_eq(char a, char b)
{
    return a == b || ((a == '-' || a == '_') && (b == '-' || b == '_'));
}

static bool names_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i;

    if ( alen != blen )
        return false;
    for ( i = 0; i < alen; i++ )
        if ( !name_char_eq(a[i], b[i]) )
            return false;
    return true;
}

static bool param_is(const struct kernel_param *kp, const char *name,
                     size_t len)
{
    return names_equal(kp->name, strlen(kp->name), name, len);
}

/* "no-" or "no_" (the two are equal in names, so in the prefix too). */
static bool has_no_prefix(const char *s, size_t len)
{
    return len > 3 && s[0] == 'n' && s[1] == 'o' && name_char_eq(s[2], '-');
}

/* The next space-separated token: its start and length, or NULL at the end. */
static const char *next_token(const char **pos, size_t *len)
{
    const char *s = *pos, *e;

    while ( isspace(*s) )
        s++;
    if ( !*s )
        return NULL;
    for ( e = s; *e && !isspace(*e); e++ )
        ;
    *pos = e;
    *len = e - s;
    return s;
}

/* The length of the name part of "name[=value]". */
static size_t name_len(const char *tok, size_t len)
{
    const char *eq = memchr(tok, '=', len);

    return eq ? (size_t)(eq - tok) : len;
}

int parse_bool(const char *s, const char *e)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    size_t len = e ? (size_t)(e - s) : strlen(s);
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(yes); i++ ) {
        if ( strlen(yes[i]) == len && !strncmp(s, yes[i], len) )
            return 1;
        if ( strlen(no[i]) == len && !strncmp(s, no[i], len) )
            return 0;
    }
    return -1;
}

int parse_boolean(const char *name, const char *s, const char *e)
{
    size_t len = e ? (size_t)(e - s) : strlen(s);
    size_t nlen = name_len(s, len);
    bool negated = false;
    int val;

    if ( has_no_prefix(s, nlen) && !names_equal(s, nlen, name, strlen(name)) ) {
        negated = true;
        s += 3;
        len -= 3;
        nlen -= 3;
    }
    if ( !names_equal(s, nlen, name, strlen(name)) )
        return -1;
    if ( nlen == len )
        return !negated;

    val = parse_bool(s + nlen + 1, s + len);
    if ( val < 0 )
        return -1;
    return negated ? !val : val;
}

/* Stores v in an unsigned variable of the given size, if it fits. */
static bool store_uint(void *var, unsigned int size, unsigned long long v)
{
    switch ( size ) {
    case 1:
        if ( v > UINT8_MAX )
            return false;
        *(uint8_t *)var = v;
        return true;
    case 2:
        if ( v > UINT16_MAX )
            return false;
        *(uint16_t *)var = v;
        return true;
    case 4:
        if ( v > UINT32_MAX )
            return false;
        *(uint32_t *)var = v;
        return true;
    case 8:
        *(uint64_t *)var = v;
        return true;
    default:
        return false;
    }
}

static void warn_bad_value(const char *name, const char *val, const char *why)
{
    printk(XENLOG_WARNING "Bad value '%s' for command line option '%s' (%s), "
           "ignored\n", val, name, why);
}

/*
 * Applies one option.  opt is the name as written (with any "no-"), val
 * its value or NULL if there was no '=', negated whether "no-" was taken
 * off to find kp.
 */
static void apply_param(const struct kernel_param *kp, const char *opt,
                        const char *val, bool negated)
{
    unsigned long long v;
    const char *end, *arg;
    int rc;

    /* Only booleans, and custom options without a value, have a "no-". */
    if ( negated && kp->type != PARAM_BOOL &&
         (kp->type != PARAM_CUSTOM || val) ) {
        printk(XENLOG_WARNING "Command line option '%s' cannot be negated, "
               "ignored\n", opt);
        return;
    }

    switch ( kp->type ) {
    case PARAM_BOOL:
        rc = val ? parse_bool(val, NULL) : 1;
        if ( rc < 0 ) {
            warn_bad_value(opt, val, "not a boolean");
            return;
        }
        *(bool *)kp->par.var = negated ? !rc : rc;
        return;

    case PARAM_UINT:
    case PARAM_SIZE:
        if ( !val ) {
            printk(XENLOG_WARNING "Command line option '%s' needs a value, "
                   "ignored\n", opt);
            return;
        }
        if ( kp->type == PARAM_UINT )
            v = simple_strtoull(val, &end, 0);
        else
            v = parse_size_and_unit(val, &end);
        if ( end == val || *end ) {
            warn_bad_value(opt, val, kp->type == PARAM_UINT ? "not a number"
                                                            : "not a size");
            return;
        }
        /*
         * Both parsers saturate on overflow, which store_uint() catches for
         * all but 64-bit variables.  Those take ULLONG_MAX as it comes
         * (it's a valid integer), but no size is that large.
         */
        if ( (kp->type == PARAM_SIZE && v == ULLONG_MAX) ||
             !store_uint(kp->par.var, kp->size, v) )
            warn_bad_value(opt, val, "out of range");
        return;

    case PARAM_STRING:
        if ( !val )
            val = "";
        if ( strlcpy(kp->par.var, val, kp->size) >= kp->size )
            printk(XENLOG_WARNING "Command line option '%s' truncated to "
                   "%u characters\n", opt, kp->size - 1);
        return;

    case PARAM_CUSTOM:
        /* A bare "no-name" reaches the handler as itself. */
        arg = negated ? opt : val ? val : "";
        rc = kp->par.func(arg);
        if ( rc )
            printk(XENLOG_WARNING "Bad value '%s' for command line option "
                   "'%s' (error %d), ignored\n", arg, opt, rc);
        return;
    }
}

/* Applies every parameter called name; returns how many there were. */
static unsigned int apply_all(const char *name, size_t len, const char *opt,
                              const char *val, bool negated)
{
    const struct kernel_param *kp;
    unsigned int found = 0;

    for ( kp = __start_xen_params; kp < __stop_xen_params; kp++ ) {
        if ( param_is(kp, name, len) ) {
            apply_param(kp, opt, val, negated);
            found++;
        }
    }
    return found;
}

/* Whether an option of this name came before tok on the command line. */
static bool seen_before(const char *cmdline, const char *tok, size_t nlen)
{
    const char *pos = cmdline, *t;
    size_t len;

    while ( (t = next_token(&pos, &len)) && t < tok )
        if ( len < MAX_TOKEN && names_equal(t, name_len(t, len), tok, nlen) )
            return true;
    return false;
}

static void parse_token(const char *cmdline, const char *tok, size_t len)
{
    char buf[MAX_TOKEN];
    size_t nlen = name_len(tok, len);
    const char *val = NULL;

    if ( len >= sizeof(buf) ) {
        printk(XENLOG_WARNING "Command line option '%.32s...' too long, "
               "ignored\n", tok);
        return;
    }
    if ( !nlen ) {
        printk(XENLOG_WARNING "Malformed command line option '%.*s' "
               "ignored\n", (int)len, tok);
        return;
    }

    memcpy(buf, tok, len);
    buf[len] = '\0';
    if ( nlen < len ) {
        buf[nlen] = '\0';
        val = buf + nlen + 1;
    }

    if ( apply_all(buf, nlen, buf, val, false) )
        return;
    if ( has_no_prefix(buf, nlen) &&
         apply_all(buf + 3, nlen - 3, buf, val, true) )
        return;

    /* Repeats of an unknown option would only repeat the warning. */
    if ( !seen_before(cmdline, tok, nlen) )
        printk(XENLOG_WARNING "Unknown command line option '%s' ignored\n",
               buf);
}

void cmdline_parse(const char *cmdline)
{
    const char *pos, *tok;
    size_t len;

    if ( !cmdline )
        cmdline = "";
    save_cmdline(cmdline);

    for ( pos = cmdline; (tok = next_token(&pos, &len)); )
        parse_token(cmdline, tok, len);
}
