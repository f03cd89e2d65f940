/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"

/*
 * Typed bytes on their way to the pty.  The pty is written without
 * blocking, so that Ctrl-] is seen even when the guest reads nothing;
 * what does not fit here then is dropped.
 */
#define PENDING_MAX 65536

struct pending {
    char buf[PENDING_MAX];
    size_t len;
};

static bool write_all(int fd, const char *buf, size_t len)
{
    ssize_t n;

    while ( len ) {
        n = write(fd, buf, len);
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
            return false;
        buf += n;
        len -= n;
    }
    return true;
}

static void close_pty(int *fd)
{
    if ( *fd >= 0 )
        close(*fd);
    *fd = -1;
}

/*
 * The node changed: the same pty, another one (xenconsoled restarted),
 * or none (the guest is gone): false then.
 */
static bool follow_node(struct xs_handle *xs, const char *tty_node,
                        int *fd, char **path, struct pending *in)
{
    char *now = NULL;
    int newfd;
    char **ev;

    while ( (ev = xs_check_watch(xs)) )
        free(ev);
    now = xs_read(xs, XBT_NULL, tty_node, NULL);
    if ( !now || !*now ) {
        free(now);
        return false;
    }
    if ( *fd >= 0 && *path && !strcmp(now, *path) ) {
        free(now);
        return true;
    }
    free(now);
    newfd = pty_wait_open(xs, tty_node, 0, &now);
    if ( newfd < 0 )
        return false;
    close_pty(fd);
    free(*path);
    *path = now;
    *fd = newfd;
    in->len = 0;
    fcntl(*fd, F_SETFL, O_NONBLOCK);
    return true;
}

/* Whether to go on: false at Ctrl-] and at the end of input. */
static bool from_stdin(struct pending *in)
{
    char buf[512], *esc;
    ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
    size_t take;

    if ( n < 0 && (errno == EINTR || errno == EAGAIN) )
        return true;
    if ( n <= 0 )
        return false;
    esc = memchr(buf, ESCAPE_CHARACTER, n);
    take = esc ? (size_t)(esc - buf) : (size_t)n;
    if ( take > PENDING_MAX - in->len )
        take = PENDING_MAX - in->len;
    memcpy(in->buf + in->len, buf, take);
    in->len += take;
    return !esc;
}

static void to_pty(int *fd, struct pending *in)
{
    ssize_t n = write(*fd, in->buf, in->len);

    if ( n < 0 && (errno == EINTR || errno == EAGAIN) )
        return;
    if ( n < 0 ) {
        close_pty(fd);
        in->len = 0;
        return;
    }
    memmove(in->buf, in->buf + n, in->len - n);
    in->len -= n;
}

/* Whether to go on: false if stdout is gone. */
static bool from_pty(int *fd)
{
    char buf[4096];
    ssize_t n = read(*fd, buf, sizeof(buf));

    if ( n < 0 && (errno == EINTR || errno == EAGAIN) )
        return true;
    /* The daemon closed the pty: wait for the node to name another. */
    if ( n <= 0 ) {
        close_pty(fd);
        return true;
    }
    return write_all(STDOUT_FILENO, buf, n);
}

void copy_loop(struct xs_handle *xs, const char *tty_node, int pty_fd,
               char *pty_path, bool interactive)
{
    static struct pending in;
    struct pollfd fds[3];
    int fd = pty_fd, nr, xs_idx, in_idx, pty_idx;

    fcntl(fd, F_SETFL, O_NONBLOCK);
    while ( !stop_requested ) {
        nr = 0;
        xs_idx = nr;
        fds[nr++] = (struct pollfd){ .fd = xs_fileno(xs), .events = POLLIN };
        in_idx = interactive ? nr : -1;
        if ( interactive )
            fds[nr++] = (struct pollfd){ .fd = STDIN_FILENO,
                                         .events = POLLIN };
        pty_idx = fd >= 0 ? nr : -1;
        if ( fd >= 0 )
            fds[nr++] = (struct pollfd){
                .fd = fd, .events = POLLIN | (in.len ? POLLOUT : 0) };

        if ( poll(fds, nr, -1) < 0 ) {
            if ( errno == EINTR )
                continue;
            say(errno, "poll");
            break;
        }
        if ( fds[xs_idx].revents &&
             !follow_node(xs, tty_node, &fd, &pty_path, &in) )
            break;
        if ( in_idx >= 0 && fds[in_idx].revents && !from_stdin(&in) ) {
            /* What was typed before Ctrl-] still goes, if it can. */
            if ( fd >= 0 && in.len )
                to_pty(&fd, &in);
            break;
        }
        if ( pty_idx < 0 || fd < 0 )
            continue;
        if ( (fds[pty_idx].revents & POLLOUT) && in.len )
            to_pty(&fd, &in);
        if ( fd >= 0 && (fds[pty_idx].revents & (POLLIN | POLLHUP | POLLERR)) &&
             !from_pty(&fd) )
            break;
    }
    close_pty(&fd);
    free(pty_path);
}
