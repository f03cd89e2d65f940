// SPDX-License-Identifier: LGPL-2.1-only
/*
 * The reader thread: once a handle has watches, events come unasked, so a
 * thread reads everything and files it for whoever waits.
 */
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "handle.h"

static void *reader_main(void *arg)
{
	struct xs_handle *h = arg;
	int err;

	do {
		struct xs_msg *msg = xs_conn_recv(h->fd, h->stop_pipe[0]);

		err = msg ? 0 : errno;
		pthread_mutex_lock(&h->lock);
		if (msg)
			err = xs_file_msg(h, msg);
		/* Being stopped by xs_close is no failure of the connection. */
		if (err && err != ECANCELED)
			xs_connection_lost(h, err);
		pthread_mutex_unlock(&h->lock);
	} while (!err);

	return NULL;
}

static void close_pipe(int p[2])
{
	close(p[0]);
	close(p[1]);
	p[0] = p[1] = -1;
}

int xs_start_reader(struct xs_handle *h)
{
	sigset_t all, old;
	int err;

	if (h->reader_started)
		return 0;
	if (pipe2(h->stop_pipe, O_CLOEXEC))
		return errno;

	/* Signals are for the application's threads: the new one blocks all. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&h->reader, NULL, reader_main, h);
	pthread_sigmask(SIG_SETMASK, &old, NULL);

	if (err) {
		close_pipe(h->stop_pipe);
		return err;
	}
	h->reader_started = true;
	return 0;
}

void xs_stop_reader(struct xs_handle *h)
{
	char c = 0;

	if (!h->reader_started)
		return;
	while (write(h->stop_pipe[1], &c, 1) < 0 && errno == EINTR)
		;
	pthread_join(h->reader, NULL);
	close_pipe(h->stop_pipe);
	h->reader_started = false;
}
