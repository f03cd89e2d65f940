// SPDX-License-Identifier: LGPL-2.1-only
/* The byte stream to the daemon; see conn.h. */
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"

static int connect_unix(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd, err;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, path);

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (!connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
		return fd;
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

int xs_conn_open(const char *path, bool socket_only, bool *is_socket)
{
	struct stat st;

	/* xs_daemon_socket() has no answer when the run folder is too long. */
	if (!path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (stat(path, &st))
		return -1;

	*is_socket = S_ISSOCK(st.st_mode);
	if (*is_socket)
		return connect_unix(path);
	if (socket_only) {
		errno = ENOTSOCK;
		return -1;
	}
	/* Read-write even for reading the store: requests are writes. */
	return open(path, O_RDWR | O_CLOEXEC);
}

bool xs_conn_send(int fd, bool is_socket, struct iovec *iov, unsigned int n)
{
	while (n) {
		ssize_t done;

		if (is_socket) {
			struct msghdr mh = { .msg_iov = iov, .msg_iovlen = n };

			/* A daemon gone is an error to return, not a SIGPIPE. */
			done = sendmsg(fd, &mh, MSG_NOSIGNAL);
		} else {
			done = writev(fd, iov, n);
		}
		if (done < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}

		while (n && (size_t)done >= iov->iov_len) {
			done -= iov->iov_len;
			iov++;
			n--;
		}
		if (!n)
			break;
		if (!done && iov->iov_len) {
			/* Nothing taken of a non-empty request: it never will be. */
			errno = EIO;
			return false;
		}
		iov->iov_base = (char *)iov->iov_base + done;
		iov->iov_len -= done;
	}
	return true;
}

bool xs_write_all(int fd, const void *data, unsigned int len)
{
	struct iovec iov = { .iov_base = (void *)data, .iov_len = len };

	return xs_conn_send(fd, false, &iov, 1);
}

/* Waits until fd has data, or until stop_fd says to give up. */
static bool wait_readable(int fd, int stop_fd)
{
	struct pollfd pfd[2] = {
		{ .fd = fd, .events = POLLIN },
		{ .fd = stop_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (pfd[1].revents) {
			errno = ECANCELED;
			return false;
		}
		/* Errors and hang-ups too: read() tells which. */
		if (pfd[0].revents)
			return true;
	}
}

static bool read_exact(int fd, int stop_fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t done;

		if (stop_fd >= 0 && !wait_readable(fd, stop_fd))
			return false;
		done = read(fd, p, len);
		if (done < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (!done) {
			errno = EBADF;
			return false;
		}
		p += done;
		len -= done;
	}
	return true;
}

struct xs_msg *xs_conn_recv(int fd, int stop_fd)
{
	struct xs_msg *msg = calloc(1, sizeof(*msg));

	if (!msg)
		return NULL;
	if (!read_exact(fd, stop_fd, &msg->hdr, sizeof(msg->hdr)))
		goto fail;
	if (msg->hdr.len > XENSTORE_PAYLOAD_MAX) {
		errno = E2BIG;
		goto fail;
	}
	msg->body = malloc(msg->hdr.len + 1);
	if (!msg->body)
		goto fail;
	if (!read_exact(fd, stop_fd, msg->body, msg->hdr.len))
		goto fail;
	msg->body[msg->hdr.len] = '\0';
	return msg;

fail:
	xs_msg_free(msg);
	return NULL;
}

void xs_msg_free(struct xs_msg *msg)
{
	int err = errno;

	if (msg)
		free(msg->body);
	free(msg);
	errno = err;
}
