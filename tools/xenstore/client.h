/* SPDX-License-Identifier: GPL-2.0-only */
/* The xenstore commands: what their files share. */
#ifndef XENSTORE_CLIENT_H
#define XENSTORE_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <xenstore.h>

/* Options of the commands; each applies to the modes named. */
struct options {
	bool prefix;		/* -p: read, list: print paths; ls: perms */
	bool flat;		/* -f: ls: full paths, no width limit */
	bool tidy;		/* -t: rm: also empty parents */
	bool upto;		/* -u: chmod: also parents */
	bool recurse;		/* -r: chmod: also children */
	bool raw;		/* -R: read, write: values unescaped */
	bool socket_only;	/* -s: never the xenbus device */
	int nr_watches;		/* -n: watch: events to print, -1: all */
};

/*
 * Output held back until the transaction that produced it commits; a
 * transaction restarted drops what it printed.  Out of memory exits.
 */
void output(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void output_raw(const char *data, size_t len);
void output_discard(void);
/* Writes out the output held; exits with a message if stdout fails. */
void output_flush(void);

/*
 * A value made printable as xenstore-ls and xenstore-read show it, in an
 * allocation to free(): printable ASCII as is, \t \n \r \\ escaped, other
 * bytes as \ooo (below 8) or \xhh.
 */
char *escape_value(const char *val, size_t len);
/*
 * The reverse, also accepting \ooo and \xh(h) for any byte; a backslash
 * before another character stands for that character.  out holds at
 * least strlen(in) bytes; returns how many it was given.
 */
size_t unescape_value(char *out, const char *in);

/* dir/name in an allocation to free(), without doubling a '/'. */
char *path_join(const char *dir, const char *name);

/*
 * One key of read, write, rm, exists and list, at key[0] (and its value
 * at key[1] for write): 0, or 1 with a message.
 */
int read_key(struct xs_handle *h, xs_transaction_t t, char **key,
	     const struct options *o);
int write_key(struct xs_handle *h, xs_transaction_t t, char **key,
	      const struct options *o);
int rm_key(struct xs_handle *h, xs_transaction_t t, char **key,
	   const struct options *o);
int exists_key(struct xs_handle *h, xs_transaction_t t, char **key,
	       const struct options *o);
int list_key(struct xs_handle *h, xs_transaction_t t, char **key,
	     const struct options *o);

/* Prints the tree under path as xenstore-ls does, max_width columns wide. */
void ls_tree(struct xs_handle *h, const char *path, const struct options *o,
	     int max_width);

/* Sets path's permissions to the specs in argv, which ends with NULL. */
void chmod_key(struct xs_handle *h, xs_transaction_t t, char *path,
	       char **specs, const struct options *o);

/* Watches paths (ending with NULL) and prints events' paths; exits. */
int watch_keys(struct xs_handle *h, char **paths, const struct options *o);

/* xenstore-control: argv[0] is the command, its arguments follow. */
int control_main(const char *progname, int argc, char **argv);

#endif /* XENSTORE_CLIENT_H */
