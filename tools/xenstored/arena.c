/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct arena_chunk {
    struct arena_chunk *next;
    max_align_t data[];
};

void *arena_alloc(struct arena *a, size_t size)
{
    struct arena_chunk *c = malloc(sizeof(*c) + size);

    if ( !c )
        return NULL;
    c->next = a->chunks;
    a->chunks = c;
    return c->data;
}

void *arena_memdup(struct arena *a, const void *p, size_t size)
{
    void *copy = arena_alloc(a, size);

    if ( copy && size )
        memcpy(copy, p, size);
    return copy;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_memdup(a, s, strlen(s) + 1);
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    char *s;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if ( len < 0 || !(s = arena_alloc(a, len + 1)) )
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, len + 1, fmt, ap);
    va_end(ap);
    return s;
}

char *arena_appendf(struct arena *a, const char *s, const char *fmt, ...)
{
    size_t have;
    va_list ap;
    char *out;
    int len;

    if ( !s )
        return NULL;
    have = strlen(s);
    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if ( len < 0 || !(out = arena_alloc(a, have + len + 1)) )
        return NULL;
    memcpy(out, s, have);
    va_start(ap, fmt);
    vsnprintf(out + have, len + 1, fmt, ap);
    va_end(ap);
    return out;
}

void arena_free(struct arena *a)
{
    struct arena_chunk *c, *next;

    for ( c = a->chunks; c; c = next ) {
        next = c->next;
        free(c);
    }
    a->chunks = NULL;
}
