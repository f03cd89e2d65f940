// SPDX-License-Identifier: LGPL-2.1-only
/* Requests and their replies; see handle.h. */
#include <stdlib.h>
#include <string.h>

#include "handle.h"
#include "wire.h"

int xs_file_msg(struct xs_handle *h, struct xs_msg *msg)
{
	if (msg->hdr.type == XS_WATCH_EVENT) {
		xs_queue_watch_event(h, msg);
		return 0;
	}
	/* Anything else must answer the one request in flight. */
	if (!h->awaiting || h->reply ||
	    !xs_wire_is_reply(&msg->hdr, h->awaiting_req_id,
			      h->awaiting_type)) {
		xs_msg_free(msg);
		return EBADF;
	}
	h->reply = msg;
	pthread_cond_signal(&h->reply_cond);
	return 0;
}

void xs_connection_lost(struct xs_handle *h, int err)
{
	if (h->broken)
		return;
	h->broken = err ? err : EIO;
	pthread_cond_broadcast(&h->reply_cond);
	pthread_cond_broadcast(&h->watch_cond);
	/* Pollers of xs_fileno learn it from xs_check_watch's error. */
	xs_kick_watch_pipe(h);
}

/* Reads messages until the reply comes; with lock held, no reader thread. */
static void read_until_reply(struct xs_handle *h)
{
	while (!h->reply && !h->broken) {
		struct xs_msg *msg;
		int err;

		pthread_mutex_unlock(&h->lock);
		msg = xs_conn_recv(h->fd, -1);
		err = errno;
		pthread_mutex_lock(&h->lock);

		if (msg)
			err = xs_file_msg(h, msg);
		if (err)
			xs_connection_lost(h, err);
	}
}

/* Sends a request and waits for its reply; with request_lock held. */
static struct xs_msg *exchange(struct xs_handle *h, struct xsd_sockmsg *hdr,
			       const struct iovec *iov, unsigned int n)
{
	struct iovec vec[1 + XS_MAX_IOV];
	struct xs_msg *reply;
	int err;

	vec[0].iov_base = hdr;
	vec[0].iov_len = sizeof(*hdr);
	memcpy(&vec[1], iov, n * sizeof(*iov));

	pthread_mutex_lock(&h->lock);
	if (!h->broken) {
		h->awaiting = true;
		h->awaiting_req_id = hdr->req_id;
		h->awaiting_type = hdr->type;

		pthread_mutex_unlock(&h->lock);
		err = xs_conn_send(h->fd, h->is_socket, vec, n + 1) ? 0 : errno;
		pthread_mutex_lock(&h->lock);

		if (err)
			xs_connection_lost(h, err);
		else if (h->reader_started)
			while (!h->reply && !h->broken)
				pthread_cond_wait(&h->reply_cond, &h->lock);
		else
			read_until_reply(h);
	}
	/* A reply read before the connection failed still counts. */
	reply = h->reply;
	h->reply = NULL;
	h->awaiting = false;
	err = h->broken;
	pthread_mutex_unlock(&h->lock);

	if (!reply)
		errno = err;
	return reply;
}

void *xs_talkv(struct xs_handle *h, xs_transaction_t t, uint32_t type,
	       const struct iovec *iov, unsigned int n, unsigned int *len)
{
	struct xsd_sockmsg hdr;
	struct xs_msg *reply;
	char *body;
	int err;

	err = xs_wire_header(&hdr, type, 0, t, iov, n);
	if (err) {
		errno = err;
		return NULL;
	}

	pthread_mutex_lock(&h->request_lock);
	hdr.req_id = h->next_req_id++;
	reply = exchange(h, &hdr, iov, n);
	pthread_mutex_unlock(&h->request_lock);
	if (!reply)
		return NULL;

	if (reply->hdr.type == XS_ERROR) {
		err = xs_wire_errno(reply->body, reply->hdr.len);
		xs_msg_free(reply);
		errno = err;
		return NULL;
	}
	body = reply->body;
	if (len)
		*len = reply->hdr.len;
	free(reply);
	return body;
}

void *xs_single(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		const char *s, unsigned int *len)
{
	struct iovec iov = { .iov_base = (void *)s, .iov_len = strlen(s) + 1 };

	return xs_talkv(h, t, type, &iov, 1, len);
}

bool xs_bool(void *reply)
{
	bool ok = reply != NULL;

	free(reply);
	return ok;
}
