// SPDX-License-Identifier: LGPL-2.1-only
/* Watches, and the queue of their events. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handle.h"
#include "wire.h"
#include "xs_lib.h"

/* An event must hold a path and a token, each with its NUL. */
static bool watch_event_ok(const struct xs_msg *msg)
{
	unsigned int len = msg->hdr.len;

	return len && msg->body[len - 1] == '\0' &&
	       xs_count_strings(msg->body, len) >= 2;
}

/*
 * The pipe holds bytes while events are queued or the connection is
 * lost.  Both ends are non-blocking: a full pipe is readable enough.
 */
void xs_kick_watch_pipe(struct xs_handle *h)
{
	char c = 0;

	/* A full pipe (EAGAIN) is readable already. */
	if (h->watch_pipe[1] >= 0)
		(void)!write(h->watch_pipe[1], &c, 1);
}

static void drain_watch_pipe(struct xs_handle *h)
{
	char buf[16];

	if (h->watch_pipe[0] >= 0)
		while (read(h->watch_pipe[0], buf, sizeof(buf)) > 0)
			;
}

void xs_queue_watch_event(struct xs_handle *h, struct xs_msg *msg)
{
	/* Dropped rather than handed to a caller who indexes two strings. */
	if (!watch_event_ok(msg)) {
		xs_msg_free(msg);
		return;
	}
	msg->next = NULL;
	*h->watch_tail = msg;
	h->watch_tail = &msg->next;
	if (h->watch_head == msg)
		xs_kick_watch_pipe(h);
	pthread_cond_signal(&h->watch_cond);
}

static void unlink_watch_event(struct xs_handle *h, struct xs_msg **link)
{
	struct xs_msg *msg = *link;

	*link = msg->next;
	if (h->watch_tail == &msg->next)
		h->watch_tail = link;
	if (!h->watch_head && !h->broken)
		drain_watch_pipe(h);
}

int xs_fileno(struct xs_handle *h)
{
	int fd;

	pthread_mutex_lock(&h->lock);
	if (h->watch_pipe[0] < 0 &&
	    !pipe2(h->watch_pipe, O_CLOEXEC | O_NONBLOCK) &&
	    (h->watch_head || h->broken))
		xs_kick_watch_pipe(h);
	fd = h->watch_pipe[0];
	pthread_mutex_unlock(&h->lock);
	return fd;
}

static char **read_watch(struct xs_handle *h, unsigned int *num, bool wait)
{
	struct xs_msg *msg;
	char **vec;
	int err;

	pthread_mutex_lock(&h->lock);
	/*
	 * Without a reader thread (no xs_watch yet), events only come with
	 * replies, so this waits for another thread's request.
	 */
	while (!h->watch_head) {
		if (h->broken || !wait) {
			err = h->broken ? h->broken : EAGAIN;
			pthread_mutex_unlock(&h->lock);
			errno = err;
			return NULL;
		}
		pthread_cond_wait(&h->watch_cond, &h->lock);
	}
	msg = h->watch_head;
	unlink_watch_event(h, &h->watch_head);
	pthread_mutex_unlock(&h->lock);

	vec = xs_wire_split(msg->body, msg->hdr.len, true, num);
	xs_msg_free(msg);
	return vec;
}

char **xs_read_watch(struct xs_handle *h, unsigned int *num)
{
	return read_watch(h, num, true);
}

char **xs_check_watch(struct xs_handle *h)
{
	unsigned int num;

	return read_watch(h, &num, false);
}

bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
	struct iovec iov[2] = {
		{ .iov_base = (void *)path, .iov_len = strlen(path) + 1 },
		{ .iov_base = (void *)token, .iov_len = strlen(token) + 1 },
	};
	int err;

	pthread_mutex_lock(&h->request_lock);
	err = xs_start_reader(h);
	pthread_mutex_unlock(&h->request_lock);
	if (err) {
		errno = err;
		return false;
	}
	return xs_bool(xs_talkv(h, XBT_NULL, XS_WATCH, iov, 2, NULL));
}

/* Whether msg is an event of the watch on path with token. */
static bool raised_by(const struct xs_msg *msg, const char *path,
		      const char *token)
{
	const char *event_path = msg->body;
	const char *event_token = event_path + strlen(event_path) + 1;

	return !strcmp(event_token, token) &&
	       xs_path_is_subpath(path, event_path);
}

bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
	struct iovec iov[2] = {
		{ .iov_base = (void *)path, .iov_len = strlen(path) + 1 },
		{ .iov_base = (void *)token, .iov_len = strlen(token) + 1 },
	};
	struct xs_msg **link;
	int err;
	bool ok;

	ok = xs_bool(xs_talkv(h, XBT_NULL, XS_UNWATCH, iov, 2, NULL));
	if (!h->unwatch_filter)
		return ok;

	/* Whatever the answer: events of a watch now unknown are stale. */
	err = errno;
	pthread_mutex_lock(&h->lock);
	for (link = &h->watch_head; *link;) {
		struct xs_msg *msg = *link;

		if (raised_by(msg, path, token)) {
			unlink_watch_event(h, link);
			xs_msg_free(msg);
		} else {
			link = &msg->next;
		}
	}
	pthread_mutex_unlock(&h->lock);
	errno = err;
	return ok;
}
