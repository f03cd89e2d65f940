/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "log.h"
#include "socket.h"

static int read_fd(void *stream, void *buf, unsigned int len)
{
    struct connection *conn = stream;
    ssize_t n;

    do
        n = read(conn->fd, buf, len);
    while ( n < 0 && errno == EINTR );
    if ( n > 0 )
        return n;
    if ( !n )
        return -ECONNRESET;
    return errno == EAGAIN ? 0 : -errno;
}

static int write_fd(void *stream, const void *buf, unsigned int len)
{
    struct connection *conn = stream;
    ssize_t n;

    do
        n = send(conn->fd, buf, len, MSG_NOSIGNAL);
    while ( n < 0 && errno == EINTR );
    if ( n >= 0 )
        return n;
    return errno == EAGAIN ? 0 : -errno;
}

static int socket_receive(struct connection *conn)
{
    int rc = msg_receive(&conn->in, read_fd, conn);

    /* Nothing after it can be made sense of: 4.17 drops the client. */
    if ( rc == -EPROTO )
        log_msg(LOG_ERR, "connection %p sent a %u byte message: dropped",
                (void *)conn, conn->in.hdr.len);
    return rc;
}

static int socket_send(struct connection *conn, struct msg_out *out)
{
    return msg_send(out, write_fd, conn);
}

static bool socket_readable(const struct connection *conn, short revents)
{
    return revents & POLLIN;
}

static bool socket_writable(const struct connection *conn, short revents)
{
    return revents & POLLOUT;
}

static void socket_release(struct connection *conn)
{
    close(conn->fd);
    conn->fd = -1;
}

static const struct transport socket_transport = {
    .receive = socket_receive,
    .send = socket_send,
    .readable = socket_readable,
    .writable = socket_writable,
    .broken = conn_close,
    .release = socket_release,
};

/* The directory of path, as a run directory is made (0755). */
static int make_dir(const char *path)
{
    char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
    char *slash;

    strcpy(dir, path);
    slash = strrchr(dir, '/');
    if ( !slash || slash == dir )
        return 0;
    *slash = '\0';
    return mkdir(dir, 0755) && errno != EEXIST ? -errno : 0;
}

int socket_listen(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd, rc;

    if ( strlen(path) >= sizeof(addr.sun_path) )
        return -ENAMETOOLONG;
    strcpy(addr.sun_path, path);
    rc = make_dir(path);
    if ( rc )
        return rc;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if ( fd < 0 )
        return -errno;
    /* A socket left by a daemon that died is in the way. */
    unlink(path);
    if ( bind(fd, (struct sockaddr *)&addr, sizeof(addr)) ||
         chmod(path, 0600) || listen(fd, SOMAXCONN) ) {
        rc = -errno;
        close(fd);
        return rc;
    }
    return fd;
}

int socket_accept(int listen_fd)
{
    struct connection *conn;
    int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if ( fd < 0 )
        return errno;
    conn = conn_new(&socket_transport);
    if ( !conn ) {
        close(fd);
        return ENOMEM;
    }
    conn->fd = fd;
    return 0;
}
