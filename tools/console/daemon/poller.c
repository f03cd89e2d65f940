/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdlib.h>

#include "log.h"
#include "poller.h"

int poller_add(struct poller *p, int fd, short events)
{
    struct pollfd *fds;

    if ( p->nr == p->size ) {
        fds = realloc(p->fds, (p->size + 32) * sizeof(*fds));
        if ( !fds ) {
            log_msg(LOG_ERR, "out of memory: fd %d not polled", fd);
            return -1;
        }
        p->fds = fds;
        p->size += 32;
    }
    p->fds[p->nr] = (struct pollfd){ .fd = fd, .events = events };
    return p->nr++;
}

void poller_free(struct poller *p)
{
    free(p->fds);
    *p = (struct poller){ 0 };
}
