// SPDX-License-Identifier: LGPL-2.1-only
/* Transactions: their ids are the daemon's, in decimal. */
#include <stdlib.h>

#include "handle.h"
#include "wire.h"

xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
	unsigned long id;
	unsigned int len;
	char *body;
	bool ok;

	body = xs_single(h, XBT_NULL, XS_TRANSACTION_START, "", &len);
	if (!body)
		return XBT_NULL;
	ok = xs_wire_uint(body, len, UINT32_MAX, &id);
	free(body);
	/* An id of 0 would read as failure, and name no transaction. */
	if (ok && id == XBT_NULL) {
		errno = EIO;
		ok = false;
	}
	return ok ? id : XBT_NULL;
}

bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t,
			bool abort)
{
	return xs_bool(xs_single(h, t, XS_TRANSACTION_END, abort ? "F" : "T",
				 NULL));
}
