// SPDX-License-Identifier: LGPL-2.1-only
/* Requests on one node: its value, its existence, its permissions. */
#include <stdlib.h>
#include <string.h>

#include "handle.h"
#include "xs_lib.h"

void *xs_read(struct xs_handle *h, xs_transaction_t t,
	      const char *path, unsigned int *len)
{
	return xs_single(h, t, XS_READ, path, len);
}

bool xs_write(struct xs_handle *h, xs_transaction_t t,
	      const char *path, const void *data, unsigned int len)
{
	struct iovec iov[2] = {
		{ .iov_base = (void *)path, .iov_len = strlen(path) + 1 },
		{ .iov_base = (void *)data, .iov_len = len },
	};

	return xs_bool(xs_talkv(h, t, XS_WRITE, iov, 2, NULL));
}

bool xs_mkdir(struct xs_handle *h, xs_transaction_t t,
	      const char *path)
{
	return xs_bool(xs_single(h, t, XS_MKDIR, path, NULL));
}

bool xs_rm(struct xs_handle *h, xs_transaction_t t,
	   const char *path)
{
	return xs_bool(xs_single(h, t, XS_RM, path, NULL));
}

struct xs_permissions *xs_get_permissions(struct xs_handle *h,
					  xs_transaction_t t,
					  const char *path, unsigned int *num)
{
	struct xs_permissions *perms = NULL;
	unsigned int len, n;
	char *body;

	body = xs_single(h, t, XS_GET_PERMS, path, &len);
	if (!body)
		return NULL;

	/* At least the owner, and no string running past the payload. */
	n = xs_count_strings(body, len);
	if (!n || body[len - 1] != '\0') {
		errno = EIO;
		goto out;
	}
	perms = malloc(n * sizeof(*perms));
	if (!perms)
		goto out;
	if (!xs_strings_to_perms(perms, n, body)) {
		free(perms);
		perms = NULL;
		errno = EIO;
		goto out;
	}
	*num = n;
out:
	free(body);
	return perms;
}

bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
			const char *path, struct xs_permissions *perms,
			unsigned int num_perms)
{
	/* Each entry takes at least three bytes, such as "r0" and its NUL. */
	const unsigned int most = XENSTORE_PAYLOAD_MAX / 3;
	const size_t entry_room = MAX_STRLEN(unsigned int) + 1;
	struct iovec iov;
	unsigned int i;
	char *buf, *p;
	bool ok;

	if (num_perms > most) {
		errno = E2BIG;
		return false;
	}
	buf = malloc(strlen(path) + 1 + num_perms * entry_room);
	if (!buf)
		return false;

	p = stpcpy(buf, path) + 1;
	for (i = 0; i < num_perms; i++) {
		if (!xs_perm_to_string(&perms[i], p, entry_room)) {
			free(buf);
			return false;
		}
		p += strlen(p) + 1;
	}

	iov.iov_base = buf;
	iov.iov_len = p - buf;
	ok = xs_bool(xs_talkv(h, t, XS_SET_PERMS, &iov, 1, NULL));
	free(buf);
	return ok;
}
