/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The grammar of xl.cfg, as Xen's bison parser has it, by recursive
 * descent:
 *
 *   file    := { NEWLINE | ';' | setting }
 *   setting := KEY ( '=' | '+=' ) value ( NEWLINE | ';' | end of text )
 *   value   := STRING | NUMBER | '[' list ']'
 *   list    := nothing | value { ',' value } [ ',' ]
 *
 * with newlines allowed anywhere inside a list.  It stops at the first
 * error: what follows a mistake is seldom worth reporting.
 */
#include <errno.h>
#include <stdlib.h>

#include "cfg_lex.h"

struct parser {
    XLU_Config *cfg;
    const char *source;
    struct xlu_lexer lx;
    struct xlu_token tok; /* the next token */
};

/* Moves to the next token, dropping the text of one nobody took. */
static int advance(struct parser *ps)
{
    free(ps->tok.text);
    ps->tok.text = NULL;
    return xlu__lex_next(&ps->lx, &ps->tok);
}

/* The token for a message: "expected X, not <this>". */
static const char *describe(const struct xlu_token *tok, char *buf, size_t size)
{
    switch ( tok->kind ) {
    case TOK_EOF: return "the end of the input";
    case TOK_NEWLINE: return "the end of the line";
    case TOK_SEMICOLON: return "';'";
    case TOK_COMMA: return "','";
    case TOK_OPEN: return "'['";
    case TOK_CLOSE: return "']'";
    case TOK_ASSIGN: return "'='";
    case TOK_ADD: return "'+='";
    case TOK_STRING: return "a string";
    case TOK_NUMBER: snprintf(buf, size, "number %.20s", tok->text); return buf;
    case TOK_KEY: snprintf(buf, size, "'%.64s'", tok->text); return buf;
    }
    return "?";
}

static int syntax_error(struct parser *ps, const char *expected)
{
    char buf[96];

    xlu__lex_error(&ps->lx, ps->tok.line, "expected %s, not %s", expected,
                   describe(&ps->tok, buf, sizeof(buf)));
    return EINVAL;
}

static int skip_newlines(struct parser *ps)
{
    int rc = 0;

    while ( !rc && ps->tok.kind == TOK_NEWLINE )
        rc = advance(ps);
    return rc;
}

static int parse_value(struct parser *ps, int depth, XLU_ConfigValue **out);

static int parse_list(struct parser *ps, int depth, XLU_ConfigValue **out)
{
    int open_line = ps->tok.line;
    XLU_ConfigValue *list, *item;
    int rc;

    if ( depth == XLU_CFG_MAX_NESTING ) {
        xlu__lex_error(&ps->lx, open_line, "lists nested more than %d deep",
                       XLU_CFG_MAX_NESTING);
        return EINVAL;
    }
    list = xlu__value_list(ps->source, open_line);
    if ( !list )
        return ENOMEM;

    rc = advance(ps);
    if ( !rc )
        rc = skip_newlines(ps);
    while ( !rc && ps->tok.kind != TOK_CLOSE ) {
        if ( ps->tok.kind == TOK_EOF ) {
            xlu__lex_error(&ps->lx, open_line,
                           "unterminated list: no ']' for this '['");
            rc = EINVAL;
            break;
        }
        rc = parse_value(ps, depth + 1, &item);
        if ( !rc )
            rc = xlu__list_append(list, item);
        if ( !rc )
            rc = skip_newlines(ps);
        if ( rc )
            break;
        if ( ps->tok.kind == TOK_COMMA ) {
            rc = advance(ps);
            if ( !rc )
                rc = skip_newlines(ps);
        } else if ( ps->tok.kind == TOK_EOF ) {
            continue; /* reported above */
        } else if ( ps->tok.kind != TOK_CLOSE ) {
            rc = syntax_error(ps, "',' or ']' in the list");
        }
    }
    if ( !rc )
        rc = advance(ps); /* over the ']' */
    if ( rc ) {
        xlu__value_free(list);
        return rc;
    }
    *out = list;
    return 0;
}

static int parse_value(struct parser *ps, int depth, XLU_ConfigValue **out)
{
    XLU_ConfigValue *value;
    int rc;

    switch ( ps->tok.kind ) {
    case TOK_OPEN: return parse_list(ps, depth, out);
    case TOK_STRING:
    case TOK_NUMBER:
        value = xlu__value_string(ps->tok.text, ps->source, ps->tok.line);
        ps->tok.text = NULL;
        if ( !value )
            return ENOMEM;
        rc = advance(ps);
        if ( rc ) {
            xlu__value_free(value);
            return rc;
        }
        *out = value;
        return 0;
    case TOK_KEY:
        /* A word where a value should be is most likely a bare string. */
        xlu__lex_error(&ps->lx, ps->tok.line,
                       "expected a value, not '%s' (strings need quotes)",
                       ps->tok.text);
        return EINVAL;
    default: return syntax_error(ps, "a value (a string, a number or a list)");
    }
}

static int parse_setting(struct parser *ps)
{
    char *name = ps->tok.text;
    int line = ps->tok.line;
    XLU_ConfigValue *value = NULL;
    char expected[128];
    bool add;
    int rc;

    ps->tok.text = NULL;
    rc = advance(ps);
    if ( rc )
        goto fail;
    if ( ps->tok.kind != TOK_ASSIGN && ps->tok.kind != TOK_ADD ) {
        snprintf(expected, sizeof(expected), "'=' after '%s'", name);
        rc = syntax_error(ps, expected);
        goto fail;
    }
    add = ps->tok.kind == TOK_ADD;
    rc = advance(ps);
    if ( !rc )
        rc = parse_value(ps, 0, &value);
    if ( rc )
        goto fail;
    if ( ps->tok.kind != TOK_NEWLINE && ps->tok.kind != TOK_SEMICOLON &&
         ps->tok.kind != TOK_EOF ) {
        snprintf(expected, sizeof(expected),
                 "a new line or ';' after the value of '%s'", name);
        rc = syntax_error(ps, expected);
        goto fail;
    }
    return xlu__store(ps->cfg, name, value, ps->source, line, add);

fail:
    free(name);
    xlu__value_free(value);
    return rc;
}

int xlu__parse(XLU_Config *cfg, const char *source, const char *text,
               size_t len)
{
    struct parser ps = { .cfg = cfg, .source = source };
    int rc;

    xlu__lex_init(&ps.lx, cfg, source, text, len);
    rc = xlu__lex_next(&ps.lx, &ps.tok);
    while ( !rc && ps.tok.kind != TOK_EOF ) {
        switch ( ps.tok.kind ) {
        case TOK_NEWLINE:
        case TOK_SEMICOLON: rc = advance(&ps); break;
        case TOK_KEY: rc = parse_setting(&ps); break;
        default:
            rc = syntax_error(&ps, "a key at the start of a setting");
            break;
        }
    }
    free(ps.tok.text);
    return rc;
}
