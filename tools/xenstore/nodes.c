// SPDX-License-Identifier: GPL-2.0-only
/* xenstore-read, -write, -rm, -exists and -list: one key at a time. */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

int read_key(struct xs_handle *h, xs_transaction_t t, char **key,
	     const struct options *o)
{
	const char *path = key[0];
	unsigned int len;
	char *val, *shown;

	val = xs_read(h, t, path, &len);
	if (!val) {
		warnx("couldn't read path %s", path);
		return 1;
	}
	if (o->prefix)
		output("%s: ", path);
	if (o->raw) {
		output_raw(val, len);
	} else {
		shown = escape_value(val, len);
		output("%s\n", shown);
		free(shown);
	}
	free(val);
	return 0;
}

int write_key(struct xs_handle *h, xs_transaction_t t, char **key,
	      const struct options *o)
{
	const char *path = key[0], *value = key[1];
	size_t len = strlen(value);
	char *val = NULL;
	bool ok;

	if (!o->raw) {
		val = malloc(len + 1);
		if (!val)
			err(1, "malloc");
		len = unescape_value(val, value);
	}
	ok = xs_write(h, t, path, val ? val : value, len);
	free(val);
	if (!ok) {
		warnx("could not write path %s", path);
		return 1;
	}
	return 0;
}

static int rm_one(struct xs_handle *h, xs_transaction_t t, const char *path)
{
	if (xs_rm(h, t, path))
		return 0;
	warnx("could not remove path %s", path);
	return 1;
}

/* Whether path is a node with neither value nor children. */
static bool empty_node(struct xs_handle *h, xs_transaction_t t,
		       const char *path)
{
	unsigned int len, num = 0;
	char **names;
	char *val;

	val = xs_read(h, t, path, &len);
	if (!val)
		return false;
	free(val);
	if (len)
		return false;
	names = xs_directory(h, t, path, &num);
	if (!names)
		return false;
	free(names);
	return !num;
}

int rm_key(struct xs_handle *h, xs_transaction_t t, char **key,
	   const struct options *o)
{
	const char *path = key[0];
	char *p, *slash;
	int ret;

	if (!o->tidy)
		return rm_one(h, t, path);

	/* A copy: argv is needed intact if the transaction restarts. */
	p = strdup(path);
	if (!p)
		err(1, "malloc");
	/* Then each parent left empty, up to the root if need be. */
	while (!(ret = rm_one(h, t, p)) && (slash = strrchr(p, '/'))) {
		*slash = '\0';
		if (!empty_node(h, t, p))
			break;
	}
	free(p);
	return ret;
}

int exists_key(struct xs_handle *h, xs_transaction_t t, char **key,
	       const struct options *o)
{
	char *val = xs_read(h, t, key[0], NULL);

	if (!val)
		return 1;
	free(val);
	return 0;
}

int list_key(struct xs_handle *h, xs_transaction_t t, char **key,
	     const struct options *o)
{
	const char *path = key[0];
	unsigned int i, num;
	char **names;

	names = xs_directory(h, t, path, &num);
	if (!names) {
		warnx("could not list path %s", path);
		return 1;
	}
	for (i = 0; i < num; i++) {
		if (o->prefix)
			output("%s/", path);
		output("%s\n", names[i]);
	}
	free(names);
	return 0;
}
