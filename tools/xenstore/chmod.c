// SPDX-License-Identifier: GPL-2.0-only
/* xenstore-chmod: a node's permissions, and with -u/-r its kin's. */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

struct perm_list {
	struct xs_permissions *perms;
	unsigned int num;
};

static void set_perms(struct xs_handle *h, xs_transaction_t t, char *path,
		      const struct perm_list *pl, bool upto, bool recurse)
{
	/* Cutting "/a" at its slash leaves "": the top is done. */
	if (!path[0])
		return;
	if (!xs_set_permissions(h, t, path, pl->perms, pl->num))
		err(1, "Error occurred setting permissions on '%s'", path);

	if (upto) {
		char *sep = strrchr(path, '/');

		if (!sep)
			errx(1, "Unable to locate path separator '/' in '%s'",
			     path);
		*sep = '\0';
		set_perms(h, t, path, pl, true, false);
		*sep = '/';
	}

	if (recurse) {
		unsigned int i, num;
		char **names = xs_directory(h, t, path, &num);

		for (i = 0; names && i < num; i++) {
			char *child = path_join(path, names[i]);

			set_perms(h, t, child, pl, false, true);
			free(child);
		}
		free(names);
	}
}

void chmod_key(struct xs_handle *h, xs_transaction_t t, char *path,
	       char **specs, const struct options *o)
{
	struct perm_list pl = { .num = 0 };

	while (specs[pl.num])
		pl.num++;
	pl.perms = calloc(pl.num ? pl.num : 1, sizeof(*pl.perms));
	if (!pl.perms)
		err(1, "malloc");
	for (unsigned int i = 0; i < pl.num; i++)
		if (!xs_strings_to_perms(&pl.perms[i], 1, specs[i]))
			errx(1, "Invalid permission specification: '%s'",
			     specs[i]);

	set_perms(h, t, path, &pl, o->upto, o->recurse);
	free(pl.perms);
}
