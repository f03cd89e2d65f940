/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Number parsing for the command line and device-tree strings.
 *
 * simple_strtoull(cp, endp, base)
 *   Parses an unsigned number in base 2..36, or with base 0 in the base its
 *   prefix says: "0x"/"0X" hexadecimal, a leading "0" octal, otherwise
 *   decimal.  Base 16 also accepts (and skips) a "0x" prefix.  A prefix only
 *   counts when a digit follows it: "0xg" is the number 0 followed by "xg".
 *   No leading whitespace or sign is accepted.  Parsing stops at the first
 *   character that isn't a digit of the base; *endp (if endp isn't NULL) is
 *   left pointing at it, or at cp if there was no number at all (the result
 *   is then 0).  A value too large for 64 bits saturates to ULLONG_MAX; the
 *   digits are still all consumed.
 *
 * parse_size_and_unit(s, endp)
 *   Parses "<number>[suffix]" into bytes, the number as simple_strtoull does
 *   with base 0.  The suffix, as in Xen's command-line documentation:
 *
 *     T/t TiB, G/g GiB, M/m MiB, K/k KiB, B/b bytes
 *     no suffix: KiB (so "dom0_mem=524288" is 512 MiB, as in Xen)
 *
 *   *endp is left after the suffix letter, or at the first character after
 *   the number if there was none.  A '%' suffix (which some options use to
 *   mean a share of something) is not a unit: the plain number is returned,
 *   unscaled, with *endp pointing at the '%' so the caller can tell.  With
 *   no number at all, the result is 0 and *endp == s.  A result too large
 *   for 64 bits saturates to ULLONG_MAX.
 */
#include <xen/ctype.h>
#include <xen/lib.h>

#ifndef ULLONG_MAX  /* <limits.h> isn't freestanding-safe with -nostdinc */
#define ULLONG_MAX (~0ULL)
#endif

/* The value of c as a digit (of any base up to 36), or 36 if it isn't one. */
static unsigned int digit_value(char c)
{
    if ( isdigit(c) )
        return c - '0';
    if ( isalpha(c) )
        return tolower(c) - 'a' + 10;
    return 36;
}

static bool has_hex_prefix(const char *s)
{
    return s[0] == '0' && tolower(s[1]) == 'x' && isxdigit(s[2]);
}

unsigned long long simple_strtoull(const char *cp, const char **endp,
                                   unsigned int base)
{
    const char *p = cp;
    unsigned long long v = 0;
    bool overflow = false;
    unsigned int d;

    if ( base == 0 ) {
        if ( has_hex_prefix(p) )
            base = 16;
        else
            base = p[0] == '0' ? 8 : 10;
    }
    if ( base == 16 && has_hex_prefix(p) )
        p += 2;

    if ( base >= 2 && base <= 36 ) {
        for ( ; (d = digit_value(*p)) < base; p++ ) {
            if ( v > (ULLONG_MAX - d) / base )
                overflow = true;
            else
                v = v * base + d;
        }
    }

    /* Nothing parsed (a prefix is only skipped when a digit follows). */
    if ( p == cp )
        v = 0;
    else if ( overflow )
        v = ULLONG_MAX;

    if ( endp )
        *endp = p;
    return v;
}

/* The power of two a size suffix stands for, or -1 if c isn't one. */
static int unit_shift(char c)
{
    switch ( tolower(c) ) {
    case 't': return 40;
    case 'g': return 30;
    case 'm': return 20;
    case 'k': return 10;
    case 'b': return 0;
    default:  return -1;
    }
}

unsigned long long parse_size_and_unit(const char *s, const char **endp)
{
    const char *p;
    unsigned long long v = simple_strtoull(s, &p, 0);
    int shift;

    if ( p == s || *p == '%' ) {
        if ( endp )
            *endp = p;
        return v;
    }

    shift = unit_shift(*p);
    if ( shift < 0 )
        shift = 10;         /* no suffix: KiB */
    else
        p++;

    if ( endp )
        *endp = p;
    if ( v > (ULLONG_MAX >> shift) )
        return ULLONG_MAX;
    return v << shift;
}
