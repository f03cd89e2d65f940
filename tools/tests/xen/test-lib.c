/* xen-sources: lib/strtoul.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests of the hypervisor's C-library pieces: lib/string.c and
 * lib/vsnprintf.c against the host C library, and lib/strtoul.c.
 *
 * string.c and vsnprintf.c define memcpy, snprintf and friends.  Linked into
 * a host program those would replace the C library's own (for the harness,
 * the sanitizers and the reference results alike).  So they are not on the
 * xen-sources line: they are compiled into this file, below, with every
 * function renamed to xen_<name> by the preprocessor.  The sources stay
 * free of test hooks, and the renamed copies are the real code, built with
 * the sanitizers like everything else here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

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
#define strlcpy     xen_strlcpy
#define vsnprintf   xen_vsnprintf
#define snprintf    xen_snprintf
#include "../../../xen/lib/string.c"
#include "../../../xen/lib/vsnprintf.c"
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
#undef strlcpy
#undef vsnprintf
#undef snprintf

#define MAXLEN      300
#define MAXOFF      16

/* Deterministic pseudo-random numbers (xorshift64), so failures repeat. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void fill_random(unsigned char *p, size_t n)
{
    while ( n-- )
        *p++ = rnd();
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/*
 * Buffers come from malloc at exactly the size used, the region of interest
 * at their very end, so AddressSanitizer catches any access past it.
 */
static unsigned char *alloc_at_end(size_t off, size_t len)
{
    unsigned char *p = malloc(off + len ? off + len : 1);

    fill_random(p, off + len);
    return p;
}

/* ---- string.c ---------------------------------------------------------- */

TEST(memcpy)
{
    size_t so, d_o, len;

    for ( so = 0; so < MAXOFF; so++ )
        for ( d_o = 0; d_o < MAXOFF; d_o++ )
            for ( len = 0; len <= MAXLEN; len++ ) {
                unsigned char *src = alloc_at_end(so, len);
                unsigned char *dst = alloc_at_end(d_o, len);
                unsigned char *exp = malloc(d_o + len + 1);
                void *ret;

                memcpy(exp, dst, d_o + len);
                memcpy(exp + d_o, src + so, len);
                ret = xen_memcpy(dst + d_o, src + so, len);
                CHECK(ret == dst + d_o);
                CHECK(!memcmp(dst, exp, d_o + len));
                free(src);
                free(dst);
                free(exp);
                if ( harness_failures )
                    return;
            }
}

/* Overlapping moves in both directions, at every relative alignment. */
TEST(memmove)
{
    enum { SPAN = 2 * MAXLEN + 64 };
    static unsigned char buf[SPAN], exp[SPAN];
    size_t so, d_o, len;

    for ( so = 0; so < 40; so++ )
        for ( d_o = 0; d_o < 40; d_o++ )
        {
            fill_random(buf, SPAN);
            for ( len = 0; len <= MAXLEN; len++ ) {
                void *ret;

                memcpy(exp, buf, SPAN);
                memmove(exp + d_o, exp + so, len);
                ret = xen_memmove(buf + d_o, buf + so, len);
                CHECK(ret == buf + d_o);
                CHECK(!memcmp(buf, exp, SPAN));
                if ( harness_failures )
                    return;
            }
        }

    /* Far apart (no overlap), and exactly adjacent. */
    for ( len = 0; len <= MAXLEN; len++ ) {
        fill_random(buf, SPAN);
        memcpy(exp, buf, SPAN);
        memmove(exp + MAXLEN, exp + 3, len);
        xen_memmove(buf + MAXLEN, buf + 3, len);
        CHECK(!memcmp(buf, exp, SPAN));
        memmove(exp + 1, exp + 1 + len, len);
        xen_memmove(buf + 1, buf + 1 + len, len);
        CHECK(!memcmp(buf, exp, SPAN));
    }

    /* Exact-size buffers, for the sanitizer. */
    for ( len = 0; len <= MAXLEN; len++ ) {
        unsigned char *p = alloc_at_end(0, len + 9);

        memcpy(exp, p, len + 9);
        memmove(exp + 9, exp, len);
        xen_memmove(p + 9, p, len);
        CHECK(!memcmp(p, exp, len + 9));
        memmove(exp, exp + 9, len);
        xen_memmove(p, p + 9, len);
        CHECK(!memcmp(p, exp, len + 9));
        free(p);
    }
}

TEST(memset)
{
    static const int values[] = { 0, 0xff, 0x5a, -1, 0x1234, 0x80, -200 };
    size_t off, len, v;

    for ( v = 0; v < sizeof(values) / sizeof(values[0]); v++ )
        for ( off = 0; off < MAXOFF; off++ )
            for ( len = 0; len <= MAXLEN; len++ ) {
                unsigned char *p = alloc_at_end(off, len);
                unsigned char *exp = malloc(off + len + 1);

                memcpy(exp, p, off + len);
                memset(exp + off, values[v], len);
                CHECK(xen_memset(p + off, values[v], len) == p + off);
                CHECK(!memcmp(p, exp, off + len));
                free(p);
                free(exp);
                if ( harness_failures )
                    return;
            }
}

TEST(memcmp)
{
    size_t ao, bo, len;

    for ( ao = 0; ao < MAXOFF; ao++ )
        for ( bo = 0; bo < MAXOFF; bo++ )
            for ( len = 0; len <= MAXLEN; len++ ) {
                unsigned char *a = alloc_at_end(ao, len);
                unsigned char *b = alloc_at_end(bo, len);
                size_t pos;

                memcpy(b + bo, a + ao, len);
                CHECK_EQ(xen_memcmp(a + ao, b + bo, len), 0);

                /*
                 * One differing byte, at a random place, in both directions
                 * and with bytes above 0x7f (compared as unsigned).
                 */
                if ( len ) {
                    pos = rnd() % len;
                    b[bo + pos] ^= 1 << (rnd() % 8);
                    CHECK_EQ(sign(xen_memcmp(a + ao, b + bo, len)),
                             sign(memcmp(a + ao, b + bo, len)));
                    CHECK_EQ(sign(xen_memcmp(b + bo, a + ao, len)),
                             sign(memcmp(b + bo, a + ao, len)));
                    /* A later difference must not matter. */
                    if ( pos + 1 < len ) {
                        b[bo + len - 1] ^= 0x80;
                        CHECK_EQ(sign(xen_memcmp(a + ao, b + bo, len)),
                                 sign(memcmp(a + ao, b + bo, len)));
                    }
                    CHECK_EQ(xen_memcmp(a + ao, b + bo, pos), 0);
                }
                free(a);
                free(b);
                if ( harness_failures )
                    return;
            }
}

TEST(memchr)
{
    size_t off, len;

    for ( off = 0; off < MAXOFF; off++ )
        for ( len = 0; len <= MAXLEN; len++ ) {
            unsigned char *p = alloc_at_end(off, len);
            int c;

            /* A small alphabet, so bytes are both found and missed. */
            for ( size_t i = 0; i < off + len; i++ )
                p[i] = 0xf0 + rnd() % 16;
            for ( c = 0xee; c <= 0x100; c++ ) {
                CHECK(xen_memchr(p + off, c, len) == memchr(p + off, c, len));
                CHECK(xen_memchr(p + off, c - 0x200, len) ==
                      memchr(p + off, c - 0x200, len));
            }
            free(p);
            if ( harness_failures )
                return;
        }
}

/* A NUL-terminated string of len random non-NUL characters. */
static char *alloc_string(size_t off, size_t len, unsigned int alphabet)
{
    unsigned char *p = alloc_at_end(off, len + 1);
    size_t i;

    for ( i = 0; i < len; i++ )
        p[off + i] = alphabet ? 'a' + rnd() % alphabet : 1 + rnd() % 255;
    p[off + len] = '\0';
    return (char *)p;
}

TEST(strlen)
{
    size_t off, len;

    for ( off = 0; off < MAXOFF; off++ )
        for ( len = 0; len <= MAXLEN; len++ ) {
            char *p = alloc_string(off, len, 0);
            char *s = p + off;

            CHECK_EQ(xen_strlen(s), len);
            CHECK_EQ(xen_strnlen(s, 0), 0);
            CHECK_EQ(xen_strnlen(s, len), len);
            CHECK_EQ(xen_strnlen(s, len + 1), len);
            CHECK_EQ(xen_strnlen(s, SIZE_MAX), len);
            if ( len )
                CHECK_EQ(xen_strnlen(s, len - 1), len - 1);
            free(p);
        }

    /* strnlen must not look past maxlen: here there is no terminator. */
    {
        char *p = malloc(5);

        memcpy(p, "abcde", 5);
        CHECK_EQ(xen_strnlen(p, 5), 5);
        CHECK_EQ(xen_strnlen(p, 3), 3);
        free(p);
    }
}

TEST(strcmp)
{
    unsigned int i;

    for ( i = 0; i < 20000; i++ ) {
        size_t la = rnd() % 40, lb = rnd() % 40;
        unsigned int alphabet = i % 3 ? 2 : 0;   /* 0: all byte values */
        char *a = alloc_string(0, la, alphabet);
        char *b = alloc_string(0, lb, alphabet);
        size_t n = rnd() % 45;

        /* Often make one a prefix of the other. */
        if ( i % 4 == 0 )
            memcpy(b, a, la < lb ? la : lb);
        CHECK_EQ(sign(xen_strcmp(a, b)), sign(strcmp(a, b)));
        CHECK_EQ(sign(xen_strcmp(b, a)), sign(strcmp(b, a)));
        CHECK_EQ(xen_strcmp(a, a), 0);
        CHECK_EQ(sign(xen_strncmp(a, b, n)), sign(strncmp(a, b, n)));
        CHECK_EQ(sign(xen_strncmp(b, a, n)), sign(strncmp(b, a, n)));
        CHECK_EQ(xen_strncmp(a, b, 0), 0);
        free(a);
        free(b);
        if ( harness_failures )
            return;
    }

    /* Characters compare as unsigned. */
    CHECK(xen_strcmp("\x80", "\x7f") > 0);
    CHECK(xen_strncmp("a\xff", "a\x01", 2) > 0);
    CHECK(xen_strcmp("", "a") < 0);
    CHECK_EQ(xen_strncmp("abc", "abd", 2), 0);
    CHECK_EQ(xen_strncmp("abc", "abc", 100), 0);
}

TEST(strchr)
{
    size_t off, len;

    for ( off = 0; off < MAXOFF; off++ )
        for ( len = 0; len <= 100; len++ ) {
            char *p = alloc_string(off, len, 4);
            char *s = p + off;
            int c;

            /* 'a'..'d' occur, 'e' doesn't; 0 finds the terminator. */
            for ( c = 'a'; c <= 'e'; c++ ) {
                CHECK(xen_strchr(s, c) == strchr(s, c));
                CHECK(xen_strrchr(s, c) == strrchr(s, c));
                CHECK(xen_strchr(s, c + 256) == strchr(s, c + 256));
            }
            CHECK(xen_strchr(s, 0) == s + len);
            CHECK(xen_strrchr(s, 0) == s + len);
            free(p);
        }

    /* A char with the top bit set, given as int or as (negative) char. */
    {
        const char *s = "x\xe9y\xe9z";

        CHECK(xen_strchr(s, 0xe9) == s + 1);
        CHECK(xen_strchr(s, (char)0xe9) == s + 1);
        CHECK(xen_strrchr(s, 0xe9) == s + 3);
        CHECK(xen_strrchr(s, (char)0xe9) == s + 3);
    }
}

TEST(strstr)
{
    unsigned int i;

    for ( i = 0; i < 20000; i++ ) {
        char *h = alloc_string(0, rnd() % 30, 2);
        char *n = alloc_string(0, rnd() % 6, 2);

        CHECK(xen_strstr(h, n) == strstr(h, n));
        free(h);
        free(n);
        if ( harness_failures )
            return;
    }

    {
        const char *s = "hello world";

        CHECK(xen_strstr(s, "") == s);
        CHECK(xen_strstr("", "") != NULL);
        CHECK(xen_strstr("", "a") == NULL);
        CHECK(xen_strstr(s, "world") == s + 6);
        CHECK(xen_strstr(s, "worlds") == NULL);
        CHECK(xen_strstr(s, "o") == s + 4);
        CHECK(xen_strstr("aaab", "aab") != NULL);
    }
}

/* glibc has no strlcpy to compare with: check against its definition. */
TEST(strlcpy)
{
    size_t len, size;

    for ( len = 0; len <= 40; len++ )
        for ( size = 0; size <= 45; size++ ) {
            char *src = alloc_string(0, len, 0);
            unsigned char *dst = alloc_at_end(0, size);
            unsigned char *exp = malloc(size + 1);

            memcpy(exp, dst, size);
            if ( size ) {
                size_t n = len < size ? len : size - 1;

                memcpy(exp, src, n);
                exp[n] = '\0';
            }
            CHECK_EQ(xen_strlcpy((char *)dst, src, size), len);
            CHECK(!memcmp(dst, exp, size));
            free(src);
            free(dst);
            free(exp);
        }
}

/* ---- vsnprintf.c ------------------------------------------------------- */

#define CANARY      0xa5
#define OUTSIZE     600

/*
 * Formats with both the host's vsnprintf and ours, into canary-filled
 * buffers, with the full buffer and (if truncations) with every interesting
 * truncation: size 0, 1, 2, one short, exact, one over.  The whole buffers
 * must match, and so must the return values.
 */
static void cmp_vfmt(int line, bool truncations, const char *fmt,
                     va_list args)
{
    static char exp[OUTSIZE], got[OUTSIZE];
    va_list ap;
    int len, e, g;
    size_t sizes[7], nr = 0, i;

    va_copy(ap, args);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);

    sizes[nr++] = OUTSIZE;
    if ( truncations && len + 1 < OUTSIZE ) {
        sizes[nr++] = 0;
        sizes[nr++] = 1;
        sizes[nr++] = 2;
        if ( len > 0 )
            sizes[nr++] = len - 1;
        sizes[nr++] = len;
        sizes[nr++] = len + 1;
    }

    for ( i = 0; i < nr; i++ ) {
        memset(exp, CANARY, sizeof(exp));
        memset(got, CANARY, sizeof(got));
        va_copy(ap, args);
        e = vsnprintf(exp, sizes[i], fmt, ap);
        va_end(ap);
        va_copy(ap, args);
        g = xen_vsnprintf(got, sizes[i], fmt, ap);
        va_end(ap);
        if ( e != g || memcmp(exp, got, sizeof(exp)) ) {
            fprintf(stderr, "  line %d: format \"%s\" size %zu: expected %d "
                    "\"%.*s\", got %d \"%.*s\"\n", line, fmt, sizes[i], e,
                    (int)(sizes[i] < OUTSIZE ? sizes[i] : OUTSIZE), exp, g,
                    (int)(sizes[i] < OUTSIZE ? sizes[i] : OUTSIZE), got);
            harness_failures++;
            break;
        }
    }

    /* A NULL buffer with size 0 only measures. */
    va_copy(ap, args);
    CHECK_EQ(xen_vsnprintf(NULL, 0, fmt, ap), len);
    va_end(ap);
}

/* The compiler checks the arguments against the format... */
static void __attribute__((format(printf, 3, 4)))
cmp_fmt(int line, bool truncations, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    cmp_vfmt(line, truncations, fmt, args);
    va_end(args);
}

/*
 * ...except here: flags that C defines as ignored in some combinations
 * ("%-05d", "%+ d", "%+x") make the compiler warn, but they are exactly
 * what needs testing.
 */
static void cmp_odd(int line, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    cmp_vfmt(line, true, fmt, args);
    va_end(args);
}

#define CMP(...)    cmp_fmt(__LINE__, true, __VA_ARGS__)
#define CMP_ODD(...) cmp_odd(__LINE__, __VA_ARGS__)

TEST(snprintf_table)
{
    char tail[3] = { 'x', 'y', 'z' };   /* no NUL: %.3s must stop */

    CMP_ODD("");
    CMP("plain text");
    CMP("%%");
    CMP("100%% sure %%%%");
    CMP("%d", 0);
    CMP("%d", 42);
    CMP("%d", -42);
    CMP("%d", INT32_MAX);
    CMP("%d", INT32_MIN);
    CMP("%i", -1);
    CMP("%u", 4000000000U);
    CMP("%x", 0xdeadbeefU);
    CMP("%X", 0xdeadbeefU);
    CMP("%o", 0777U);
    CMP("%#o", 0U);
    CMP("%#o", 8U);
    CMP("%#.3o", 8U);
    CMP("%#.0o", 0U);
    CMP("%#x", 0U);
    CMP("%#x", 255U);
    CMP("%#X", 255U);
    CMP("%#10x|", 255U);
    CMP("%#-10x|", 255U);
    CMP("%#010x|", 255U);
    CMP("%#.8x", 255U);
    CMP("%.0d", 0);
    CMP("%.0x", 0U);
    CMP("%5.0d|", 0);
    CMP("%+d %+d", 5, -5);
    CMP("% d % d", 5, -5);
    CMP_ODD("%+ d", 5);
    CMP("%05d", -42);
    CMP_ODD("%-05d|", -42);
    CMP_ODD("%05.3d|", -4);
    CMP_ODD("%+08.5d|", 42);
    CMP("%-+8d|", 42);
    CMP("%hhd %hhu %hhx", 300, 300, -1);
    CMP("%hd %hu %hx", 70000, 70000, -1);
    CMP("%ld %lu %lx", -1L, ~0UL, 0x123456789abcdefUL);
    CMP("%lld %llu %llx", (long long)INT64_MIN, (unsigned long long)UINT64_MAX,
        0x8000000000000000ULL);
    CMP("%zu %zx %zd", (size_t)12345, SIZE_MAX, (ssize_t)-3);
    CMP("%td %tx", (ptrdiff_t)-77, (ptrdiff_t)-1);
    CMP("%jd %ju %jx", INTMAX_MIN, UINTMAX_MAX, (uintmax_t)48879);
    CMP("%c", 'a');
    CMP("%5c|%-5c|", 'b', 'c');
    CMP("%c%c%c", 'x', 0xe9, '!');
    CMP("%s", "hello");
    CMP("%s", "");
    CMP("%10s|%-10s|", "right", "left");
    CMP("%.3s|", "abcdef");
    CMP("%.0s|", "abcdef");
    CMP("%8.3s|%-8.3s|", "abcdef", "abcdef");
    CMP("%.3s", tail);
    CMP("%.*s", 2, tail);
    CMP("%*d|", 6, 42);
    CMP("%-*d|", 6, 42);
    CMP("%*d|", -6, 42);
    CMP("%.*d|", 4, 42);
    CMP("%.*d|", -4, 42);
    CMP("%*.*d|", 8, 4, -42);
    CMP("%*.*s|", -8, 2, "abc");
    CMP("%.*s|", -2, "abc");
    CMP("%*c|", 3, 'q');
    CMP("%0*d|", 7, -3);
    CMP("%50d|", 1);
    CMP("%-50s|", "pad");
    CMP("%.40d", 123);
    CMP("%.40x", 123U);
    CMP("x=%d y=%s z=%c %% %5.2x|%-8o|%lu", 1, "two", '3', 4U, 5U, 6UL);
    CMP("%s%s%s%s", "a", "", "bc", "def");
    CMP("%llo", ~0ULL);
    CMP("%#llo %#llx", ~0ULL, ~0ULL);
    CMP("%hhd %hhd", 128, 255);
    CMP("%hd", 32768);
    CMP_ODD("%-0+ #5x|", 10U);
    CMP_ODD("%00005d|", 3);
    CMP_ODD("%0-5d|", 3);
    CMP_ODD("%- 5d|", 3);
    CMP("%3d|%-3d|%03d|", 12345, 12345, 12345);
}

/*
 * Every combination of flags, width, precision, length modifier and
 * conversion, with values at the edges of each type.  '#' is left out for
 * d, i and u, where C leaves it undefined.
 */
TEST(snprintf_combinations)
{
    static const char flag_chars[] = "-0+ #";
    static const char *const widths[] = { "", "1", "6", "23" };
    static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".25" };
    static const char *const lens[] = { "hh", "h", "", "l", "ll", "z", "t",
                                        "j" };
    static const char convs[] = "diuoxX";
    static const unsigned long long values[] = {
        0, 1, 7, 8, 9, 10, 15, 16, 127, 128, 255, 256, 32767, 32768, 65535,
        65536, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL,
        0x123456789abcdef0ULL, 0x7fffffffffffffffULL,
        0x8000000000000000ULL, ~0ULL, -2ULL, -128ULL, -129ULL, -32768ULL,
        -2147483648ULL, 1000000007ULL,
    };
    unsigned int flags, w, p, l, c, v, count = 0;
    char fmt[32];

    for ( c = 0; convs[c]; c++ )
    for ( flags = 0; flags < 32; flags++ ) {
        char fl[6], *f = fl;
        unsigned int b;
        bool is_signed = convs[c] == 'd' || convs[c] == 'i';

        if ( (flags & 16) && (is_signed || convs[c] == 'u') )
            continue;
        for ( b = 0; b < 5; b++ )
            if ( flags & (1u << b) )
                *f++ = flag_chars[b];
        *f = '\0';

        for ( w = 0; w < sizeof(widths) / sizeof(widths[0]); w++ )
        for ( p = 0; p < sizeof(precs) / sizeof(precs[0]); p++ )
        for ( l = 0; l < sizeof(lens) / sizeof(lens[0]); l++ ) {
            snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", fl, widths[w],
                     precs[p], lens[l], convs[c]);
            for ( v = 0; v < sizeof(values) / sizeof(values[0]); v++ ) {
                unsigned long long x = values[v];
                /* Truncation checks on a sample: they are slower. */
                bool t = !(count++ % 53);

                switch ( l ) {
                case 0: case 1: case 2:
                    if ( is_signed )
                        cmp_fmt(__LINE__, t, fmt, (int)x);
                    else
                        cmp_fmt(__LINE__, t, fmt, (unsigned int)x);
                    break;
                case 3:
                    if ( is_signed )
                        cmp_fmt(__LINE__, t, fmt, (long)x);
                    else
                        cmp_fmt(__LINE__, t, fmt, (unsigned long)x);
                    break;
                case 4:
                    if ( is_signed )
                        cmp_fmt(__LINE__, t, fmt, (long long)x);
                    else
                        cmp_fmt(__LINE__, t, fmt, x);
                    break;
                case 5:
                    if ( is_signed )
                        cmp_fmt(__LINE__, t, fmt, (ssize_t)x);
                    else
                        cmp_fmt(__LINE__, t, fmt, (size_t)x);
                    break;
                case 6:
                    if ( is_signed )
                        cmp_fmt(__LINE__, t, fmt, (ptrdiff_t)x);
                    else
                        cmp_fmt(__LINE__, t, fmt, (size_t)x);
                    break;
                case 7:
                    if ( is_signed )
                        cmp_fmt(__LINE__, t, fmt, (intmax_t)x);
                    else
                        cmp_fmt(__LINE__, t, fmt, (uintmax_t)x);
                    break;
                }
                if ( harness_failures > 10 )
                    return;
            }
        }
    }
}

/* Where we differ from glibc on purpose: compare against fixed strings. */
static void check_fmt(int line, const char *expect, int expect_ret,
                      const char *fmt, ...)
{
    char buf[OUTSIZE];
    va_list args;
    int ret;

    va_start(args, fmt);
    ret = xen_vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    if ( ret != expect_ret || strcmp(buf, expect) ) {
        fprintf(stderr, "  line %d: format \"%s\": expected %d \"%s\", "
                "got %d \"%s\"\n", line, fmt, expect_ret, expect, ret, buf);
        harness_failures++;
    }
}

#define CHECK_FMT(expect, ...) \
    check_fmt(__LINE__, expect, (int)strlen(expect), __VA_ARGS__)

/* xen_snprintf without the compiler's opinion of absurd widths. */
static int xfmt(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int ret;

    va_start(args, fmt);
    ret = xen_vsnprintf(buf, size, fmt, args);
    va_end(args);
    return ret;
}

TEST(snprintf_xen)
{
    char buf[16];
    int n = 12345;

    /* %p: 0x and 16 hex digits, NULL included. */
    CHECK_FMT("0x0000000000001234", "%p", (void *)0x1234);
    CHECK_FMT("0x0000000000000000", "%p", NULL);
    CHECK_FMT("0xffff800000201000", "%p", (void *)0xffff800000201000UL);
    CHECK_FMT("  0x00000000000000ab|", "%20p|", (void *)0xab);
    CHECK_FMT("0x00000000000000ab  |", "%-20p|", (void *)0xab);
    CHECK_FMT("0x00000000000000ab", "%05p", (void *)0xab);

    /* NULL strings print "(null)", cut by the precision like any other. */
    CHECK_FMT("(null)", "%s", (char *)NULL);
    CHECK_FMT("  (null)|", "%8s|", (char *)NULL);
    CHECK_FMT("(nu", "%.3s", (char *)NULL);

    /* Unknown conversions, %n included, are copied and take no argument. */
    CHECK_FMT("a%yb", "a%yb");
    CHECK_FMT("%n 5", "%n %d", 5);
    CHECK_EQ(n, 12345);
    CHECK_FMT("%-5n", "%-5n");
    CHECK_FMT("%lq 7", "%lq %d", 7);
    CHECK_FMT("abc%", "abc%");
    CHECK_FMT("abc%-5", "abc%-5");
    CHECK_FMT("%", "%");

    /* An embedded NUL from %c still counts. */
    CHECK_EQ(xen_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
    CHECK(buf[0] == 'a' && buf[1] == '\0' && buf[2] == 'b' && buf[3] == '\0');

    /* Huge widths are counted, not produced; the result saturates. */
    memset(buf, CANARY, sizeof(buf));
    CHECK_EQ(xfmt(buf, 8, "%*d", 100000000, 7), 100000000);
    CHECK(!strcmp(buf, "       "));
    CHECK((unsigned char)buf[8] == CANARY);
    CHECK_EQ(xfmt(buf, 8, "%*d%*d%*d", 0x7fffffff, 1, 0x7fffffff, 1,
                  0x7fffffff, 1), 0x7fffffff);
    CHECK_EQ(xfmt(NULL, 0, "%2000000000d", 1), 2000000000);
    CHECK_EQ(xfmt(NULL, 0, "%99999999999d", 1), 0x7fffffff);

    /* size 0 leaves the buffer alone, size 1 just terminates. */
    memset(buf, CANARY, sizeof(buf));
    CHECK_EQ(xen_snprintf(buf, 0, "hello"), 5);
    CHECK((unsigned char)buf[0] == CANARY);
    CHECK_EQ(xen_snprintf(buf, 1, "hello"), 5);
    CHECK(buf[0] == '\0' && (unsigned char)buf[1] == CANARY);
}

/* ---- strtoul.c --------------------------------------------------------- */

static void check_strtoull(int line, const char *s, unsigned int base,
                           unsigned long long expect, size_t expect_end)
{
    const char *end = NULL;
    unsigned long long v = simple_strtoull(s, &end, base);

    if ( v != expect || end != s + expect_end ) {
        fprintf(stderr, "  line %d: simple_strtoull(\"%s\", %u) = %llu end "
                "+%td, expected %llu end +%zu\n", line, s, base, v, end - s,
                expect, expect_end);
        harness_failures++;
    }
}

#define STRTOULL(s, base, v, end) check_strtoull(__LINE__, s, base, v, end)

TEST(simple_strtoull)
{
    STRTOULL("0", 0, 0, 1);
    STRTOULL("123", 0, 123, 3);
    STRTOULL("123abc", 10, 123, 3);
    STRTOULL("0x1f", 0, 31, 4);
    STRTOULL("0X1F", 0, 31, 4);
    STRTOULL("0x1fg", 0, 31, 4);
    STRTOULL("017", 0, 15, 3);
    STRTOULL("018", 0, 1, 2);
    STRTOULL("09", 0, 0, 1);
    STRTOULL("0x", 0, 0, 1);            /* "0", then "x" */
    STRTOULL("0xg", 0, 0, 1);
    STRTOULL("0x", 16, 0, 1);
    STRTOULL("0x10", 16, 16, 4);
    STRTOULL("ff", 16, 255, 2);
    STRTOULL("FfZ", 16, 255, 2);
    STRTOULL("0x10", 10, 0, 1);
    STRTOULL("777", 8, 511, 3);
    STRTOULL("1010102", 2, 42, 6);
    STRTOULL("zz", 36, 36 * 35 + 35, 2);
    STRTOULL("", 0, 0, 0);
    STRTOULL("abc", 10, 0, 0);
    STRTOULL("-1", 0, 0, 0);            /* no sign */
    STRTOULL("+1", 0, 0, 0);
    STRTOULL(" 1", 0, 0, 0);            /* no leading space */
    STRTOULL("12", 1, 0, 0);            /* bad bases parse nothing */
    STRTOULL("12", 37, 0, 0);
    STRTOULL("18446744073709551615", 0, ~0ULL, 20);
    STRTOULL("0xffffffffffffffff", 0, ~0ULL, 18);
    STRTOULL("01777777777777777777777", 0, ~0ULL, 23);
    STRTOULL("18446744073709551616", 0, ~0ULL, 20);     /* saturates */
    STRTOULL("99999999999999999999999x", 0, ~0ULL, 23);
    STRTOULL("0x10000000000000000", 0, ~0ULL, 19);
    STRTOULL("\xff" "1", 0, 0, 0);

    /* endp may be NULL. */
    CHECK_EQ(simple_strtoull("42", NULL, 0), 42);
}

static void check_size(int line, const char *s, unsigned long long expect,
                       size_t expect_end)
{
    const char *end = NULL;
    unsigned long long v = parse_size_and_unit(s, &end);

    if ( v != expect || end != s + expect_end ) {
        fprintf(stderr, "  line %d: parse_size_and_unit(\"%s\") = %llu end "
                "+%td, expected %llu end +%zu\n", line, s, v, end - s,
                expect, expect_end);
        harness_failures++;
    }
}

#define SIZE(s, v, end) check_size(__LINE__, s, v, end)

TEST(parse_size_and_unit)
{
    SIZE("1B", 1, 2);
    SIZE("100b", 100, 4);
    SIZE("1K", 1024, 2);
    SIZE("4k", 4096, 2);
    SIZE("512M", 512ULL << 20, 4);
    SIZE("3m", 3ULL << 20, 2);
    SIZE("2G", 2ULL << 30, 2);
    SIZE("5g", 5ULL << 30, 2);
    SIZE("1T", 1ULL << 40, 2);
    SIZE("7t", 7ULL << 40, 2);
    SIZE("0x10M", 16ULL << 20, 5);
    SIZE("010K", 8 << 10, 4);           /* base 0: octal, as in Xen */
    SIZE("524288", 512ULL << 20, 6);    /* no suffix: KiB */
    SIZE("1", 1024, 1);
    SIZE("0", 0, 1);
    SIZE("1X", 1024, 1);                /* not a suffix: KiB, stop at X */
    SIZE("1Mx", 1ULL << 20, 2);
    SIZE("1,2", 1024, 1);
    SIZE("50%", 50, 2);                 /* unscaled, end at the '%' */
    SIZE("", 0, 0);
    SIZE("M", 0, 0);                    /* no number: nothing consumed */
    SIZE("-1M", 0, 0);
    SIZE("16777215T", 16777215ULL << 40, 9);
    SIZE("16777216T", ~0ULL, 9);        /* 2^64: saturates */
    SIZE("18014398509481984", ~0ULL, 17);   /* 2^54 KiB */
    SIZE("18446744073709551615B", ~0ULL, 21);
    SIZE("99999999999999999999G", ~0ULL, 21);

    CHECK_EQ(parse_size_and_unit("2M", NULL), 2 << 20);
}

TESTS(T(memcpy), T(memmove), T(memset), T(memcmp), T(memchr), T(strlen),
      T(strcmp), T(strchr), T(strstr), T(strlcpy), T(snprintf_table),
      T(snprintf_combinations), T(snprintf_xen), T(simple_strtoull),
      T(parse_size_and_unit))
