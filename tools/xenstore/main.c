// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenstore: one binary for the xenstore commands, which it tells apart
 * by its name (xenstore-read) or its first argument (xenstore read).
 * Options, output and exit status are those of Xen's.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "client.h"

enum mode {
	MODE_chmod,
	MODE_control,
	MODE_exists,
	MODE_list,
	MODE_ls,
	MODE_read,
	MODE_rm,
	MODE_watch,
	MODE_write,
};

struct mode_info {
	const char *name;
	const char *options;	/* for the usage line */
	const char *allowed;	/* option letters it takes, besides -h -s */
	/* For the modes that act on each key in turn: */
	int (*key_fn)(struct xs_handle *h, xs_transaction_t t, char **key,
		      const struct options *o);
	int key_args;		/* arguments per key */
};

static const struct mode_info modes[] = {
	[MODE_chmod]   = { "chmod", "[-h] [-u] [-r] [-s] key <mode [modes...]>",
			   "ur" },
	[MODE_control] = { "control" },
	[MODE_exists]  = { "exists", "[-h] [-p] [-s] key [...]", "",
			   exists_key, 1 },
	[MODE_list]    = { "list", "[-h] [-p] [-s] key [...]", "p",
			   list_key, 1 },
	[MODE_ls]      = { "ls", "[-h] [-f] [-p] [-s] [path]", "fp" },
	[MODE_read]    = { "read", "[-h] [-p] [-s] [-R] key [...]", "pR",
			   read_key, 1 },
	[MODE_rm]      = { "rm", "[-h] [-s] [-t] key [...]", "t",
			   rm_key, 1 },
	[MODE_watch]   = { "watch", "[-h] [-n NR] key", "n" },
	[MODE_write]   = { "write", "[-h] [-s] [-R] key value [...]", "R",
			   write_key, 2 },
};

#define NR_MODES (sizeof(modes) / sizeof(modes[0]))

static enum mode lookup_mode(const char *name)
{
	unsigned int m;

	for (m = 0; m < NR_MODES; m++)
		if (!strcmp(modes[m].name, name))
			return m;
	errx(1, "unknown mode %s", name);
}

/*
 * Exits with mode's usage line; "xenstore read" style invocations show
 * the mode after the program's name.
 */
static void __attribute__((noreturn))
usage(enum mode mode, bool with_mode, const char *progname)
{
	errx(1, "Usage: %s %s%s%s", progname, with_mode ? modes[mode].name : "",
	     with_mode ? " " : "", modes[mode].options);
}

static int parse_count(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	return *s && !*end && n >= 0 && n <= INT_MAX ? n : -1;
}

/* Parses av's options into o; returns where the arguments start. */
static int parse_options(enum mode mode, int ac, char **av, bool with_mode,
			 const char *progname, struct options *o)
{
	static const struct option long_options[] = {
		{ "help",    no_argument,       NULL, 'h' },
		{ "flat",    no_argument,       NULL, 'f' },
		{ "prefix",  no_argument,       NULL, 'p' },
		{ "tidy",    no_argument,       NULL, 't' },
		{ "upto",    no_argument,       NULL, 'u' },
		{ "recurse", no_argument,       NULL, 'r' },
		{ "number",  required_argument, NULL, 'n' },
		{ "raw",     no_argument,       NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(ac, av, "hfspturn:R", long_options,
				NULL)) != -1) {
		if (c == 's') {
			o->socket_only = true;
			continue;
		}
		if (c == '?' || c == 'h' || !strchr(modes[mode].allowed, c))
			usage(mode, with_mode, progname);
		switch (c) {
		case 'f':
			o->flat = true;
			break;
		case 'p':
			o->prefix = true;
			break;
		case 't':
			o->tidy = true;
			break;
		case 'u':
			o->upto = true;
			break;
		case 'r':
			o->recurse = true;
			break;
		case 'R':
			o->raw = true;
			break;
		case 'n':
			o->nr_watches = parse_count(optarg);
			if (o->nr_watches < 0)
				usage(mode, with_mode, progname);
			break;
		}
	}
	return optind;
}

/* Columns for xenstore-ls: the terminal's, less two, else 80. */
static int ls_width(void)
{
	struct winsize ws;

	if (!ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col - 2;
	return 80;
}

/* Acts on each key of argv[0..argc); 0, or 1 at the first failure. */
static int perform(enum mode mode, int argc, char **argv,
		   struct xs_handle *h, xs_transaction_t t,
		   const struct options *o)
{
	int i, ret = 0;

	switch (mode) {
	case MODE_chmod:
		chmod_key(h, t, argv[0], argv + 1, o);
		return 0;
	case MODE_watch:
		return watch_keys(h, argv, o);
	case MODE_ls:
		for (i = 0; i < argc; i++)
			ls_tree(h, argv[i], o, ls_width());
		return 0;
	default:
		break;
	}

	for (i = 0; i < argc && !ret; i += modes[mode].key_args)
		ret = modes[mode].key_fn(h, t, argv + i, o);
	return ret;
}

/* Whether the keys are handled in one transaction, as Xen decides. */
static bool wants_transaction(enum mode mode, int nargs)
{
	switch (mode) {
	case MODE_read:
		return nargs > 1;
	case MODE_write:
		return nargs > 2;
	case MODE_ls:
	case MODE_watch:
		return false;
	default:
		return true;
	}
}

int main(int argc, char **argv)
{
	struct options o = { .nr_watches = -1 };
	const char *name = strrchr(argv[0], '/');
	static char *root[] = { "/", NULL };
	xs_transaction_t t = XBT_NULL;
	bool with_mode, transaction;
	struct xs_handle *h;
	enum mode mode;
	int first, nargs, ret;
	char **args;

	name = name ? name + 1 : argv[0];
	with_mode = strncmp(name, "xenstore-", strlen("xenstore-"));
	if (!with_mode)
		mode = lookup_mode(name + strlen("xenstore-"));
	else if (argc < 2)
		errx(1, "Usage: %s <mode> [-h] [...]", argv[0]);
	else
		mode = lookup_mode(argv[1]);

	/* Its own arguments: anything after the command is passed on. */
	if (mode == MODE_control) {
		char *progname = argv[0];

		if (with_mode && asprintf(&progname, "%s control", argv[0]) < 0)
			err(1, "malloc");
		return control_main(progname, argc - 1 - with_mode,
				    argv + 1 + with_mode);
	}

	first = parse_options(mode, argc - with_mode, argv + with_mode,
			      with_mode, argv[0], &o);
	args = argv + with_mode + first;
	nargs = argc - with_mode - first;
	if ((mode == MODE_write && nargs % 2) ||
	    (mode != MODE_ls && !nargs))
		usage(mode, with_mode, argv[0]);
	if (mode == MODE_ls && !nargs) {
		args = root;
		nargs = 1;
	}
	transaction = wants_transaction(mode, nargs);

	h = xs_open(o.socket_only ? XS_OPEN_SOCKETONLY : 0);
	if (!h)
		err(1, "xs_open");

	for (;;) {
		if (transaction) {
			t = xs_transaction_start(h);
			if (t == XBT_NULL)
				errx(1, "couldn't start transaction");
		}
		ret = perform(mode, nargs, args, h, t, &o);
		if (!transaction || xs_transaction_end(h, t, ret))
			break;
		/* Another client's change got in first: do it all again. */
		if (ret || errno != EAGAIN)
			errx(1, "couldn't end transaction");
		output_discard();
	}

	output_flush();
	xs_close(h);
	return ret;
}
