/* SPDX-License-Identifier: GPL-2.0-only */
/* The poll() set, rebuilt on every turn of the loop. */
#ifndef CONSOLED_POLLER_H
#define CONSOLED_POLLER_H

#include <poll.h>

struct poller {
    struct pollfd *fds;
    unsigned int nr, size;
};

/* The fd's index in the set, or -1 (out of memory: not polled). */
int poller_add(struct poller *p, int fd, short events);

static inline short poller_revents(const struct poller *p, int idx)
{
    return idx >= 0 ? p->fds[idx].revents : 0;
}

void poller_free(struct poller *p);

#endif
