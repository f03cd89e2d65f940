// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenstore-control: runs one of the daemon's control commands and prints
 * its answer.  Exit status 2 for bad usage, 1 without a daemon, 3 when
 * the command fails.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

/* Arguments of a control command: strings, each with its NUL. */
struct args {
	char *buf;
	unsigned int len;
};

static void add_arg(struct args *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *grown = realloc(a->buf, a->len + n);

	if (!grown)
		err(1, "malloc");
	memcpy(grown + a->len, s, n);
	a->buf = grown;
	a->len += n;
}

static char *live_update_command(struct xs_handle *h, struct args *a)
{
	char *ret = xs_control_command(h, "live-update", a->buf, a->len);

	free(a->buf);
	a->buf = NULL;
	a->len = 0;
	return ret;
}

/* 0 if the daemon answered OK; else says what failed and returns 3. */
static int check_ok(char *ret, const char *what)
{
	int rc = 0;

	if (!ret || strcmp(ret, "OK")) {
		fprintf(stderr, "%s failed:\n%s\n", what,
			ret ? ret : strerror(errno));
		rc = 3;
	}
	free(ret);
	return rc;
}

/* Starts the update, asking again while the daemon is busy. */
static int live_update_start(struct xs_handle *h, bool force,
			     unsigned int timeout)
{
	time_t start = time(NULL);
	char secs[MAX_STRLEN(unsigned int)];
	struct args a = { NULL, 0 };
	char *ret;

	snprintf(secs, sizeof(secs), "%u", timeout);
	for (;;) {
		add_arg(&a, "-s");
		add_arg(&a, "-t");
		add_arg(&a, secs);
		if (force)
			add_arg(&a, "-F");
		ret = live_update_command(h, &a);
		if (!ret || strcmp(ret, "BUSY") || time(NULL) - start >= timeout)
			break;
		free(ret);
		sleep(1);
	}
	return check_ok(ret, "Starting live update");
}

/*
 * Replaces the running daemon with binary.  A daemon in a stub domain
 * would need the binary loaded into memory through libxenctrl, which
 * these tools do without.
 */
static int live_update(struct xs_handle *h, int argc, char **argv)
{
	const char *binary = NULL, *cmdline = NULL;
	unsigned int timeout = 60;
	struct args a = { NULL, 0 };
	bool force = false;
	char *stubdom;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-c")) {
			if (++i == argc) {
				fprintf(stderr, "Missing command line value\n");
				return 2;
			}
			cmdline = argv[i];
		} else if (!strcmp(argv[i], "-t")) {
			if (++i == argc) {
				fprintf(stderr, "Missing timeout value\n");
				return 2;
			}
			timeout = strtoul(argv[i], NULL, 10);
		} else if (!strcmp(argv[i], "-F")) {
			force = true;
		} else {
			binary = argv[i];
		}
	}
	if (!binary) {
		fprintf(stderr, "Missing binary specification\n");
		return 2;
	}

	stubdom = xs_read(h, XBT_NULL, "/tool/xenstored/domid", NULL);
	if (stubdom) {
		free(stubdom);
		fprintf(stderr, "Live update of a xenstore stub domain is not supported\n");
		return 1;
	}

	add_arg(&a, "-f");
	add_arg(&a, binary);
	rc = check_ok(live_update_command(h, &a), "Setting update binary");
	if (rc)
		return rc;
	if (cmdline) {
		add_arg(&a, "-c");
		add_arg(&a, cmdline);
		rc = check_ok(live_update_command(h, &a),
			      "Setting update binary");
	}
	if (!rc)
		rc = live_update_start(h, force, timeout);
	if (rc)
		free(xs_control_command(h, "live-update", "-a", 3));
	return rc;
}

static int run_command(struct xs_handle *h, int argc, char **argv)
{
	struct args a = { NULL, 0 };
	char *ret, *help;
	int i, err;

	for (i = 1; i < argc; i++)
		add_arg(&a, argv[i]);
	ret = xs_control_command(h, argv[0], a.buf, a.len);
	err = errno;
	free(a.buf);

	if (ret) {
		if (*ret)
			printf("%s\n", ret);
		free(ret);
		return 0;
	}
	if (err != EINVAL) {
		fprintf(stderr, "Error %d when trying to execute command.\n",
			err);
		return 3;
	}
	/* An unknown command: list the known ones. */
	help = xs_control_command(h, "help", NULL, 0);
	if (help)
		fprintf(stderr, "Command not supported. Valid commands are:\n%s\n",
			help);
	else
		fprintf(stderr, "Error when executing command.\n");
	free(help);
	return 3;
}

int control_main(const char *progname, int argc, char **argv)
{
	struct xs_handle *h;
	int rc;

	if (argc < 1) {
		fprintf(stderr, "Usage:\n%s <command> [<arg>...]\n", progname);
		return 2;
	}
	h = xs_open(0);
	if (!h) {
		fprintf(stderr, "Failed to contact Xenstored.\n");
		return 1;
	}
	if (!strcmp(argv[0], "live-update"))
		rc = live_update(h, argc - 1, argv + 1);
	else
		rc = run_command(h, argc, argv);
	xs_close(h);
	return rc;
}
