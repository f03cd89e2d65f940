/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Helpers of libxenstore that are not its API but that the xenstore
 * commands use too, as in Xen (where they are not exported either).
 */
#ifndef XS_LIB_H
#define XS_LIB_H

#include <xenstore_lib.h>

/* The kernel's xenbus device (or XENSTORED_PATH). */
const char *xs_domain_dev(void);

/*
 * Writes perm as the protocol spells it ("r5") into buffer, which
 * MAX_STRLEN(unsigned int) + 1 bytes always hold.  False with EINVAL for
 * unknown perm bits, ERANGE if buffer is too short.
 */
bool xs_perm_to_string(const struct xs_permissions *perm,
		       char *buffer, size_t buf_len);

/* How many NUL-terminated strings the first len bytes hold. */
unsigned int xs_count_strings(const char *strings, unsigned int len);

#endif /* XS_LIB_H */
