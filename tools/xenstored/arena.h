/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Allocations that live as long as one request (or one step of a longer
 * walk): everything goes at once with arena_free(), so error paths need
 * no unwinding.  Allocators return NULL when memory is short.
 */
#ifndef XENSTORED_ARENA_H
#define XENSTORED_ARENA_H

#include <stddef.h>

struct arena {
    struct arena_chunk *chunks;
};

void *arena_alloc(struct arena *a, size_t size);
void *arena_memdup(struct arena *a, const void *p, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* s with more appended (NULL stays NULL: check once at the end). */
char *arena_appendf(struct arena *a, const char *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void arena_free(struct arena *a);

#endif
