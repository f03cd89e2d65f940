/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The lexer of xl.cfg.  It follows the token rules of Xen's flex lexer,
 * with friendlier failures: a run of letters and digits is taken whole,
 * so that "256M" or "1.5" is reported as one bad number, and CRLF line
 * ends are accepted.  The text is hostile: it may hold NUL bytes, end
 * anywhere, and be as long as XLU_CFG_MAX_FILE.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_lex.h"

void xlu__lex_init(struct xlu_lexer *lx, const XLU_Config *cfg,
                   const char *source, const char *text, size_t len)
{
    lx->cfg = cfg;
    lx->source = source;
    lx->pos = text;
    lx->end = text + len;
    lx->line = 1;
}

void xlu__lex_error(const struct xlu_lexer *lx, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(lx->cfg->report, "%s:%d: ", lx->source, line);
    va_start(ap, fmt);
    vfprintf(lx->cfg->report, fmt, ap);
    va_end(ap);
    fputc('\n', lx->cfg->report);
}

/* A byte for a message: quoted when printable, else as a number. */
static const char *describe_byte(unsigned char c, char buf[16])
{
    if ( c > ' ' && c < 0x7f )
        snprintf(buf, 16, "'%c'", c);
    else
        snprintf(buf, 16, "byte 0x%02x", c);
    return buf;
}

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static bool is_hex_digit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

static int hex_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    return c - 'A' + 10;
}

/* Keys as xl's lexer has them: a lowercase letter, then [a-z0-9_.]. */
static bool is_valid_key(const char *s, size_t len)
{
    size_t i;

    if ( !(s[0] >= 'a' && s[0] <= 'z') )
        return false;
    for ( i = 1; i < len; i++ )
        if ( !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
               s[i] == '_' || s[i] == '.') )
            return false;
    return true;
}

/*
 * What strtol with base 0 reads whole, without a sign: decimal, 0 octal
 * and 0x hex.  The value itself is checked when it is read.
 */
static bool is_valid_number(const char *s, size_t len)
{
    size_t i = 0;

    if ( len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ) {
        for ( i = 2; i < len; i++ )
            if ( !is_hex_digit(s[i]) )
                return false;
        return true;
    }
    if ( s[0] == '0' ) {
        for ( i = 1; i < len; i++ )
            if ( s[i] < '0' || s[i] > '7' )
                return false;
        return true;
    }
    for ( i = 0; i < len; i++ )
        if ( s[i] < '0' || s[i] > '9' )
            return false;
    return true;
}

static int word_token(struct xlu_lexer *lx, struct xlu_token *tok)
{
    const char *start = lx->pos;
    bool number = start[0] >= '0' && start[0] <= '9';
    size_t len, limit = number ? XLU_CFG_MAX_NUMBER : XLU_CFG_MAX_KEY;

    while ( lx->pos < lx->end && is_word_char(*lx->pos) )
        lx->pos++;
    len = lx->pos - start;

    if ( len > limit ) {
        xlu__lex_error(lx, lx->line, "%s longer than %zu characters",
                       number ? "number" : "key", limit);
        return EINVAL;
    }
    if ( number && !is_valid_number(start, len) ) {
        xlu__lex_error(lx, lx->line, "bad number '%.*s'", (int)len, start);
        return EINVAL;
    }
    if ( !number && !is_valid_key(start, len) ) {
        xlu__lex_error(lx, lx->line,
                       "bad key '%.*s': a key is a lowercase letter, then "
                       "lowercase letters, digits, '_' or '.'",
                       (int)len, start);
        return EINVAL;
    }

    tok->kind = number ? TOK_NUMBER : TOK_KEY;
    tok->text = strndup(start, len);
    return tok->text ? 0 : ENOMEM;
}

/*
 * A backslash escape of a quoted string, at lx->pos just after the
 * backslash: C's, as xl's lexer lists them.  Numeric escapes are limited
 * to what fits in a byte other than NUL, which a C string cannot hold.
 */
static int string_escape(struct xlu_lexer *lx, char *out)
{
    const char *p = lx->pos;
    unsigned int value = 0;
    char buf[16];
    int n;

    switch ( *p ) {
    case '"':
    case '\'':
    case '\\': *out = *p; break;
    case 'a': *out = '\a'; break;
    case 'b': *out = '\b'; break;
    case 'f': *out = '\f'; break;
    case 'n': *out = '\n'; break;
    case 'r': *out = '\r'; break;
    case 't': *out = '\t'; break;
    case 'v': *out = '\v'; break;
    case 'x':
        if ( lx->end - p < 3 || !is_hex_digit(p[1]) || !is_hex_digit(p[2]) ) {
            xlu__lex_error(lx, lx->line,
                           "'\\x' must be followed by two hex digits");
            return EINVAL;
        }
        value = hex_value(p[1]) * 16 + hex_value(p[2]);
        p += 2;
        goto numeric;
    case '0' ... '7':
        for ( n = 0; n < 3 && p < lx->end && *p >= '0' && *p <= '7'; n++ )
            value = value * 8 + (*p++ - '0');
        p--;
        if ( value > 0xff ) {
            xlu__lex_error(lx, lx->line,
                           "octal escape '\\%.3s' is larger than a byte",
                           p - 2);
            return EINVAL;
        }
        goto numeric;
    default:
        if ( *p > ' ' && *p < 0x7f )
            xlu__lex_error(lx, lx->line, "unknown escape '\\%c' in a string",
                           *p);
        else
            xlu__lex_error(lx, lx->line,
                           "unknown escape in a string: a backslash, then %s",
                           describe_byte(*p, buf));
        return EINVAL;
    }
    lx->pos = p + 1;
    return 0;

numeric:
    if ( !value ) {
        xlu__lex_error(lx, lx->line, "a string cannot hold a NUL byte");
        return EINVAL;
    }
    *out = (char)value;
    lx->pos = p + 1;
    return 0;
}

static int string_token(struct xlu_lexer *lx, struct xlu_token *tok)
{
    char quote = *lx->pos++;
    size_t len = 0, size = 64;
    char *text = malloc(size);
    int rc;

    if ( !text )
        return ENOMEM;

    for ( ;; ) {
        char c;

        /* A string ends on its line: CRLF ends it as LF does. */
        if ( lx->pos == lx->end || *lx->pos == '\n' ||
             (*lx->pos == '\r' && lx->pos + 1 < lx->end &&
              lx->pos[1] == '\n') ) {
            xlu__lex_error(lx, lx->line, "unterminated string");
            rc = EINVAL;
            goto fail;
        }
        c = *lx->pos++;
        if ( c == quote )
            break;
        if ( c == '\0' ) {
            xlu__lex_error(lx, lx->line, "NUL byte in a string");
            rc = EINVAL;
            goto fail;
        }
        if ( c == '\\' ) {
            if ( lx->pos == lx->end || *lx->pos == '\n' ) {
                xlu__lex_error(lx, lx->line, "unterminated string");
                rc = EINVAL;
                goto fail;
            }
            rc = string_escape(lx, &c);
            if ( rc )
                goto fail;
        }
        if ( len == XLU_CFG_MAX_STRING ) {
            xlu__lex_error(lx, lx->line, "string longer than %d bytes",
                           XLU_CFG_MAX_STRING);
            rc = EINVAL;
            goto fail;
        }
        /* Room for c and the final NUL. */
        if ( len + 2 > size ) {
            char *bigger = realloc(text, size * 2);

            if ( !bigger ) {
                rc = ENOMEM;
                goto fail;
            }
            text = bigger;
            size *= 2;
        }
        text[len++] = c;
    }
    text[len] = '\0';
    tok->kind = TOK_STRING;
    tok->text = text;
    return 0;

fail:
    free(text);
    return rc;
}

/* Skips blanks and a comment, up to (not over) the end of the line. */
static int skip_blanks(struct xlu_lexer *lx)
{
    while ( lx->pos < lx->end ) {
        char c = *lx->pos;

        if ( c == ' ' || c == '\t' ) {
            lx->pos++;
        } else if ( c == '\r' && lx->pos + 1 < lx->end && lx->pos[1] == '\n' ) {
            lx->pos++;
        } else if ( c == '#' ) {
            const char *nl = memchr(lx->pos, '\n', lx->end - lx->pos);
            const char *stop = nl ? nl : lx->end;

            if ( memchr(lx->pos, '\0', stop - lx->pos) ) {
                xlu__lex_error(lx, lx->line, "NUL byte in a comment");
                return EINVAL;
            }
            lx->pos = stop;
        } else {
            break;
        }
    }
    return 0;
}

int xlu__lex_next(struct xlu_lexer *lx, struct xlu_token *tok)
{
    char buf[16];
    int rc;

    tok->text = NULL;
    rc = skip_blanks(lx);
    if ( rc )
        return rc;
    tok->line = lx->line;
    if ( lx->pos == lx->end ) {
        tok->kind = TOK_EOF;
        return 0;
    }

    switch ( *lx->pos ) {
    case '\n':
        lx->pos++;
        lx->line++;
        tok->kind = TOK_NEWLINE;
        return 0;
    case ';': tok->kind = TOK_SEMICOLON; break;
    case ',': tok->kind = TOK_COMMA; break;
    case '[': tok->kind = TOK_OPEN; break;
    case ']': tok->kind = TOK_CLOSE; break;
    case '=': tok->kind = TOK_ASSIGN; break;
    case '+':
        if ( lx->pos + 1 < lx->end && lx->pos[1] == '=' ) {
            lx->pos += 2;
            tok->kind = TOK_ADD;
            return 0;
        }
        goto unexpected;
    case '"':
    case '\'': return string_token(lx, tok);
    case 'a' ... 'z':
    case 'A' ... 'Z':
    case '0' ... '9':
    case '_': return word_token(lx, tok);
    case '\0':
        xlu__lex_error(lx, lx->line, "NUL byte in the text");
        return EINVAL;
    default: goto unexpected;
    }
    lx->pos++;
    return 0;

unexpected:
    /* Xen's lexer notes these as signs of a Python config: so do we. */
    if ( strchr("+-.():", *lx->pos) )
        xlu__lex_error(lx, lx->line,
                       "unexpected %s (xl.cfg is not Python: values are "
                       "strings, numbers or lists)",
                       describe_byte(*lx->pos, buf));
    else
        xlu__lex_error(lx, lx->line, "unexpected %s",
                       describe_byte(*lx->pos, buf));
    return EINVAL;
}
