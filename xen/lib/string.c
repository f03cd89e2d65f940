/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The C library's memory and string functions, for the hypervisor.
 *
 * memcpy, memmove, memset and memcmp move a word at a time when both
 * pointers share the same alignment and the length makes it worthwhile; the
 * rest work byte by byte.  The string functions deliberately never read past
 * the terminating NUL (no word-at-a-time strlen), so the same source can be
 * checked by AddressSanitizer in the host unit tests.
 */
#include <xen/string.h>
#include <xen/types.h>

/*
 * GCC turns loops that behave like memset/memcpy/memmove into calls to
 * those functions, -ffreestanding or not.  Inside their own implementations
 * that would be infinite recursion, so every function here is built without
 * that transformation.  It goes on all of them, not just the three at risk:
 * GCC refuses to inline between functions with different optimisation
 * attributes.  (Clang does not form such calls under -ffreestanding.)
 */
#if defined(__GNUC__) && !defined(__clang__)
#define __no_libcalls __attribute__((__optimize__("no-tree-loop-distribute-patterns")))
#else
#define __no_libcalls
#endif

/* A word that may alias anything, so word accesses to byte buffers are OK. */
typedef unsigned long __attribute__((__may_alias__)) word_t;

#define WORD_SIZE       sizeof(word_t)
#define WORD_MASK       (WORD_SIZE - 1)
#define ONES            (~0UL / 0xff)       /* 0x0101...01 */

/* Below this length the alignment preamble costs more than it saves. */
#define WORDWISE_MIN    (2 * WORD_SIZE)

static inline __no_libcalls bool co_aligned(const void *a, const void *b)
{
    return !(((uintptr_t)a ^ (uintptr_t)b) & WORD_MASK);
}

/*
 * Copy upwards.  Also correct for overlapping buffers with dst below src:
 * each word is read in full before it is written, and the bytes a write
 * clobbers have already been read.
 */
static inline __no_libcalls void copy_up(unsigned char *d,
                                         const unsigned char *s, size_t n)
{
    if ( n >= WORDWISE_MIN && co_aligned(d, s) ) {
        for ( ; (uintptr_t)d & WORD_MASK; n-- )
            *d++ = *s++;
        for ( ; n >= WORD_SIZE; n -= WORD_SIZE ) {
            *(word_t *)d = *(const word_t *)s;
            d += WORD_SIZE;
            s += WORD_SIZE;
        }
    }
    for ( ; n; n-- )
        *d++ = *s++;
}

/* Copy downwards, for overlapping buffers with dst above src. */
static inline __no_libcalls void copy_down(unsigned char *d,
                                           const unsigned char *s, size_t n)
{
    d += n;
    s += n;
    if ( n >= WORDWISE_MIN && co_aligned(d, s) ) {
        for ( ; (uintptr_t)d & WORD_MASK; n-- )
            *--d = *--s;
        for ( ; n >= WORD_SIZE; n -= WORD_SIZE ) {
            d -= WORD_SIZE;
            s -= WORD_SIZE;
            *(word_t *)d = *(const word_t *)s;
        }
    }
    for ( ; n; n-- )
        *--d = *--s;
}

__no_libcalls void *memcpy(void *dst, const void *src, size_t n)
{
    copy_up(dst, src, n);
    return dst;
}

__no_libcalls void *memmove(void *dst, const void *src, size_t n)
{
    /*
     * Unsigned wrap-around makes this true both when dst is below src and
     * when dst starts at or beyond the end of src: copying upwards is safe
     * in both cases.
     */
    if ( (uintptr_t)dst - (uintptr_t)src >= n )
        copy_up(dst, src, n);
    else
        copy_down(dst, src, n);
    return dst;
}

__no_libcalls void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    unsigned char byte = c;

    if ( n >= WORDWISE_MIN ) {
        word_t pattern = byte * ONES;

        for ( ; (uintptr_t)p & WORD_MASK; n-- )
            *p++ = byte;
        for ( ; n >= WORD_SIZE; n -= WORD_SIZE ) {
            *(word_t *)p = pattern;
            p += WORD_SIZE;
        }
    }
    for ( ; n; n-- )
        *p++ = byte;
    return s;
}

__no_libcalls int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    /* Skip equal words quickly; the byte loop then finds the difference. */
    if ( n >= WORDWISE_MIN && co_aligned(p, q) ) {
        for ( ; (uintptr_t)p & WORD_MASK; n--, p++, q++ )
            if ( *p != *q )
                return *p - *q;
        for ( ; n >= WORD_SIZE; n -= WORD_SIZE ) {
            if ( *(const word_t *)p != *(const word_t *)q )
                break;
            p += WORD_SIZE;
            q += WORD_SIZE;
        }
    }
    for ( ; n; n--, p++, q++ )
        if ( *p != *q )
            return *p - *q;
    return 0;
}

__no_libcalls void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    unsigned char byte = c;

    for ( ; n; n--, p++ )
        if ( *p == byte )
            return (void *)p;
    return NULL;
}

__no_libcalls size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;
    return p - s;
}

__no_libcalls size_t strnlen(const char *s, size_t maxlen)
{
    size_t n = 0;

    while ( n < maxlen && s[n] )
        n++;
    return n;
}

/* Characters compare as unsigned char, as the C standard requires. */
__no_libcalls int strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    while ( *p && *p == *q ) {
        p++;
        q++;
    }
    return *p - *q;
}

__no_libcalls int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    for ( ; n; n--, p++, q++ )
        if ( *p != *q || !*p )
            return *p - *q;
    return 0;
}

/* Searching for '\0' finds the terminator, as in the C library. */
__no_libcalls char *strchr(const char *s, int c)
{
    char ch = c;

    for ( ; *s != ch; s++ )
        if ( !*s )
            return NULL;
    return (char *)s;
}

__no_libcalls char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    char ch = c;

    do {
        if ( *s == ch )
            last = s;
    } while ( *s++ );
    return (char *)last;
}

/* Naive search: fine for the short strings the hypervisor looks through. */
__no_libcalls char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *haystack; haystack++ )
        if ( !strncmp(haystack, needle, n) )
            return (char *)haystack;
    return n ? NULL : (char *)haystack;
}

/*
 * Copy at most size - 1 characters and always terminate (if size > 0).
 * Returns strlen(src), so truncation is (return value >= size).
 */
__no_libcalls size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size ) {
        size_t n = len < size ? len : size - 1;

        copy_up((unsigned char *)dst, (const unsigned char *)src, n);
        dst[n] = '\0';
    }
    return len;
}
