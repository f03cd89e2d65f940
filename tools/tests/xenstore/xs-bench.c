// SPDX-License-Identifier: GPL-2.0-only
/*
 * xs-bench: how fast the daemon answers, seen from a client.  Times n
 * rounds each of a read, a write, a listing of a node with 100 children,
 * and a transaction (start, 3 reads, 2 writes, commit; restarted on
 * EAGAIN), then prints ops/s and mean latency per round.  Connects as
 * xs_open(0) does: XENSTORED_PATH, else the default socket or device.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>

#define NR_CHILDREN 100

struct bench {
	struct xs_handle *h;
	char base[64];
	char value[96];		/* a node to read and write */
	char dir[96];		/* the node with the children */
	char tx[5][96];		/* the nodes the transaction touches */
};

static void make_tree(struct bench *b)
{
	char child[128];
	int i;

	snprintf(b->base, sizeof(b->base), "/xs-bench-%d", (int)getpid());
	snprintf(b->value, sizeof(b->value), "%s/value", b->base);
	snprintf(b->dir, sizeof(b->dir), "%s/dir", b->base);
	if (!xs_write(b->h, XBT_NULL, b->value, "initial", 7))
		err(1, "write %s", b->value);
	for (i = 0; i < NR_CHILDREN; i++) {
		snprintf(child, sizeof(child), "%s/child-%03d", b->dir, i);
		if (!xs_write(b->h, XBT_NULL, child, "v", 1))
			err(1, "write %s", child);
	}
	for (i = 0; i < 5; i++) {
		snprintf(b->tx[i], sizeof(b->tx[i]), "%s/tx-%d", b->base, i);
		if (!xs_write(b->h, XBT_NULL, b->tx[i], "0", 1))
			err(1, "write %s", b->tx[i]);
	}
}

static void do_read(struct bench *b)
{
	char *v = xs_read(b->h, XBT_NULL, b->value, NULL);

	if (!v)
		err(1, "read %s", b->value);
	free(v);
}

static void do_write(struct bench *b)
{
	static const char v[] = "a value of a typical size";

	if (!xs_write(b->h, XBT_NULL, b->value, v, sizeof(v) - 1))
		err(1, "write %s", b->value);
}

static void do_directory(struct bench *b)
{
	unsigned int num;
	char **names = xs_directory(b->h, XBT_NULL, b->dir, &num);

	if (!names)
		err(1, "directory %s", b->dir);
	if (num != NR_CHILDREN)
		errx(1, "%s has %u children, not %d", b->dir, num, NR_CHILDREN);
	free(names);
}

static void do_transaction(struct bench *b)
{
	xs_transaction_t t;
	int i;

	for (;;) {
		t = xs_transaction_start(b->h);
		if (t == XBT_NULL)
			err(1, "transaction start");
		for (i = 0; i < 3; i++) {
			char *v = xs_read(b->h, t, b->tx[i], NULL);

			if (!v)
				err(1, "read %s", b->tx[i]);
			free(v);
		}
		for (i = 3; i < 5; i++)
			if (!xs_write(b->h, t, b->tx[i], "1", 1))
				err(1, "write %s", b->tx[i]);
		if (xs_transaction_end(b->h, t, false))
			return;
		/* Another client's change got in first: do it again. */
		if (errno != EAGAIN)
			err(1, "transaction end");
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void measure(struct bench *b, const char *name,
		    void (*op)(struct bench *b), unsigned long n)
{
	double start, secs;
	unsigned long i;

	start = now();
	for (i = 0; i < n; i++)
		op(b);
	secs = now() - start;
	printf("%-12s %12.1f %10.1f\n", name, n / secs, secs * 1e6 / n);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	unsigned long n = 1000;
	struct bench b;
	char *end;
	int c;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n')
			goto usage;
		n = strtoul(optarg, &end, 10);
		if (*end || !*optarg || !n)
			goto usage;
	}
	if (optind != argc)
		goto usage;

	b.h = xs_open(0);
	if (!b.h)
		err(1, "xs_open");
	make_tree(&b);

	printf("%-12s %12s %10s\n", "operation", "ops/s", "us/op");
	measure(&b, "read", do_read, n);
	measure(&b, "write", do_write, n);
	measure(&b, "directory", do_directory, n);
	measure(&b, "transaction", do_transaction, n);

	if (!xs_rm(b.h, XBT_NULL, b.base))
		err(1, "rm %s", b.base);
	xs_close(b.h);
	return 0;

usage:
	fprintf(stderr, "Usage: %s [-n iterations]\n", argv[0]);
	return 2;
}
