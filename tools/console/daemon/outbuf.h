/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A console's output on its way to the pty.  Nobody may be reading the
 * pty, so what is held is bounded by the console's limit (xenstore's
 * console/limit), as in Xen:
 *   discard (the default): the guest is never held up; once more than
 *       5/4 of the limit is waiting, the middle is dropped, keeping the
 *       oldest half a limit (what a reader will see first) and the newest
 *       quarter, so a late reader gets the start and the end;
 *   keep: nothing is dropped; the daemon stops taking the guest's output
 *       (outbuf_accepting() is false) until the waiting bytes fall below
 *       the limit, and the guest's ring fills up and throttles it.
 * Either way the allocation stays below limit + limit / 4, plus one
 * append and 4 KiB of slack.
 */
#ifndef CONSOLED_OUTBUF_H
#define CONSOLED_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>

struct outbuf {
    char *data;
    size_t start, end;          /* waiting bytes are data[start, end) */
    size_t capacity;
    size_t limit;
    bool keep;
    unsigned long long dropped; /* bytes thrown away, for the record */
};

/* An empty buffer: limit is clamped to OUTBUF_LIMIT_MIN..MAX. */
void outbuf_init(struct outbuf *b, size_t limit, bool keep);
/* A new limit (clamped), which applies from the next append. */
void outbuf_set_limit(struct outbuf *b, size_t limit);
void outbuf_free(struct outbuf *b);

#define OUTBUF_LIMIT_MIN     4096UL
#define OUTBUF_LIMIT_DEFAULT (1024UL * 1024)     /* as libxl sets it */
#define OUTBUF_LIMIT_MAX     (16UL * 1024 * 1024)

/* Whether to take more output from the guest now. */
bool outbuf_accepting(const struct outbuf *b);

/* Adds len bytes (then trims, in discard mode): 0 or ENOMEM. */
int outbuf_append(struct outbuf *b, const char *src, size_t len);

static inline size_t outbuf_waiting(const struct outbuf *b)
{
    return b->end - b->start;
}

static inline const char *outbuf_head(const struct outbuf *b)
{
    return b->data + b->start;
}

/* len bytes of the head were written out. */
void outbuf_consume(struct outbuf *b, size_t len);

#endif
