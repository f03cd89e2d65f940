/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vsnprintf/snprintf for the hypervisor: C99 integer, character and string
 * conversions, no floating point.
 *
 * Supported: %d %i %u %o %x %X %c %s %p %%, the flags - 0 + space #, field
 * width and precision (either may be *), and the length modifiers hh h l ll
 * z t j.  %p prints "0x" and 16 hex digits, as Xen does on 64-bit.  A NULL
 * %s argument prints "(null)" (cut by the precision like any string).
 *
 * %n is deliberately not supported: it writes through a pointer taken from
 * the argument list.  It, and any other unknown conversion, is copied to the
 * output as written and takes no argument of its own.
 *
 * The return value is the length the full output would have had (C99), so
 * truncation shows as a result >= size; when size > 0 the output is always
 * NUL-terminated.
 */
#include <xen/ctype.h>
#include <xen/lib.h>

#ifndef INT_MAX     /* <limits.h> isn't freestanding-safe with -nostdinc */
#define INT_MAX __INT_MAX__
#endif

#define F_LEFT      0x01    /* '-': pad on the right */
#define F_ZERO      0x02    /* '0': pad numbers with zeros */
#define F_PLUS      0x04    /* '+': always print a sign */
#define F_SPACE     0x08    /* ' ': space where a '+' would go */
#define F_ALT       0x10    /* '#': 0 prefix for %o, 0x for %x */

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
    unsigned int flags;
    unsigned int width;
    int prec;               /* < 0: none given */
    enum length len;
};

/* Where output goes: buf[0..size-1]; len counts everything produced. */
struct out {
    char *buf;
    size_t size;
    size_t len;
};

/* Room left for characters, keeping one byte for the terminator. */
static size_t out_room(const struct out *o)
{
    return o->len + 1 < o->size ? o->size - 1 - o->len : 0;
}

static void out_mem(struct out *o, const char *s, size_t n)
{
    size_t room = out_room(o), i;

    for ( i = 0; i < n && i < room; i++ )
        o->buf[o->len + i] = s[i];
    o->len += n;
}

/* Counts without looping over what doesn't fit: widths can be huge. */
static void out_fill(struct out *o, char c, size_t n)
{
    size_t room = out_room(o), i;

    for ( i = 0; i < n && i < room; i++ )
        o->buf[o->len + i] = c;
    o->len += n;
}

static void out_char(struct out *o, char c)
{
    out_mem(o, &c, 1);
}

/*
 * Emit one field: [spaces] prefix [zeros] body [spaces], the padding
 * making it at least sp->width wide.  Callers that allow zero padding say
 * so with F_ZERO; it is the caller's job to drop it where C says to.
 */
static void out_field(struct out *o, const struct spec *sp, const char *prefix,
                      size_t zeros, const char *body, size_t n)
{
    size_t plen = strlen(prefix);
    size_t total = plen + zeros + n;
    size_t pad = sp->width > total ? sp->width - total : 0;

    if ( !(sp->flags & F_LEFT) && !(sp->flags & F_ZERO) )
        out_fill(o, ' ', pad);
    out_mem(o, prefix, plen);
    if ( !(sp->flags & F_LEFT) && (sp->flags & F_ZERO) )
        out_fill(o, '0', pad);
    out_fill(o, '0', zeros);
    out_mem(o, body, n);
    if ( sp->flags & F_LEFT )
        out_fill(o, ' ', pad);
}

/*
 * An integer conversion.  The digits are formed right to left in tmp (22
 * octal digits is the most a 64-bit value needs).
 */
static void out_number(struct out *o, struct spec sp, unsigned long long v,
                       bool negative, bool is_signed, unsigned int base,
                       bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24], *end = tmp + sizeof(tmp), *p = end;
    const char *prefix = "";
    unsigned int prec = sp.prec < 0 ? 1 : sp.prec;
    size_t n, zeros;

    for ( ; v; v /= base )
        *--p = digits[v % base];
    n = end - p;
    zeros = prec > n ? prec - n : 0;

    if ( is_signed ) {
        if ( negative )
            prefix = "-";
        else if ( sp.flags & F_PLUS )
            prefix = "+";
        else if ( sp.flags & F_SPACE )
            prefix = " ";
    } else if ( sp.flags & F_ALT ) {
        /*
         * "%#o" guarantees a leading 0: the digits never start with one, so
         * add one unless the precision already did.  "%#x" prefixes 0x to
         * non-zero values only.
         */
        if ( base == 8 && !zeros )
            zeros = 1;
        else if ( base == 16 && n )
            prefix = upper ? "0X" : "0x";
    }

    /* With a precision, '0' is ignored: the precision says how many. */
    if ( sp.prec >= 0 )
        sp.flags &= ~F_ZERO;
    out_field(o, &sp, prefix, zeros, p, n);
}

static void out_string(struct out *o, struct spec sp, const char *s)
{
    if ( !s )
        s = "(null)";
    sp.flags &= ~F_ZERO;
    out_field(o, &sp, "", 0, s, sp.prec < 0 ? strlen(s) : strnlen(s, sp.prec));
}

static void out_pointer(struct out *o, struct spec sp, const void *ptr)
{
    char tmp[2 * sizeof(void *)];
    uintptr_t v = (uintptr_t)ptr;
    unsigned int i;

    for ( i = sizeof(tmp); i--; v >>= 4 )
        tmp[i] = "0123456789abcdef"[v & 0xf];
    sp.flags &= ~F_ZERO;
    out_field(o, &sp, "0x", 0, tmp, sizeof(tmp));
}

/* Reads a decimal field width or precision, saturating at INT_MAX. */
static unsigned int parse_decimal(const char **fmt)
{
    unsigned int v = 0, d;

    for ( ; isdigit(**fmt); (*fmt)++ ) {
        d = **fmt - '0';
        v = v <= (INT_MAX - d) / 10 ? v * 10 + d : INT_MAX;
    }
    return v;
}

static unsigned int parse_flags(const char **fmt)
{
    unsigned int flags = 0;

    for ( ;; (*fmt)++ ) {
        switch ( **fmt ) {
        case '-': flags |= F_LEFT; break;
        case '0': flags |= F_ZERO; break;
        case '+': flags |= F_PLUS; break;
        case ' ': flags |= F_SPACE; break;
        case '#': flags |= F_ALT; break;
        default: return flags;
        }
    }
}

static enum length parse_length(const char **fmt)
{
    const char *f = *fmt;
    enum length len;

    switch ( *f ) {
    case 'h':
        if ( f[1] == 'h' ) {
            f++;
            len = LEN_HH;
        } else
            len = LEN_H;
        break;
    case 'l':
        if ( f[1] == 'l' ) {
            f++;
            len = LEN_LL;
        } else
            len = LEN_L;
        break;
    case 'z': len = LEN_Z; break;
    case 't': len = LEN_T; break;
    case 'j': len = LEN_J; break;
    default: return LEN_NONE;
    }
    *fmt = f + 1;
    return len;
}

/*
 * The va_arg calls take a va_list pointer to a local copy: a va_list
 * parameter may be an array type that doesn't survive being passed on.
 */
static long long arg_signed(va_list *ap, enum length len)
{
    switch ( len ) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:  return va_arg(*ap, ssize_t);
    case LEN_T:  return va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, intmax_t);
    default:     return va_arg(*ap, int);
    }
}

static unsigned long long arg_unsigned(va_list *ap, enum length len)
{
    switch ( len ) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    case LEN_T:  return (size_t)va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, uintmax_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

/*
 * Parses one conversion specification, fmt pointing just past its '%', and
 * emits it.  Returns where the format continues.
 */
static const char *convert(struct out *o, const char *fmt, va_list *ap)
{
    const char *start = fmt - 1;
    struct spec sp = { .prec = -1 };
    long long sv;

    sp.flags = parse_flags(&fmt);

    if ( *fmt == '*' ) {
        int w = va_arg(*ap, int);

        /* A negative width argument is a '-' flag and a positive width. */
        if ( w < 0 ) {
            sp.flags |= F_LEFT;
            sp.width = -(unsigned int)w;
        } else
            sp.width = w;
        fmt++;
    } else
        sp.width = parse_decimal(&fmt);

    if ( *fmt == '.' ) {
        fmt++;
        if ( *fmt == '*' ) {
            sp.prec = va_arg(*ap, int);     /* negative: as if omitted */
            if ( sp.prec < 0 )
                sp.prec = -1;
            fmt++;
        } else
            sp.prec = parse_decimal(&fmt);
    }

    /* '-' overrides '0', and '+' overrides ' '. */
    if ( sp.flags & F_LEFT )
        sp.flags &= ~F_ZERO;
    if ( sp.flags & F_PLUS )
        sp.flags &= ~F_SPACE;

    sp.len = parse_length(&fmt);

    switch ( *fmt ) {
    case 'd':
    case 'i':
        sv = arg_signed(ap, sp.len);
        /* Negate in unsigned arithmetic: -LLONG_MIN overflows. */
        out_number(o, sp, sv < 0 ? 0ULL - (unsigned long long)sv
                                : (unsigned long long)sv,
                   sv < 0, true, 10, false);
        break;
    case 'u':
        out_number(o, sp, arg_unsigned(ap, sp.len), false, false, 10, false);
        break;
    case 'o':
        out_number(o, sp, arg_unsigned(ap, sp.len), false, false, 8, false);
        break;
    case 'x':
    case 'X':
        out_number(o, sp, arg_unsigned(ap, sp.len), false, false, 16,
                   *fmt == 'X');
        break;
    case 'c': {
        char c = va_arg(*ap, int);

        sp.flags &= ~F_ZERO;
        sp.prec = -1;
        out_field(o, &sp, "", 0, &c, 1);
        break;
    }
    case 's':
        out_string(o, sp, va_arg(*ap, const char *));
        break;
    case 'p':
        out_pointer(o, sp, va_arg(*ap, const void *));
        break;
    case '%':
        out_char(o, '%');
        break;
    case '\0':
        /* A lone '%' at the very end: print it, and stop at the NUL. */
        out_mem(o, start, fmt - start);
        return fmt;
    default:
        out_mem(o, start, fmt + 1 - start);
        break;
    }
    return fmt + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size };
    va_list ap;

    va_copy(ap, args);
    while ( *fmt ) {
        const char *pct = strchr(fmt, '%');
        size_t n = pct ? (size_t)(pct - fmt) : strlen(fmt);

        out_mem(&o, fmt, n);
        if ( !pct )
            break;
        fmt = convert(&o, pct + 1, &ap);
    }
    va_end(ap);

    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';

    /* C99 would fail with EOVERFLOW; a saturated length is safer to use. */
    return o.len > INT_MAX ? INT_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int ret;

    va_start(args, fmt);
    ret = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return ret;
}
