// SPDX-License-Identifier: GPL-2.0-only
/*
 * xenstore-ls: the tree under a path, a node a line, indented by depth,
 * cut to the terminal's width; with -f full paths and no width limit,
 * with -p each node's permissions too.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <xenstore.h>

#include "client.h"
#include "xs_lib.h"

/* What a value cut short ends with, and the room it takes. */
#define TAG " = \"...\""
#define TAG_LEN ((int)sizeof(TAG) - 1)

/* Column up to which -p pads, so that permissions line up. */
#define PERMS_COLUMN 60

struct ls_style {
	int max_width;
	int perms_column;
	bool whole_path;
	bool perms;
};

/* Room left for text before the tag, never negative. */
static int room(const struct ls_style *s, int used)
{
	int left = s->max_width - TAG_LEN - used;

	return left > 0 ? left : 0;
}

/* Prints path's value from column linewid; returns the new column. */
static int print_value(struct xs_handle *h, const char *path, int linewid,
		       const struct ls_style *s)
{
	unsigned int len;
	char *val, *shown;
	int limit;

	val = xs_read(h, XBT_NULL, path, &len);
	if (!val) {
		printf(":\n");
		return linewid;
	}
	shown = escape_value(val, len);
	free(val);

	/* As Xen: whether it fits is judged on the raw length. */
	if ((long)s->max_width < (long)linewid + len + TAG_LEN) {
		printf(" = \"%.*s\\...\"", room(s, linewid), shown);
	} else {
		linewid += printf(" = \"%s\"", shown);
		if (s->perms) {
			putchar(' ');
			limit = s->perms_column < s->max_width ?
				s->perms_column : s->max_width;
			for (linewid++; linewid < limit; linewid++)
				putchar(linewid & 1 ? '.' : ' ');
		}
	}
	free(shown);
	return linewid;
}

static void print_perms(struct xs_handle *h, const char *path,
			const char *name)
{
	char buf[MAX_STRLEN(unsigned int) + 1];
	struct xs_permissions *perms;
	unsigned int i, num;

	perms = xs_get_permissions(h, XBT_NULL, path, &num);
	if (!perms) {
		warn("\ncould not access permissions for %s", name);
		return;
	}
	fputs("  (", stdout);
	for (i = 0; i < num; i++) {
		if (i)
			putchar(',');
		if (xs_perm_to_string(&perms[i], buf, sizeof(buf)))
			fputs(buf, stdout);
	}
	putchar(')');
	free(perms);
}

static void ls_node(struct xs_handle *h, const char *path, int depth,
		    const struct ls_style *s)
{
	unsigned int i, num;
	char **names;

	names = xs_directory(h, XBT_NULL, path, &num);
	if (!names) {
		/* A node removed while the tree is walked is no error. */
		if (depth && errno == ENOENT)
			return;
		err(1, "xs_directory (%s)", path);
	}

	for (i = 0; i < num; i++) {
		char *child = path_join(path, names[i]);
		int linewid = 0;

		if (s->whole_path) {
			fputs(child, stdout);
		} else {
			for (; linewid < depth; linewid++)
				putchar(' ');
			linewid += printf("%.*s", room(s, linewid), names[i]);
		}
		print_value(h, child, linewid, s);
		if (s->perms)
			print_perms(h, child, names[i]);
		putchar('\n');

		ls_node(h, child, depth + 1, s);
		free(child);
	}
	free(names);
}

void ls_tree(struct xs_handle *h, const char *path, const struct options *o,
	     int max_width)
{
	struct ls_style s = {
		.max_width = max_width,
		.perms_column = PERMS_COLUMN,
		.perms = o->prefix,
	};

	if (o->flat) {
		s.max_width = INT_MAX / 2;
		s.perms_column = 0;
		s.whole_path = true;
	}
	ls_node(h, path, 0, &s);
}
