// SPDX-License-Identifier: GPL-2.0-only
/*
 * libxenstore against the real xenstored, reached through XENSTORED_PATH
 * (run.sh starts one per suite).  When run.sh could not start it, it says
 * why in XS_TEST_NO_DAEMON, and every case fails with that reason.
 */
#include <libgen.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenstore.h>

#include "harness.h"

/* How long an expected watch event may take. */
#define EVENT_MS 5000

static struct xs_handle *open_or_die(unsigned long flags)
{
	struct xs_handle *h = xs_open(flags);

	if (!h) {
		perror("xs_open");
		exit(2);
	}
	return h;
}

/* Whether path reads as the len bytes of want. */
static bool reads_as(struct xs_handle *h, xs_transaction_t t,
		     const char *path, const char *want, unsigned int len)
{
	unsigned int got_len;
	char *got = xs_read(h, t, path, &got_len);
	bool ok = got && got_len == len && !memcmp(got, want, len) &&
		  !got[len];

	free(got);
	return ok;
}

/* The next watch event within ms, or NULL. */
static char **next_event(struct xs_handle *h, int ms)
{
	struct pollfd pfd = { .fd = xs_fileno(h), .events = POLLIN };
	char **event = xs_check_watch(h);

	if (event || poll(&pfd, 1, ms) <= 0)
		return event;
	return xs_check_watch(h);
}

/* Whether the next event, within ms, is for path with token. */
static bool event_is(struct xs_handle *h, const char *path,
		     const char *token, int ms)
{
	char **event = next_event(h, ms);
	bool ok = event && !strcmp(event[XS_WATCH_PATH], path) &&
		  !strcmp(event[XS_WATCH_TOKEN], token);

	free(event);
	return ok;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *read_write(void)
{
	struct xs_handle *h = open_or_die(0);

	CHECK(xs_write(h, XBT_NULL, "/t/rw", "hello", 5));
	CHECK(reads_as(h, XBT_NULL, "/t/rw", "hello", 5));
	/* Values are bytes: NULs included. */
	CHECK(xs_write(h, XBT_NULL, "/t/rw", "a\0b", 3));
	CHECK(reads_as(h, XBT_NULL, "/t/rw", "a\0b", 3));
	CHECK(xs_write(h, XBT_NULL, "/t/rw", "", 0));
	CHECK(reads_as(h, XBT_NULL, "/t/rw", "", 0));
	/* Missing parents are created, with empty values. */
	CHECK(xs_write(h, XBT_NULL, "/t/deep/er/node", "x", 1));
	CHECK(reads_as(h, XBT_NULL, "/t/deep/er", "", 0));
	CHECK_ERR(xs_read(h, XBT_NULL, "/t/none", NULL), ENOENT);
	xs_close(h);
	return NULL;
}

static const char *largest_value(void)
{
	static const char path[] = "/t/big";
	static char value[XENSTORE_PAYLOAD_MAX];
	unsigned int len = XENSTORE_PAYLOAD_MAX - sizeof(path);
	struct xs_handle *h = open_or_die(0);

	memset(value, 'v', sizeof(value));
	CHECK(xs_write(h, XBT_NULL, path, value, len));
	CHECK(reads_as(h, XBT_NULL, path, value, len));
	CHECK_ERR(xs_write(h, XBT_NULL, path, value, len + 1), E2BIG);
	xs_close(h);
	return NULL;
}

static const char *bad_paths(void)
{
	struct xs_handle *h = open_or_die(0);

	CHECK_ERR(xs_write(h, XBT_NULL, "/t/bad path", "x", 1), EINVAL);
	CHECK_ERR(xs_write(h, XBT_NULL, "/t//double", "x", 1), EINVAL);
	CHECK_ERR(xs_read(h, XBT_NULL, "/t/trailing/", NULL), EINVAL);
	/* The connection survives the daemon's refusals. */
	CHECK(xs_mkdir(h, XBT_NULL, "/t/after"));
	xs_close(h);
	return NULL;
}

static const char *mkdir_rm(void)
{
	struct xs_handle *h = open_or_die(0);
	unsigned int num;

	CHECK(xs_mkdir(h, XBT_NULL, "/t/dir"));
	CHECK(reads_as(h, XBT_NULL, "/t/dir", "", 0));
	CHECK(xs_mkdir(h, XBT_NULL, "/t/dir"));
	CHECK(xs_write(h, XBT_NULL, "/t/dir/a/b", "x", 1));
	CHECK(xs_rm(h, XBT_NULL, "/t/dir"));
	CHECK_ERR(xs_read(h, XBT_NULL, "/t/dir/a/b", NULL), ENOENT);
	CHECK_ERR(xs_directory(h, XBT_NULL, "/t/dir", &num), ENOENT);
	CHECK_ERR(xs_rm(h, XBT_NULL, "/t/no-parent/child"), ENOENT);
	xs_close(h);
	return NULL;
}

static const char *directory(void)
{
	struct xs_handle *h = open_or_die(0);
	unsigned int num;
	char **names;

	CHECK(xs_write(h, XBT_NULL, "/t/ls/b", "", 0));
	CHECK(xs_write(h, XBT_NULL, "/t/ls/a", "", 0));
	CHECK(xs_write(h, XBT_NULL, "/t/ls/c/d", "", 0));
	names = xs_directory(h, XBT_NULL, "/t/ls", &num);
	CHECK(names && num == 3);
	qsort(names, num, sizeof(*names), compare_names);
	CHECK(!strcmp(names[0], "a") && !strcmp(names[1], "b") &&
	      !strcmp(names[2], "c"));
	free(names);
	names = xs_directory(h, XBT_NULL, "/t/ls/a", &num);
	CHECK(names && num == 0);
	free(names);
	xs_close(h);
	return NULL;
}

static const char *directory_in_parts(void)
{
	/* 200 names of 40 bytes: twice what one reply holds. */
	enum { N = 200 };
	struct xs_handle *h = open_or_die(0);
	char path[128];
	unsigned int i, num;
	char **names;

	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path),
			 "/t/many/child-with-a-long-name-number-%03u", i);
		CHECK(xs_write(h, XBT_NULL, path, "", 0));
	}
	names = xs_directory(h, XBT_NULL, "/t/many", &num);
	if (!names)
		return test_fail("xs_directory: errno %d", errno);
	CHECK(num == N);
	qsort(names, num, sizeof(*names), compare_names);
	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path),
			 "child-with-a-long-name-number-%03u", i);
		if (strcmp(names[i], path))
			return test_fail("name %u is %s", i, names[i]);
	}
	free(names);
	xs_close(h);
	return NULL;
}

static const char *permissions(void)
{
	struct xs_permissions set[] = {
		{ 0, XS_PERM_NONE }, { 5, XS_PERM_READ },
		{ 7, XS_PERM_READ | XS_PERM_WRITE },
	};
	struct xs_handle *h = open_or_die(0);
	struct xs_permissions *p;
	unsigned int num;

	CHECK(xs_write(h, XBT_NULL, "/t/perm", "x", 1));
	p = xs_get_permissions(h, XBT_NULL, "/t/perm", &num);
	/* Dom0 owns what it creates; others may do nothing by default. */
	CHECK(p && num == 1 && p[0].id == 0 && p[0].perms == XS_PERM_NONE);
	free(p);

	CHECK(xs_set_permissions(h, XBT_NULL, "/t/perm", set, 3));
	p = xs_get_permissions(h, XBT_NULL, "/t/perm", &num);
	CHECK(p && num == 3);
	CHECK(p[1].id == 5 && p[1].perms == XS_PERM_READ);
	CHECK(p[2].id == 7 && p[2].perms == (XS_PERM_READ | XS_PERM_WRITE));
	free(p);

	CHECK_ERR(xs_set_permissions(h, XBT_NULL, "/t/none", set, 1), ENOENT);
	CHECK_ERR(xs_get_permissions(h, XBT_NULL, "/t/none", &num), ENOENT);
	xs_close(h);
	return NULL;
}

static const char *transaction_commit_abort(void)
{
	struct xs_handle *h = open_or_die(0);
	xs_transaction_t t;

	t = xs_transaction_start(h);
	CHECK(t != XBT_NULL);
	CHECK(xs_write(h, t, "/t/tx/a", "1", 1));
	/* Invisible outside until committed. */
	CHECK(reads_as(h, t, "/t/tx/a", "1", 1));
	CHECK_ERR(xs_read(h, XBT_NULL, "/t/tx/a", NULL), ENOENT);
	CHECK(xs_transaction_end(h, t, false));
	CHECK(reads_as(h, XBT_NULL, "/t/tx/a", "1", 1));

	t = xs_transaction_start(h);
	CHECK(t != XBT_NULL);
	CHECK(xs_write(h, t, "/t/tx/a", "2", 1));
	CHECK(xs_transaction_end(h, t, true));
	CHECK(reads_as(h, XBT_NULL, "/t/tx/a", "1", 1));
	/* An ended transaction is gone. */
	CHECK_ERR(xs_read(h, t, "/t/tx/a", NULL), ENOENT);
	xs_close(h);
	return NULL;
}

static const char *transaction_conflict(void)
{
	struct xs_handle *h = open_or_die(0), *other = open_or_die(0);
	unsigned int tries = 0;
	xs_transaction_t t;
	bool ok;

	CHECK(xs_write(h, XBT_NULL, "/t/conflict/n", "0", 1));
	/* As every client should: retry while the daemon says EAGAIN. */
	do {
		char *v;

		t = xs_transaction_start(h);
		CHECK(t != XBT_NULL);
		v = xs_read(h, t, "/t/conflict/n", NULL);
		CHECK(v);
		free(v);
		/* The first time round, another client changes it meanwhile. */
		if (!tries++)
			CHECK(xs_write(other, XBT_NULL, "/t/conflict/n", "9", 1));
		CHECK(xs_write(h, t, "/t/conflict/n", "1", 1));
		ok = xs_transaction_end(h, t, false);
		CHECK(ok || errno == EAGAIN);
	} while (!ok && tries < 5);
	CHECK(ok && tries == 2);
	CHECK(reads_as(other, XBT_NULL, "/t/conflict/n", "1", 1));
	xs_close(other);
	xs_close(h);
	return NULL;
}

static const char *watch_other_handle(void)
{
	struct xs_handle *h = open_or_die(0), *other = open_or_die(0);

	CHECK(xs_write(h, XBT_NULL, "/t/w", "", 0));
	CHECK(xs_watch(h, "/t/w", "tok"));
	/* A new watch fires once straight away. */
	CHECK(event_is(h, "/t/w", "tok", EVENT_MS));
	CHECK(xs_write(other, XBT_NULL, "/t/w/x", "1", 1));
	CHECK(event_is(h, "/t/w/x", "tok", EVENT_MS));
	CHECK(xs_rm(other, XBT_NULL, "/t/w/x"));
	CHECK(event_is(h, "/t/w/x", "tok", EVENT_MS));
	/* Outside the watched tree: nothing. */
	CHECK(xs_write(other, XBT_NULL, "/t/w2", "1", 1));
	CHECK(!next_event(h, 200));

	CHECK(xs_unwatch(h, "/t/w", "tok"));
	CHECK(xs_write(other, XBT_NULL, "/t/w/y", "1", 1));
	CHECK(!next_event(h, 200));
	CHECK_ERR(xs_unwatch(h, "/t/w", "tok"), ENOENT);
	xs_close(other);
	xs_close(h);
	return NULL;
}

static const char *watch_fileno(void)
{
	struct xs_handle *h = open_or_die(0), *other = open_or_die(0);
	struct pollfd pfd;
	char **event;

	CHECK(xs_watch(h, "/t/fd", "t"));
	pfd = (struct pollfd){ .fd = xs_fileno(h), .events = POLLIN };
	CHECK(pfd.fd >= 0 && xs_fileno(h) == pfd.fd);
	CHECK(poll(&pfd, 1, EVENT_MS) == 1);
	free(xs_check_watch(h));
	CHECK(xs_write(other, XBT_NULL, "/t/fd", "1", 1));
	CHECK(poll(&pfd, 1, EVENT_MS) == 1);
	event = xs_check_watch(h);
	CHECK(event && !strcmp(event[XS_WATCH_PATH], "/t/fd"));
	free(event);
	/* Drained: no longer readable. */
	CHECK_ERR(xs_check_watch(h), EAGAIN);
	CHECK(poll(&pfd, 1, 0) == 0);
	xs_close(other);
	xs_close(h);
	return NULL;
}

struct waiter {
	struct xs_handle *h;
	char **event;
	unsigned int num;
};

static void *wait_event(void *arg)
{
	struct waiter *w = arg;

	w->event = xs_read_watch(w->h, &w->num);
	return NULL;
}

static const char *watch_while_requesting(void)
{
	struct xs_handle *h = open_or_die(0), *other = open_or_die(0);
	struct waiter w = { .h = h };
	pthread_t thread;
	unsigned int i;

	CHECK(xs_watch(h, "/t/thr/watched", "t"));
	CHECK(event_is(h, "/t/thr/watched", "t", EVENT_MS));
	pthread_create(&thread, NULL, wait_event, &w);

	/* The waiting thread does not hold up requests on the handle. */
	for (i = 0; i < 20; i++) {
		CHECK(xs_write(h, XBT_NULL, "/t/thr/busy", "x", 1));
		CHECK(reads_as(h, XBT_NULL, "/t/thr/busy", "x", 1));
	}
	CHECK(xs_write(other, XBT_NULL, "/t/thr/watched", "1", 1));
	pthread_join(thread, NULL);
	CHECK(w.event && w.num >= 2);
	CHECK(!strcmp(w.event[XS_WATCH_PATH], "/t/thr/watched"));
	free(w.event);
	xs_close(other);
	xs_close(h);
	return NULL;
}

static const char *domain_requests(void)
{
	struct xs_handle *h = open_or_die(0);
	char *path = xs_get_domain_path(h, 5);

	CHECK(path && !strcmp(path, "/local/domain/5"));
	free(path);
	errno = 0;
	CHECK(!xs_is_domain_introduced(h, 12345) && errno == 0);
	/* Domains the daemon does not serve. */
	CHECK_ERR(xs_release_domain(h, 12345), ENOENT);
	CHECK_ERR(xs_resume_domain(h, 12345), ENOENT);
	CHECK_ERR(xs_set_target(h, 12345, 12346), ENOENT);
	/* No hypervisor to map the page from: refused, whatever the errno. */
	errno = 0;
	CHECK(!xs_introduce_domain(h, 12345, 0x1234, 5) && errno);
	CHECK_ERR(xs_restrict(h, 1), ENOSYS);
	xs_close(h);
	return NULL;
}

static const char *suspend_evtchn_port(void)
{
	struct xs_handle *h = open_or_die(0);

	CHECK(xs_write(h, XBT_NULL,
		       "/local/domain/7/device/suspend/event-channel", "33", 2));
	CHECK(xs_suspend_evtchn_port(7) == 33);
	CHECK(xs_suspend_evtchn_port(8) == -1);
	xs_close(h);
	return NULL;
}

static const char *control_commands(void)
{
	struct xs_handle *h = open_or_die(0);
	char *help = xs_control_command(h, "help", NULL, 0);

	CHECK(help && *help);
	free(help);
	CHECK_ERR(xs_control_command(h, "no-such-command", NULL, 0), EINVAL);
	help = xs_debug_command(h, "help", NULL, 0);
	CHECK(help);
	free(help);
	xs_close(h);
	return NULL;
}

static const char *old_names(void)
{
	struct xs_handle *h;

	h = xs_daemon_open();
	CHECK(h && xs_write(h, XBT_NULL, "/t/old", "1", 1));
	xs_daemon_close(h);
	h = xs_domain_open();
	CHECK(h && reads_as(h, XBT_NULL, "/t/old", "1", 1));
	xs_daemon_close(h);
	h = xs_daemon_open_readonly();
	CHECK(h && reads_as(h, XBT_NULL, "/t/old", "1", 1));
	xs_close(h);
	xs_close(NULL);
	return NULL;
}

static const char *after_fork(void)
{
	struct xs_handle *h = open_or_die(0);
	int status;
	pid_t pid;

	CHECK(xs_watch(h, "/t/fork", "t"));
	pid = fork();
	if (!pid) {
		/* The child frees the parent's handle without using it. */
		xs_daemon_destroy_postfork(h);
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && !WEXITSTATUS(status));
	CHECK(xs_write(h, XBT_NULL, "/t/fork", "1", 1));
	CHECK(reads_as(h, XBT_NULL, "/t/fork", "1", 1));
	xs_close(h);
	return NULL;
}

static const char *daemon_path_override(void)
{
	char *path = strdup(getenv("XENSTORED_PATH"));
	char *dir = strdup(path);
	struct xs_handle *h;

	/* The run folder alone finds the socket, when it has that name. */
	unsetenv("XENSTORED_PATH");
	setenv("XENSTORED_RUNDIR", dirname(dir), 1);
	if (!strcmp(xs_daemon_socket(), path)) {
		h = xs_open(XS_OPEN_SOCKETONLY);
		CHECK(h);
		xs_close(h);
	}
	unsetenv("XENSTORED_RUNDIR");

	/* XENSTORED_PATH wins over everything. */
	setenv("XENSTORED_PATH", "/nonexistent/socket", 1);
	CHECK_ERR(xs_open(XS_OPEN_SOCKETONLY), ENOENT);
	setenv("XENSTORED_PATH", path, 1);
	h = xs_open(XS_OPEN_SOCKETONLY);
	CHECK(h);
	xs_close(h);
	free(dir);
	free(path);
	return NULL;
}

static const struct test_case cases[] = {
	TEST(read_write),
	TEST(largest_value),
	TEST(bad_paths),
	TEST(mkdir_rm),
	TEST(directory),
	TEST(directory_in_parts),
	TEST(permissions),
	TEST(transaction_commit_abort),
	TEST(transaction_conflict),
	TEST(watch_other_handle),
	TEST(watch_fileno),
	TEST(watch_while_requesting),
	TEST(domain_requests),
	TEST(suspend_evtchn_port),
	TEST(control_commands),
	TEST(old_names),
	TEST(after_fork),
	TEST(daemon_path_override),
};

int main(void)
{
	const char *skip = getenv("XS_TEST_NO_DAEMON");

	if (!skip && !getenv("XENSTORED_PATH"))
		skip = "XENSTORED_PATH not set";
	return test_run("daemon", cases, ARRAY_SIZE(cases), skip);
}
