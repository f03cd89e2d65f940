/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The connection handle, and the request and watch machinery the API
 * files share.
 *
 * Locks: request_lock, then lock.  While no reader thread runs, the
 * holder of request_lock is the one reading fd; once one runs, only it
 * reads fd.  Only the holder of request_lock writes fd.
 */
#ifndef XS_HANDLE_H
#define XS_HANDLE_H

#include <pthread.h>

#include "conn.h"
#include "xenstore.h"

/* The most payload pieces an internal request is built from. */
#define XS_MAX_IOV 3

struct xs_handle {
	int fd;
	bool is_socket;
	bool unwatch_filter;

	/*
	 * Held from sending a request until its reply is taken.  The protocol
	 * allows more in flight, but one at a time keeps matching trivial.
	 */
	pthread_mutex_t request_lock;
	uint32_t next_req_id;
	/* Started by the first xs_watch, so that events arrive unasked. */
	bool reader_started;
	pthread_t reader;
	int stop_pipe[2];		/* written to end the reader */

	pthread_mutex_t lock;
	pthread_cond_t reply_cond;
	pthread_cond_t watch_cond;
	bool awaiting;			/* a request is in flight: */
	uint32_t awaiting_req_id;
	uint32_t awaiting_type;
	struct xs_msg *reply;		/* its reply, once read */
	struct xs_msg *watch_head;	/* events not yet taken, oldest first */
	struct xs_msg **watch_tail;
	int watch_pipe[2];		/* from xs_fileno, else -1 */
	/* Why the connection failed (see xs_connection_lost), or 0. */
	int broken;
};

/*
 * Sends a request of type with payload iov[0..n) (n <= XS_MAX_IOV) and
 * waits for its reply: returns the reply's body, NUL-terminated, for
 * free(), and its length in *len (len may be NULL).  NULL with errno on
 * failure, the daemon's XS_ERROR included.
 */
void *xs_talkv(struct xs_handle *h, xs_transaction_t t, uint32_t type,
	       const struct iovec *iov, unsigned int n, unsigned int *len);

/* xs_talkv with one string, and its NUL, as payload. */
void *xs_single(struct xs_handle *h, xs_transaction_t t, uint32_t type,
		const char *s, unsigned int *len);

/* For replies that carry nothing: frees reply, true if there was one. */
bool xs_bool(void *reply);

/*
 * Files a message read from fd: an event is queued, a reply handed to
 * the request in flight.  With lock held; non-zero errno if the message
 * breaks the protocol (it is then freed).
 */
int xs_file_msg(struct xs_handle *h, struct xs_msg *msg);

/*
 * Records that the connection can no longer be used, and why (the errno
 * every later call returns), then wakes every waiter.  With lock held.
 */
void xs_connection_lost(struct xs_handle *h, int err);

/* Queues a watch event and wakes its readers; with lock held. */
void xs_queue_watch_event(struct xs_handle *h, struct xs_msg *msg);

/* Makes xs_fileno's descriptor readable; with lock held. */
void xs_kick_watch_pipe(struct xs_handle *h);

/* Starts the reader thread; with request_lock held.  0 or an errno. */
int xs_start_reader(struct xs_handle *h);

/* Ends the reader thread, if it runs. */
void xs_stop_reader(struct xs_handle *h);

#endif /* XS_HANDLE_H */
