// SPDX-License-Identifier: GPL-2.0-only
/* Joining store paths. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

char *path_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	const char *sep = len && dir[len - 1] == '/' ? "" : "/";
	char *path;

	if (asprintf(&path, "%s%s%s", dir, sep, name) < 0)
		err(1, "malloc");
	return path;
}
