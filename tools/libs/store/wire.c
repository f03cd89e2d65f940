// SPDX-License-Identifier: LGPL-2.1-only
/* The pure parts of the wire protocol; see wire.h. */
#include <stdlib.h>
#include <string.h>

#include "wire.h"
#include "xs_lib.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int xs_wire_header(struct xsd_sockmsg *hdr, uint32_t type, uint32_t req_id,
		   uint32_t tx_id, const struct iovec *iov, unsigned int n)
{
	size_t len = 0;
	unsigned int i;

	/* Summed one by one so that no total can wrap past the limit. */
	for (i = 0; i < n; i++) {
		if (iov[i].iov_len > XENSTORE_PAYLOAD_MAX - len)
			return E2BIG;
		len += iov[i].iov_len;
	}

	hdr->type = type;
	hdr->req_id = req_id;
	hdr->tx_id = tx_id;
	hdr->len = len;
	return 0;
}

bool xs_wire_is_reply(const struct xsd_sockmsg *hdr, uint32_t req_id,
		      uint32_t type)
{
	return hdr->req_id == req_id &&
	       (hdr->type == type || hdr->type == XS_ERROR);
}

int xs_wire_errno(const char *payload, unsigned int len)
{
	size_t name_len = strnlen(payload, len);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++) {
		const char *name = xsd_errors[i].errstring;

		if (strlen(name) == name_len && !memcmp(name, payload, name_len))
			return xsd_errors[i].errnum;
	}
	return EINVAL;
}

unsigned int xs_count_strings(const char *strings, unsigned int len)
{
	unsigned int i, num = 0;

	for (i = 0; i < len; i++)
		if (strings[i] == '\0')
			num++;
	return num;
}

char **xs_wire_split(const char *payload, unsigned int len, bool allow_empty,
		     unsigned int *num)
{
	unsigned int count, i;
	char **vec, *strings;

	if (len && payload[len - 1] != '\0') {
		errno = EIO;
		return NULL;
	}
	count = xs_count_strings(payload, len);

	vec = malloc((count + 1) * sizeof(*vec) + len);
	if (!vec)
		return NULL;
	strings = (char *)(vec + count + 1);
	memcpy(strings, payload, len);

	for (i = 0; i < count; i++) {
		if (!allow_empty && !*strings) {
			free(vec);
			errno = EIO;
			return NULL;
		}
		vec[i] = strings;
		strings += strlen(strings) + 1;
	}
	vec[count] = NULL;
	*num = count;
	return vec;
}

bool xs_wire_uint(const char *payload, unsigned int len, unsigned long max,
		  unsigned long *value)
{
	unsigned long v = 0;
	unsigned int i;

	if (len && payload[len - 1] == '\0')
		len--;
	if (!len)
		goto bad;

	for (i = 0; i < len; i++) {
		unsigned int digit = (unsigned char)payload[i] - '0';

		if (digit > 9 || digit > max || v > (max - digit) / 10)
			goto bad;
		v = v * 10 + digit;
	}
	*value = v;
	return true;

bad:
	errno = EIO;
	return false;
}
