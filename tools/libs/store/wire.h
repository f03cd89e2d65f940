/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The pure parts of the wire protocol: request headers, and checks of
 * what the daemon sends, which is trusted for nothing.
 */
#ifndef XS_WIRE_H
#define XS_WIRE_H

#include <sys/uio.h>
#include <xenstore_lib.h>

/*
 * Fills hdr for a request whose payload is iov[0..n); E2BIG if the
 * payload exceeds XENSTORE_PAYLOAD_MAX.
 */
int xs_wire_header(struct xsd_sockmsg *hdr, uint32_t type, uint32_t req_id,
		   uint32_t tx_id, const struct iovec *iov, unsigned int n);

/* Whether hdr answers the request req_id of the given type. */
bool xs_wire_is_reply(const struct xsd_sockmsg *hdr, uint32_t req_id,
		      uint32_t type);

/*
 * The errno an XS_ERROR payload of len bytes names, with or without its
 * NUL; EINVAL for a name outside the protocol's list.
 */
int xs_wire_errno(const char *payload, unsigned int len);

/*
 * Copies a payload of NUL-terminated strings into one allocation: an
 * array of *num pointers, then NULL, then the strings.  NULL with EIO if
 * the last string lacks its NUL, or if empty strings are not allowed and
 * one is there.
 */
char **xs_wire_split(const char *payload, unsigned int len, bool allow_empty,
		     unsigned int *num);

/*
 * Parses a payload holding a decimal number no greater than max, with or
 * without a NUL after it.  False with EIO otherwise.
 */
bool xs_wire_uint(const char *payload, unsigned int len, unsigned long max,
		  unsigned long *value);

#endif /* XS_WIRE_H */
