/* SPDX-License-Identifier: LGPL-2.1-only */
/* The byte stream to the daemon: a Unix socket or the xenbus device. */
#ifndef XS_CONN_H
#define XS_CONN_H

#include <stdbool.h>
#include <sys/uio.h>
#include <xenstore_lib.h>

/* A message read from the daemon. */
struct xs_msg {
	struct xs_msg *next;
	struct xsd_sockmsg hdr;
	/* hdr.len bytes, then a NUL of ours: the daemon's is not trusted. */
	char *body;
};

/*
 * Connects to the Unix socket at path or, unless socket_only, opens the
 * device there; *is_socket says which.  -1 with errno on failure.
 */
int xs_conn_open(const char *path, bool socket_only, bool *is_socket);

/* Sends iov[0..n) whole, consuming iov; false with errno. */
bool xs_conn_send(int fd, bool is_socket, struct iovec *iov, unsigned int n);

/*
 * Reads one message, waiting for it.  With stop_fd >= 0, gives up with
 * ECANCELED once stop_fd polls readable.  NULL with errno: EBADF when the
 * daemon closed the stream, E2BIG for a payload over the protocol's limit.
 */
struct xs_msg *xs_conn_recv(int fd, int stop_fd);

/* Frees msg (NULL ok), keeping errno. */
void xs_msg_free(struct xs_msg *msg);

#endif /* XS_CONN_H */
