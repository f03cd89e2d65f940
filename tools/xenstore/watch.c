// SPDX-License-Identifier: GPL-2.0-only
/* xenstore-watch: prints the path of each event, as it comes. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>

#include "client.h"

int watch_keys(struct xs_handle *h, char **paths, const struct options *o)
{
	int count;

	/* Each path is its own token. */
	for (; *paths; paths++)
		if (!xs_watch(h, *paths, *paths))
			errx(1, "Unable to add watch on %s", *paths);

	for (count = 0; o->nr_watches < 0 || count < o->nr_watches; count++) {
		unsigned int num;
		char **event = xs_read_watch(h, &num);

		if (!event)
			err(1, "xs_read_watch");
		printf("%s\n", event[XS_WATCH_PATH]);
		fflush(stdout);
		free(event);
	}
	return 0;
}
