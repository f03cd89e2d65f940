/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "outbuf.h"

/* An emptied buffer larger than this is given back to the allocator. */
#define OUTBUF_KEEP_ALLOCATED (64UL * 1024)

void outbuf_set_limit(struct outbuf *b, size_t limit)
{
    if ( limit < OUTBUF_LIMIT_MIN )
        limit = OUTBUF_LIMIT_MIN;
    if ( limit > OUTBUF_LIMIT_MAX )
        limit = OUTBUF_LIMIT_MAX;
    b->limit = limit;
}

void outbuf_init(struct outbuf *b, size_t limit, bool keep)
{
    *b = (struct outbuf){ .keep = keep };
    outbuf_set_limit(b, limit);
}

void outbuf_free(struct outbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->start = b->end = b->capacity = 0;
}

bool outbuf_accepting(const struct outbuf *b)
{
    return !b->keep || outbuf_waiting(b) < b->limit;
}

/* Room for len more bytes at the end, moving or growing the data. */
static int make_room(struct outbuf *b, size_t len)
{
    size_t waiting = outbuf_waiting(b), want;
    char *data;

    if ( b->capacity - b->end >= len )
        return 0;
    if ( b->start ) {
        memmove(b->data, b->data + b->start, waiting);
        b->start = 0;
        b->end = waiting;
        if ( b->capacity - b->end >= len )
            return 0;
    }
    /* Grow in steps, so that a stream of small appends is cheap. */
    want = waiting + len + 4096;
    data = realloc(b->data, want);
    if ( !data )
        return ENOMEM;
    b->data = data;
    b->capacity = want;
    return 0;
}

/*
 * The middle goes once the waiting bytes pass 5/4 of the limit, which
 * leaves 3/4: each trim moves a quarter of a limit and then allows half
 * a limit of appends before the next one.
 */
static void trim(struct outbuf *b)
{
    size_t head = b->limit / 2, tail = b->limit / 4;
    size_t waiting = outbuf_waiting(b);

    if ( b->keep || waiting <= b->limit + b->limit / 4 )
        return;
    memmove(b->data + b->start + head, b->data + b->end - tail, tail);
    b->end = b->start + head + tail;
    b->dropped += waiting - head - tail;
}

int outbuf_append(struct outbuf *b, const char *src, size_t len)
{
    int rc = make_room(b, len);

    if ( rc )
        return rc;
    memcpy(b->data + b->end, src, len);
    b->end += len;
    trim(b);
    return 0;
}

void outbuf_consume(struct outbuf *b, size_t len)
{
    if ( len > outbuf_waiting(b) )
        len = outbuf_waiting(b);
    b->start += len;
    if ( b->start < b->end )
        return;
    b->start = b->end = 0;
    if ( b->capacity > OUTBUF_KEEP_ALLOCATED ) {
        free(b->data);
        b->data = NULL;
        b->capacity = 0;
    }
}
