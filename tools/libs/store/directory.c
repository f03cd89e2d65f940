// SPDX-License-Identifier: LGPL-2.1-only
/*
 * Lists of children.  A list too long for one reply (the daemon answers
 * XS_DIRECTORY with E2BIG) is fetched with XS_DIRECTORY_PART, a byte
 * offset at a time, each part tagged with the node's generation so that
 * a change between parts is seen and the list fetched again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handle.h"
#include "wire.h"

/* Room for a 64-bit generation count in decimal, and its NUL. */
#define GEN_MAX 24

/*
 * A bound on lists, against a daemon that never ends one; the longest
 * real ones, all domains under /local/domain, take well under 1 MiB.
 */
#define LIST_MAX (64u << 20)

struct part_list {
	char *names;
	size_t used;
	char gen[GEN_MAX];
};

/*
 * Adds one part of len bytes to the list; 1 when it was the last, 0 when
 * more follow, -1 with errno.
 */
static int add_part(struct part_list *list, const char *part,
		    unsigned int len)
{
	size_t gen_len = strnlen(part, len);
	const char *chunk = part + gen_len + 1;
	size_t chunk_len;
	bool last;
	char *grown;

	if (gen_len == len || gen_len >= GEN_MAX)
		goto malformed;
	if (!list->used) {
		memcpy(list->gen, part, gen_len + 1);
	} else if (strcmp(list->gen, part)) {
		/* The node changed since the first part: start again. */
		list->used = 0;
		return 0;
	}

	/* The last part ends in an extra NUL, an empty name. */
	chunk_len = len - gen_len - 1;
	last = chunk_len == 1 ||
	       (chunk_len >= 2 && !chunk[chunk_len - 1] && !chunk[chunk_len - 2]);
	if (last)
		chunk_len--;
	/* Whole names only, and some progress unless it is the end. */
	if (chunk_len ? chunk[chunk_len - 1] != '\0' : !last)
		goto malformed;
	if (chunk_len > LIST_MAX - list->used) {
		errno = E2BIG;
		return -1;
	}

	grown = realloc(list->names, list->used + chunk_len + 1);
	if (!grown)
		return -1;
	list->names = grown;
	memcpy(list->names + list->used, chunk, chunk_len);
	list->used += chunk_len;
	return last;

malformed:
	errno = EIO;
	return -1;
}

static char **directory_in_parts(struct xs_handle *h, xs_transaction_t t,
				 const char *path, unsigned int *num)
{
	struct part_list list = { .names = NULL };
	char **names = NULL;
	int done;

	do {
		char offset[MAX_STRLEN(size_t)];
		struct iovec iov[2] = {
			{ .iov_base = (void *)path, .iov_len = strlen(path) + 1 },
			{ .iov_base = offset },
		};
		unsigned int len;
		char *part;

		iov[1].iov_len = snprintf(offset, sizeof(offset), "%zu",
					  list.used) + 1;
		part = xs_talkv(h, t, XS_DIRECTORY_PART, iov, 2, &len);
		if (!part) {
			/* A daemon without parts: the list is just too long. */
			if (errno == ENOSYS)
				errno = E2BIG;
			goto out;
		}
		done = add_part(&list, part, len);
		free(part);
	} while (!done);

	if (done > 0)
		names = xs_wire_split(list.names, list.used, false, num);
out:
	free(list.names);
	return names;
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t,
		    const char *path, unsigned int *num)
{
	unsigned int len;
	char **names;
	char *body;

	body = xs_single(h, t, XS_DIRECTORY, path, &len);
	if (!body)
		return errno == E2BIG ? directory_in_parts(h, t, path, num) :
					NULL;
	names = xs_wire_split(body, len, false, num);
	free(body);
	return names;
}
