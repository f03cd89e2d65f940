/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Character classes for the "C" locale, ASCII only.  Inline functions rather
 * than a lookup table: the few callers (number and command-line parsing)
 * are not hot, and this keeps the header self-contained.  Like the C
 * library's, each takes an int holding an unsigned char value (or EOF-like
 * negatives, which are in no class).
 */
#ifndef XEN_CTYPE_H
#define XEN_CTYPE_H

static inline int isdigit(int c)  { return c >= '0' && c <= '9'; }
static inline int isupper(int c)  { return c >= 'A' && c <= 'Z'; }
static inline int islower(int c)  { return c >= 'a' && c <= 'z'; }
static inline int isalpha(int c)  { return isupper(c) || islower(c); }
static inline int isalnum(int c)  { return isalpha(c) || isdigit(c); }
static inline int iscntrl(int c)  { return (c >= 0 && c < 0x20) || c == 0x7f; }
static inline int isprint(int c)  { return c >= 0x20 && c < 0x7f; }
static inline int isgraph(int c)  { return c > 0x20 && c < 0x7f; }
static inline int ispunct(int c)  { return isgraph(c) && !isalnum(c); }

static inline int isxdigit(int c)
{
    return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ' ', '\t', '\n', '\v', '\f', '\r' */
static inline int isspace(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int tolower(int c)  { return isupper(c) ? c - 'A' + 'a' : c; }
static inline int toupper(int c)  { return islower(c) ? c - 'a' + 'A' : c; }

#endif /* XEN_CTYPE_H */
