// SPDX-License-Identifier: GPL-2.0-only
/*
 * libxenstore against a fake daemon that misbehaves on purpose: each
 * case scripts the daemon's side of one connection, on a Unix socket
 * found through XENSTORED_PATH, and checks what the library makes of
 * short reads, oversized lengths, missing NULs, wrong ids and types, odd
 * error names, and watch events in the middle of replies.
 */
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <xenstore.h>

#include "harness.h"

/* A request as the fake daemon read it. */
struct request {
	struct xsd_sockmsg hdr;
	char payload[XENSTORE_PAYLOAD_MAX + 1];
};

#define MAX_REQUESTS 16

/* The script of the current case, and what its daemon saw. */
static struct {
	int listen_fd;
	pthread_t thread;
	void (*serve)(int fd);
	struct request requests[MAX_REQUESTS];
	int nr_requests;
} fake;

static bool read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

static void write_all(int fd, const void *buf, size_t len)
{
	if (send(fd, buf, len, MSG_NOSIGNAL) != (ssize_t)len)
		perror("fake daemon: send");
}

/* Reads the next request into the log; NULL once the client is gone. */
static struct request *get_request(int fd)
{
	struct request *r;

	if (fake.nr_requests == MAX_REQUESTS)
		return NULL;
	r = &fake.requests[fake.nr_requests];
	if (!read_all(fd, &r->hdr, sizeof(r->hdr)) ||
	    r->hdr.len > XENSTORE_PAYLOAD_MAX ||
	    !read_all(fd, r->payload, r->hdr.len))
		return NULL;
	r->payload[r->hdr.len] = '\0';
	fake.nr_requests++;
	return r;
}

/* Sends a message whose header claims len bytes of payload. */
static void put_msg(int fd, uint32_t type, uint32_t req_id,
		    const void *payload, uint32_t len)
{
	struct xsd_sockmsg hdr = { .type = type, .req_id = req_id, .len = len };

	write_all(fd, &hdr, sizeof(hdr));
	write_all(fd, payload, len);
}

/* Answers r with a payload of len bytes. */
static void reply(int fd, const struct request *r, uint32_t type,
		  const void *payload, uint32_t len)
{
	put_msg(fd, type, r->hdr.req_id, payload, len);
}

#define REPLY_STR(fd, r, type, s) reply(fd, r, type, s, sizeof(s) - 1)

static void *fake_main(void *arg)
{
	struct timeval timeout = { .tv_sec = 10 };
	int fd = accept(fake.listen_fd, NULL, NULL);

	if (fd < 0) {
		perror("fake daemon: accept");
		return NULL;
	}
	/* A case that goes wrong must not hang the suite. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	fake.serve(fd);
	close(fd);
	return NULL;
}

/* Starts the case's daemon and connects to it. */
static struct xs_handle *fake_open(void (*serve)(int fd), unsigned long flags)
{
	struct xs_handle *h;

	fake.serve = serve;
	fake.nr_requests = 0;
	pthread_create(&fake.thread, NULL, fake_main, NULL);
	h = xs_open(XS_OPEN_SOCKETONLY | flags);
	if (!h) {
		perror("xs_open");
		exit(2);
	}
	return h;
}

/* Closes the connection and waits for the case's daemon to finish. */
static void fake_close(struct xs_handle *h)
{
	xs_close(h);
	pthread_join(fake.thread, NULL);
}

/* Answers every request with an empty success, until the client leaves. */
static void ack_rest(int fd)
{
	struct request *r;

	while ((r = get_request(fd)))
		reply(fd, r, r->hdr.type, "OK", 3);
}

static void serve_value(int fd)
{
	struct request *r = get_request(fd);

	if (r)
		REPLY_STR(fd, r, XS_READ, "hello");
	ack_rest(fd);
}

static const char *read_value(void)
{
	struct xs_handle *h = fake_open(serve_value, 0);
	unsigned int len = 0;
	char *v = xs_read(h, XBT_NULL, "/a", &len);

	/* The daemon sent no NUL: the library adds one. */
	CHECK(v && len == 5 && !memcmp(v, "hello", 6));
	free(v);
	CHECK(xs_mkdir(h, XBT_NULL, "/b"));
	fake_close(h);
	CHECK(fake.nr_requests == 2);
	CHECK(fake.requests[0].hdr.type == XS_READ);
	CHECK(!strcmp(fake.requests[0].payload, "/a"));
	CHECK(fake.requests[0].hdr.len == 3);
	return NULL;
}

static void serve_slowly(int fd)
{
	struct request *r = get_request(fd);
	struct xsd_sockmsg hdr;
	char msg[sizeof(hdr) + 5];
	unsigned int i;

	if (!r)
		return;
	hdr = (struct xsd_sockmsg){ XS_READ, r->hdr.req_id, 0, 5 };
	memcpy(msg, &hdr, sizeof(hdr));
	memcpy(msg + sizeof(hdr), "slow!", 5);
	/* A byte at a time, so that every read of the client is short. */
	for (i = 0; i < sizeof(msg); i++) {
		write_all(fd, msg + i, 1);
		usleep(2000);
	}
	ack_rest(fd);
}

static const char *short_reads(void)
{
	struct xs_handle *h = fake_open(serve_slowly, 0);
	unsigned int len;
	char *v = xs_read(h, XBT_NULL, "/a", &len);

	CHECK(v && len == 5 && !strcmp(v, "slow!"));
	free(v);
	fake_close(h);
	return NULL;
}

static void serve_oversized(int fd)
{
	struct request *r = get_request(fd);
	struct xsd_sockmsg hdr;

	if (!r)
		return;
	/* The header claims more than the protocol allows. */
	hdr = (struct xsd_sockmsg){ XS_READ, r->hdr.req_id, 0,
				    XENSTORE_PAYLOAD_MAX + 1 };
	write_all(fd, &hdr, sizeof(hdr));
	ack_rest(fd);
}

static const char *oversized_length(void)
{
	struct xs_handle *h = fake_open(serve_oversized, 0);
	unsigned int len;

	CHECK_ERR(xs_read(h, XBT_NULL, "/a", &len), E2BIG);
	/* The stream is lost: nothing more is sent on it. */
	CHECK_ERR(xs_mkdir(h, XBT_NULL, "/b"), E2BIG);
	fake_close(h);
	CHECK(fake.nr_requests == 1);
	return NULL;
}

static void serve_wrong_id(int fd)
{
	struct request *r = get_request(fd);

	if (r)
		put_msg(fd, XS_READ, r->hdr.req_id + 1, "x", 1);
	ack_rest(fd);
}

static const char *wrong_req_id(void)
{
	struct xs_handle *h = fake_open(serve_wrong_id, 0);

	CHECK_ERR(xs_read(h, XBT_NULL, "/a", NULL), EBADF);
	CHECK_ERR(xs_read(h, XBT_NULL, "/a", NULL), EBADF);
	fake_close(h);
	CHECK(fake.nr_requests == 1);
	return NULL;
}

static void serve_wrong_type(int fd)
{
	struct request *r = get_request(fd);

	if (r)
		REPLY_STR(fd, r, XS_DIRECTORY, "x");
	ack_rest(fd);
}

static const char *wrong_type(void)
{
	struct xs_handle *h = fake_open(serve_wrong_type, 0);

	CHECK_ERR(xs_read(h, XBT_NULL, "/a", NULL), EBADF);
	CHECK_ERR(xs_write(h, XBT_NULL, "/a", "v", 1), EBADF);
	fake_close(h);
	return NULL;
}

/* Answers each request with the next of these errors, as sent. */
static const struct {
	const char *payload;
	unsigned int len;
} errors[] = {
	{ "ENOENT", 6 },		/* without its NUL */
	{ "EACCES\0", 7 },
	{ "EWHATEVER\0", 10 },		/* not in the protocol */
	{ "ENOENTX\0", 8 },
	{ "ENOEN", 5 },
	{ "", 0 },
	{ "EAGAIN\0trailing", 15 },
};

static void serve_errors(int fd)
{
	struct request *r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(errors) && (r = get_request(fd)); i++)
		reply(fd, r, XS_ERROR, errors[i].payload, errors[i].len);
	ack_rest(fd);
}

static const char *error_names(void)
{
	static const int want[ARRAY_SIZE(errors)] = {
		ENOENT, EACCES, EINVAL, EINVAL, EINVAL, EINVAL, EAGAIN,
	};
	struct xs_handle *h = fake_open(serve_errors, 0);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(want); i++) {
		errno = 0;
		if (xs_read(h, XBT_NULL, "/a", NULL) || errno != want[i])
			return test_fail("error %u: errno %d", i, errno);
	}
	/* Errors leave the connection usable. */
	CHECK(xs_mkdir(h, XBT_NULL, "/b"));
	fake_close(h);
	return NULL;
}

static void serve_eof_in_body(int fd)
{
	struct request *r = get_request(fd);
	struct xsd_sockmsg hdr;

	if (!r)
		return;
	hdr = (struct xsd_sockmsg){ XS_READ, r->hdr.req_id, 0, 10 };
	write_all(fd, &hdr, sizeof(hdr));
	write_all(fd, "ab", 2);
}

static const char *eof_in_reply(void)
{
	struct xs_handle *h = fake_open(serve_eof_in_body, 0);

	CHECK_ERR(xs_read(h, XBT_NULL, "/a", NULL), EBADF);
	CHECK_ERR(xs_read(h, XBT_NULL, "/a", NULL), EBADF);
	fake_close(h);
	return NULL;
}

static void serve_hang_up(int fd)
{
	get_request(fd);
}

static const char *eof_before_reply(void)
{
	struct xs_handle *h = fake_open(serve_hang_up, 0);

	CHECK_ERR(xs_directory(h, XBT_NULL, "/", &(unsigned int){ 0 }), EBADF);
	fake_close(h);
	return NULL;
}

/* Answers XS_DIRECTORY requests with these payloads, in turn. */
static const struct {
	const char *payload;
	unsigned int len;
	int err;		/* what xs_directory should fail with */
	unsigned int num;	/* else how many names it returns */
} dirs[] = {
	{ "a\0bb\0", 5, 0, 2 },
	{ "", 0, 0, 0 },
	{ "a\0b", 3, EIO, 0 },		/* the last name lacks its NUL */
	{ "a\0\0b\0", 5, EIO, 0 },	/* an empty name */
	{ "\0", 1, EIO, 0 },
};

static void serve_dirs(int fd)
{
	struct request *r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dirs) && (r = get_request(fd)); i++)
		reply(fd, r, XS_DIRECTORY, dirs[i].payload, dirs[i].len);
	ack_rest(fd);
}

static const char *directory_replies(void)
{
	struct xs_handle *h = fake_open(serve_dirs, 0);
	unsigned int i, num;
	char **names;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		num = 1234;
		errno = 0;
		names = xs_directory(h, XBT_NULL, "/d", &num);
		if (dirs[i].err ? names || errno != dirs[i].err :
				  !names || num != dirs[i].num)
			return test_fail("reply %u: %p, errno %d, num %u", i,
					 (void *)names, errno, num);
		if (i == 0)
			CHECK(!strcmp(names[0], "a") && !strcmp(names[1], "bb"));
		free(names);
	}
	CHECK(xs_mkdir(h, XBT_NULL, "/b"));
	fake_close(h);
	return NULL;
}

/*
 * XS_DIRECTORY_PART: the offset asked for, and the answer.  A NULL
 * offset marks the XS_DIRECTORY request, answered E2BIG.
 */
struct part {
	const char *offset;
	const char *payload;
	unsigned int len;
};

static const struct part *parts;
static unsigned int nr_parts;

#define PARTS(p) (parts = (p), nr_parts = ARRAY_SIZE(p))

static void serve_parts(int fd)
{
	struct request *r;
	unsigned int i;

	for (i = 0; i < nr_parts && (r = get_request(fd)); i++) {
		const char *offset = r->payload + strlen(r->payload) + 1;

		if (!parts[i].offset) {
			if (r->hdr.type != XS_DIRECTORY)
				return;
			REPLY_STR(fd, r, XS_ERROR, "E2BIG\0");
			continue;
		}
		/* A request not as scripted ends the conversation. */
		if (r->hdr.type != XS_DIRECTORY_PART ||
		    strcmp(r->payload, "/big") ||
		    strcmp(offset, parts[i].offset))
			return;
		reply(fd, r, XS_DIRECTORY_PART, parts[i].payload, parts[i].len);
	}
	ack_rest(fd);
}

/* Lists /big in parts and checks the names against want. */
static const char *list_in_parts(const char *const *want, unsigned int n)
{
	struct xs_handle *h = fake_open(serve_parts, 0);
	unsigned int i, num;
	char **names;

	names = xs_directory(h, XBT_NULL, "/big", &num);
	fake_close(h);
	if (!names)
		return test_fail("xs_directory: errno %d", errno);
	if (num != n)
		return test_fail("%u names, not %u", num, n);
	for (i = 0; i < n; i++)
		if (strcmp(names[i], want[i]))
			return test_fail("name %u is %s", i, names[i]);
	free(names);
	CHECK(fake.nr_requests == (int)nr_parts);
	return NULL;
}

static const char *directory_parts(void)
{
	static const struct part p[] = {
		{ NULL },
		{ "0", "7\0a\0bb\0", 7 },
		{ "5", "7\0ccc\0\0", 7 },
	};
	static const char *const want[] = { "a", "bb", "ccc" };

	PARTS(p);
	return list_in_parts(want, ARRAY_SIZE(want));
}

static const char *directory_parts_restart(void)
{
	static const struct part p[] = {
		{ NULL },
		{ "0", "7\0a\0bb\0", 7 },
		/* The node changed: the list is fetched again. */
		{ "5", "8\0x\0\0", 5 },
		{ "0", "8\0x\0y\0", 6 },
		{ "4", "8\0\0", 3 },
	};
	static const char *const want[] = { "x", "y" };

	PARTS(p);
	return list_in_parts(want, ARRAY_SIZE(want));
}

/* A scripted list of parts that xs_directory must refuse with err. */
static const char *bad_parts(const struct part *p, unsigned int n, int err)
{
	struct xs_handle *h;
	unsigned int num;

	parts = p;
	nr_parts = n;
	h = fake_open(serve_parts, 0);
	CHECK_ERR(xs_directory(h, XBT_NULL, "/big", &num), err);
	fake_close(h);
	return NULL;
}

static const char *directory_parts_malformed(void)
{
	/* A part that brings nothing and does not end the list. */
	static const struct part stuck[] = { { NULL }, { "0", "7\0", 2 } };
	/* No NUL after the generation. */
	static const struct part no_gen[] = { { NULL }, { "0", "77", 2 } };
	/* A name cut in the middle. */
	static const struct part cut[] = { { NULL }, { "0", "7\0ab", 4 } };
	/* A generation longer than any 64-bit count. */
	static const struct part long_gen[] = {
		{ NULL }, { "0", "1234567890123456789012345\0a\0\0", 29 },
	};
	const char *why;

	if ((why = bad_parts(stuck, ARRAY_SIZE(stuck), EIO)) ||
	    (why = bad_parts(no_gen, ARRAY_SIZE(no_gen), EIO)) ||
	    (why = bad_parts(cut, ARRAY_SIZE(cut), EIO)) ||
	    (why = bad_parts(long_gen, ARRAY_SIZE(long_gen), EIO)))
		return why;
	return NULL;
}

static void serve_no_parts(int fd)
{
	struct request *r = get_request(fd);

	if (r)
		REPLY_STR(fd, r, XS_ERROR, "E2BIG\0");
	r = get_request(fd);
	if (r)
		REPLY_STR(fd, r, XS_ERROR, "ENOSYS\0");
	ack_rest(fd);
}

static const char *directory_parts_unsupported(void)
{
	struct xs_handle *h = fake_open(serve_no_parts, 0);
	unsigned int num;

	CHECK_ERR(xs_directory(h, XBT_NULL, "/big", &num), E2BIG);
	fake_close(h);
	return NULL;
}

/* Answers XS_GET_PERMS requests with these payloads, in turn. */
static const struct {
	const char *payload;
	unsigned int len;
} perm_replies[] = {
	{ "w0\0r5\0", 6 },
	{ "", 0 },		/* not even an owner */
	{ "r1", 2 },		/* no NUL */
	{ "r0\0r1", 5 },	/* the second entry without its NUL */
	{ "x0\0", 3 },
	{ "r0\0\0", 4 },	/* an empty entry */
	{ "r-1\0", 4 },
};

static void serve_perms(int fd)
{
	struct request *r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(perm_replies) && (r = get_request(fd)); i++)
		reply(fd, r, XS_GET_PERMS, perm_replies[i].payload,
		      perm_replies[i].len);
	ack_rest(fd);
}

static const char *permission_replies(void)
{
	struct xs_handle *h = fake_open(serve_perms, 0);
	struct xs_permissions *p;
	unsigned int i, num = 0;

	p = xs_get_permissions(h, XBT_NULL, "/a", &num);
	CHECK(p && num == 2);
	CHECK(p[0].perms == XS_PERM_WRITE && p[0].id == 0);
	CHECK(p[1].perms == XS_PERM_READ && p[1].id == 5);
	free(p);
	for (i = 1; i < ARRAY_SIZE(perm_replies); i++) {
		errno = 0;
		if (xs_get_permissions(h, XBT_NULL, "/a", &num) || errno != EIO)
			return test_fail("reply %u: errno %d", i, errno);
	}
	fake_close(h);
	return NULL;
}

/* Answers XS_TRANSACTION_START requests with these ids, in turn. */
static const struct {
	const char *payload;
	unsigned int len;
} tx_replies[] = {
	{ "42\0", 3 },
	{ "43", 2 },
	{ "12a\0", 4 },
	{ "0\0", 2 },		/* would read as failure */
	{ "4294967296\0", 11 },
	{ "", 0 },
};

static void serve_transactions(int fd)
{
	struct request *r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tx_replies) && (r = get_request(fd)); i++)
		reply(fd, r, XS_TRANSACTION_START, tx_replies[i].payload,
		      tx_replies[i].len);
	ack_rest(fd);
}

static const char *transaction_ids(void)
{
	struct xs_handle *h = fake_open(serve_transactions, 0);
	unsigned int i;

	CHECK(xs_transaction_start(h) == 42);
	CHECK(xs_transaction_start(h) == 43);
	for (i = 2; i < ARRAY_SIZE(tx_replies); i++) {
		errno = 0;
		if (xs_transaction_start(h) != XBT_NULL || errno != EIO)
			return test_fail("id %u: errno %d", i, errno);
	}
	CHECK(xs_transaction_end(h, 42, false));
	CHECK(xs_transaction_end(h, 43, true));
	fake_close(h);
	CHECK(fake.requests[6].hdr.type == XS_TRANSACTION_END);
	CHECK(fake.requests[6].hdr.tx_id == 42);
	CHECK(!strcmp(fake.requests[6].payload, "T"));
	CHECK(!strcmp(fake.requests[7].payload, "F"));
	CHECK(fake.requests[7].hdr.tx_id == 43);
	return NULL;
}

static void serve_event_first(int fd)
{
	static const char event[] = "/w/x\0tok";
	struct request *r = get_request(fd);

	if (!r)
		return;
	/* Events may come before the reply they are not part of. */
	put_msg(fd, XS_WATCH_EVENT, 0, event, sizeof(event));
	REPLY_STR(fd, r, XS_READ, "v");
	ack_rest(fd);
}

static const char *event_before_reply(void)
{
	struct xs_handle *h = fake_open(serve_event_first, 0);
	char **event;
	char *v;

	v = xs_read(h, XBT_NULL, "/a", NULL);
	CHECK(v && !strcmp(v, "v"));
	free(v);
	event = xs_check_watch(h);
	CHECK(event && !strcmp(event[XS_WATCH_PATH], "/w/x") &&
	      !strcmp(event[XS_WATCH_TOKEN], "tok"));
	free(event);
	CHECK_ERR(xs_check_watch(h), EAGAIN);
	fake_close(h);
	return NULL;
}

static void serve_bad_events(int fd)
{
	struct request *r = get_request(fd);

	if (!r)
		return;
	put_msg(fd, XS_WATCH_EVENT, 0, "nonul", 5);
	put_msg(fd, XS_WATCH_EVENT, 0, "one\0", 4);
	put_msg(fd, XS_WATCH_EVENT, 0, "", 0);
	put_msg(fd, XS_WATCH_EVENT, 0, "/ok\0t\0", 6);
	REPLY_STR(fd, r, XS_READ, "v");
	ack_rest(fd);
}

static const char *malformed_events_dropped(void)
{
	struct xs_handle *h = fake_open(serve_bad_events, 0);
	char **event;

	free(xs_read(h, XBT_NULL, "/a", NULL));
	event = xs_check_watch(h);
	CHECK(event && !strcmp(event[XS_WATCH_PATH], "/ok"));
	free(event);
	CHECK_ERR(xs_check_watch(h), EAGAIN);
	fake_close(h);
	return NULL;
}

static void serve_unsolicited(int fd)
{
	struct request *r = get_request(fd);

	if (!r)
		return;
	REPLY_STR(fd, r, XS_WATCH, "OK");
	/*
	 * The same reply again, to no request: the daemon and the client are
	 * out of step.
	 */
	REPLY_STR(fd, r, XS_WATCH, "OK");
	ack_rest(fd);
}

static const char *unsolicited_reply(void)
{
	struct xs_handle *h = fake_open(serve_unsolicited, 0);
	struct pollfd pfd;

	CHECK(xs_watch(h, "/w", "t"));
	/* The reader thread finds it: xs_fileno polls readable... */
	pfd = (struct pollfd){ .fd = xs_fileno(h), .events = POLLIN };
	CHECK(pfd.fd >= 0);
	CHECK(poll(&pfd, 1, 5000) == 1);
	/* ...and no event explains it. */
	CHECK_ERR(xs_check_watch(h), EBADF);
	CHECK_ERR(xs_read(h, XBT_NULL, "/a", NULL), EBADF);
	fake_close(h);
	return NULL;
}

static void serve_watch_then_close(int fd)
{
	struct request *r = get_request(fd);

	if (r)
		REPLY_STR(fd, r, XS_WATCH, "OK");
	usleep(50000);
}

static const char *read_watch_sees_eof(void)
{
	struct xs_handle *h = fake_open(serve_watch_then_close, 0);
	unsigned int num;

	CHECK(xs_watch(h, "/w", "t"));
	/* Blocks until the daemon hangs up, then fails rather than hangs. */
	CHECK_ERR(xs_read_watch(h, &num), EBADF);
	fake_close(h);
	return NULL;
}

static void serve_events_then_unwatch(int fd)
{
	struct request *r = get_request(fd);

	if (!r)
		return;
	REPLY_STR(fd, r, XS_WATCH, "OK");
	put_msg(fd, XS_WATCH_EVENT, 0, "/w\0t\0", 5);
	put_msg(fd, XS_WATCH_EVENT, 0, "/w/sub\0t\0", 9);
	put_msg(fd, XS_WATCH_EVENT, 0, "/w/sub\0other\0", 13);
	put_msg(fd, XS_WATCH_EVENT, 0, "/x\0t\0", 5);
	ack_rest(fd);
}

/* Counts the queued events, taking them. */
static unsigned int count_events(struct xs_handle *h)
{
	unsigned int n = 0;
	char **event;

	while ((event = xs_check_watch(h))) {
		free(event);
		n++;
	}
	return n;
}

/* Sets a watch, waits for the four scripted events, and unwatches. */
static const char *unwatch_leaves(unsigned long flags, unsigned int left)
{
	struct xs_handle *h = fake_open(serve_events_then_unwatch, flags);
	unsigned int i;
	char *v;

	CHECK(xs_watch(h, "/w", "t"));
	/* ack_rest answers this after the events: they are queued by then. */
	for (i = 0; i < 2; i++) {
		v = xs_read(h, XBT_NULL, "/sync", NULL);
		free(v);
	}
	CHECK(xs_unwatch(h, "/w", "t"));
	i = count_events(h);
	fake_close(h);
	if (i != left)
		return test_fail("%u events left, not %u", i, left);
	return NULL;
}

static const char *unwatch_filter(void)
{
	const char *why = unwatch_leaves(0, 4);

	/* With the filter, only the other token's and the other path's. */
	return why ? why : unwatch_leaves(XS_UNWATCH_FILTER, 2);
}

static void serve_ack_all(int fd)
{
	ack_rest(fd);
}

static const char *request_encoding(void)
{
	struct xs_permissions perms[] = {
		{ 0, XS_PERM_WRITE }, { 5, XS_PERM_READ }, { 7, XS_PERM_NONE },
	};
	struct xs_handle *h = fake_open(serve_ack_all, 0);
	struct request *r = fake.requests;
	char data[] = "a\0b";

	CHECK(xs_write(h, 9, "/w", "val", 3));
	CHECK(xs_set_permissions(h, XBT_NULL, "/p", perms, 3));
	CHECK(xs_introduce_domain(h, 1, 0x12345678, 3));
	CHECK(xs_set_target(h, 4, 5));
	CHECK(xs_release_domain(h, 6));
	CHECK(xs_resume_domain(h, 7));
	free(xs_control_command(h, "cmd", data, sizeof(data)));
	CHECK(xs_rm(h, XBT_NULL, "/gone"));
	fake_close(h);

	CHECK(fake.nr_requests == 8);
	CHECK(r[0].hdr.type == XS_WRITE && r[0].hdr.tx_id == 9);
	CHECK(r[0].hdr.len == 6 && !memcmp(r[0].payload, "/w\0val", 6));
	CHECK(r[1].hdr.type == XS_SET_PERMS && r[1].hdr.len == 12);
	CHECK(!memcmp(r[1].payload, "/p\0w0\0r5\0n7\0", 12));
	CHECK(r[2].hdr.type == XS_INTRODUCE && r[2].hdr.len == 14);
	CHECK(!memcmp(r[2].payload, "1\0" "305419896\0" "3\0", 14));
	CHECK(r[3].hdr.type == XS_SET_TARGET &&
	      !memcmp(r[3].payload, "4\0" "5\0", 4));
	CHECK(r[4].hdr.type == XS_RELEASE && !strcmp(r[4].payload, "6"));
	CHECK(r[5].hdr.type == XS_RESUME && !strcmp(r[5].payload, "7"));
	CHECK(r[6].hdr.type == XS_CONTROL && r[6].hdr.len == 8);
	CHECK(!memcmp(r[6].payload, "cmd\0a\0b\0", 8));
	CHECK(r[7].hdr.type == XS_RM && r[7].hdr.len == 6);
	/* Each request has its own id. */
	CHECK(r[0].hdr.req_id != r[1].hdr.req_id);
	return NULL;
}

static const char *payload_too_big(void)
{
	struct xs_handle *h = fake_open(serve_ack_all, 0);
	static char big[XENSTORE_PAYLOAD_MAX];

	/* Path and value together exceed the limit: nothing is sent. */
	CHECK_ERR(xs_write(h, XBT_NULL, "/a", big, sizeof(big)), E2BIG);
	CHECK(xs_write(h, XBT_NULL, "/a", big, sizeof(big) - 3));
	fake_close(h);
	CHECK(fake.nr_requests == 1);
	return NULL;
}

static void serve_domains(int fd)
{
	static const struct {
		const char *payload;
		unsigned int len;
	} answers[] = {
		{ "T\0", 2 }, { "F\0", 2 }, { "T", 1 }, { "X\0", 2 },
		{ "TT\0", 3 }, { "/local/domain/3", 15 },
	};
	struct request *r;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(answers) && (r = get_request(fd)); i++)
		reply(fd, r, r->hdr.type, answers[i].payload, answers[i].len);
	ack_rest(fd);
}

static const char *domain_replies(void)
{
	struct xs_handle *h = fake_open(serve_domains, 0);
	char *path;

	CHECK(xs_is_domain_introduced(h, 1));
	errno = 0;
	CHECK(!xs_is_domain_introduced(h, 2) && errno == 0);
	CHECK(xs_is_domain_introduced(h, 3));
	CHECK_ERR(xs_is_domain_introduced(h, 4), EIO);
	CHECK_ERR(xs_is_domain_introduced(h, 5), EIO);
	path = xs_get_domain_path(h, 3);
	CHECK(path && !strcmp(path, "/local/domain/3"));
	free(path);
	fake_close(h);
	CHECK(fake.requests[0].hdr.type == XS_IS_DOMAIN_INTRODUCED);
	CHECK(fake.requests[5].hdr.type == XS_GET_DOMAIN_PATH);
	return NULL;
}

static const struct test_case cases[] = {
	TEST(read_value),
	TEST(short_reads),
	TEST(oversized_length),
	TEST(wrong_req_id),
	TEST(wrong_type),
	TEST(error_names),
	TEST(eof_in_reply),
	TEST(eof_before_reply),
	TEST(directory_replies),
	TEST(directory_parts),
	TEST(directory_parts_restart),
	TEST(directory_parts_malformed),
	TEST(directory_parts_unsupported),
	TEST(permission_replies),
	TEST(transaction_ids),
	TEST(event_before_reply),
	TEST(malformed_events_dropped),
	TEST(unsolicited_reply),
	TEST(read_watch_sees_eof),
	TEST(unwatch_filter),
	TEST(request_encoding),
	TEST(payload_too_big),
	TEST(domain_replies),
};

int main(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	char dir[] = "/tmp/xs-fake-XXXXXX";
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/socket", dir);
	fake.listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fake.listen_fd < 0 ||
	    bind(fake.listen_fd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(fake.listen_fd, 1)) {
		perror("fake daemon socket");
		return 2;
	}
	setenv("XENSTORED_PATH", addr.sun_path, 1);

	rc = test_run("fake-daemon", cases, ARRAY_SIZE(cases), NULL);

	unlink(addr.sun_path);
	rmdir(dir);
	return rc;
}
