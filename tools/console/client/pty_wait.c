/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Drops queued watch events: every one means "look at the node again". */
static void drain_watches(struct xs_handle *xs)
{
    char **ev;

    while ( (ev = xs_check_watch(xs)) )
        free(ev);
}

/* The pty the node names now: fd, or -1 with errno. */
static int try_open(struct xs_handle *xs, const char *tty_node, char **path)
{
    char *p = xs_read(xs, XBT_NULL, tty_node, NULL);
    int fd;

    if ( !p )
        return -1;
    if ( !*p ) {
        free(p);
        errno = ENOENT;
        return -1;
    }
    fd = open(p, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if ( fd < 0 ) {
        int err = errno;

        say(err, "Could not open tty `%s'", p);
        free(p);
        errno = err;
        return -1;
    }
    *path = p;
    return fd;
}

int pty_wait_open(struct xs_handle *xs, const char *tty_node, int seconds,
                  char **opened_path)
{
    long long deadline = now_ms() + seconds * 1000LL, left;
    struct pollfd pfd = { .fd = xs_fileno(xs), .events = POLLIN };
    int fd, err;

    *opened_path = NULL;
    for ( ;; ) {
        /* The watch fires once when set: the first look is not missed. */
        fd = try_open(xs, tty_node, opened_path);
        if ( fd >= 0 )
            return fd;
        err = errno;
        left = deadline - now_ms();
        if ( left <= 0 || stop_requested )
            break;
        if ( poll(&pfd, 1, left) < 0 && errno != EINTR ) {
            err = errno;
            break;
        }
        drain_watches(xs);
    }
    errno = err;
    return -1;
}
