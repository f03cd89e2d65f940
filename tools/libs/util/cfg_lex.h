/* SPDX-License-Identifier: LGPL-2.1-only */
/* The tokens of xl.cfg text, for the parser in cfg_parse.c. */
#ifndef XLU_CFG_LEX_H
#define XLU_CFG_LEX_H

#include <stddef.h>

#include "cfg.h"

enum xlu_token_kind {
    TOK_EOF,
    TOK_NEWLINE, /* also a comment's end */
    TOK_SEMICOLON,
    TOK_COMMA,
    TOK_OPEN,  /* [ */
    TOK_CLOSE, /* ] */
    TOK_ASSIGN,
    TOK_ADD, /* += */
    TOK_KEY,
    TOK_NUMBER,
    TOK_STRING,
};

struct xlu_token {
    enum xlu_token_kind kind;
    int line;
    /* KEY, NUMBER and STRING: the text, owned by whoever takes it. */
    char *text;
};

struct xlu_lexer {
    const XLU_Config *cfg; /* for reports */
    const char *source;
    const char *pos;
    const char *end;
    int line;
};

void xlu__lex_init(struct xlu_lexer *lx, const XLU_Config *cfg,
                   const char *source, const char *text, size_t len);

/*
 * The next token.  Returns 0, or EINVAL after reporting what is wrong
 * with the text there, or ENOMEM.
 */
int xlu__lex_next(struct xlu_lexer *lx, struct xlu_token *tok);

/* Reports "SOURCE:LINE: message" for the text being read. */
void xlu__lex_error(const struct xlu_lexer *lx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* XLU_CFG_LEX_H */
