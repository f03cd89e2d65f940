// SPDX-License-Identifier: LGPL-2.1-only
/* Opening and closing connections to the daemon. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handle.h"
#include "xs_lib.h"

static struct xs_handle *new_handle(int fd, bool is_socket,
				    unsigned long flags)
{
	struct xs_handle *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->fd = fd;
	h->is_socket = is_socket;
	h->unwatch_filter = flags & XS_UNWATCH_FILTER;
	/* Not 0: a daemon that fails to echo req_id is caught at once. */
	h->next_req_id = 1;
	h->stop_pipe[0] = h->stop_pipe[1] = -1;
	h->watch_pipe[0] = h->watch_pipe[1] = -1;
	h->watch_tail = &h->watch_head;
	pthread_mutex_init(&h->request_lock, NULL);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->reply_cond, NULL);
	pthread_cond_init(&h->watch_cond, NULL);
	return h;
}

/* The socket, else the device, as Xen tries them. */
static int connect_daemon(bool socket_only, bool *is_socket)
{
	const char *socket_path = xs_daemon_socket();
	const char *dev_path;
	int fd, socket_err;

	fd = xs_conn_open(socket_path, socket_only, is_socket);
	if (fd >= 0 || socket_only)
		return fd;

	socket_err = errno;
	dev_path = xs_domain_dev();
	/* XENSTORED_PATH names both: that one was just tried. */
	if (socket_path && !strcmp(dev_path, socket_path))
		return -1;
	fd = xs_conn_open(dev_path, false, is_socket);
	/* Without a device, why the socket failed is what matters. */
	if (fd < 0 && errno == ENOENT)
		errno = socket_err;
	return fd;
}

struct xs_handle *xs_open(unsigned long flags)
{
	struct xs_handle *h;
	bool is_socket;
	int fd;

	fd = connect_daemon(flags & XS_OPEN_SOCKETONLY, &is_socket);
	if (fd < 0)
		return NULL;
	h = new_handle(fd, is_socket, flags);
	if (!h) {
		close(fd);
		errno = ENOMEM;
	}
	return h;
}

struct xs_handle *xs_daemon_open(void)
{
	return xs_open(0);
}

struct xs_handle *xs_domain_open(void)
{
	return xs_open(0);
}

struct xs_handle *xs_daemon_open_readonly(void)
{
	return xs_open(XS_OPEN_READONLY);
}

/* Frees what h holds but its locks, which a forked child cannot trust. */
static void free_handle(struct xs_handle *h)
{
	while (h->watch_head) {
		struct xs_msg *msg = h->watch_head;

		h->watch_head = msg->next;
		xs_msg_free(msg);
	}
	xs_msg_free(h->reply);
	if (h->watch_pipe[0] >= 0) {
		close(h->watch_pipe[0]);
		close(h->watch_pipe[1]);
	}
	close(h->fd);
	free(h);
}

void xs_close(struct xs_handle *h)
{
	if (!h)
		return;
	xs_stop_reader(h);
	pthread_cond_destroy(&h->watch_cond);
	pthread_cond_destroy(&h->reply_cond);
	pthread_mutex_destroy(&h->lock);
	pthread_mutex_destroy(&h->request_lock);
	free_handle(h);
}

void xs_daemon_close(struct xs_handle *h)
{
	xs_close(h);
}

void xs_daemon_destroy_postfork(struct xs_handle *h)
{
	/* The reader thread stayed in the parent; only its pipe came along. */
	if (h->reader_started) {
		close(h->stop_pipe[0]);
		close(h->stop_pipe[1]);
	}
	free_handle(h);
}
