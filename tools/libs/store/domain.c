// SPDX-License-Identifier: LGPL-2.1-only
/* Requests about domains, which only privileged clients may make. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handle.h"
#include "wire.h"

/* Room for a domain id, an mfn or a port in decimal. */
#define NUM_ROOM MAX_STRLEN(unsigned long)

/* Fills iov with a number as a string, stored in buf. */
static void number_iov(struct iovec *iov, char buf[NUM_ROOM],
		       unsigned long n)
{
	iov->iov_base = buf;
	iov->iov_len = snprintf(buf, NUM_ROOM, "%lu", n) + 1;
}

static void *with_domid(struct xs_handle *h, uint32_t type,
			unsigned int domid, unsigned int *len)
{
	char buf[NUM_ROOM];
	struct iovec iov;

	number_iov(&iov, buf, domid);
	return xs_talkv(h, XBT_NULL, type, &iov, 1, len);
}

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid,
			 unsigned long mfn, unsigned int eventchn)
{
	char buf[3][NUM_ROOM];
	struct iovec iov[3];

	number_iov(&iov[0], buf[0], domid);
	number_iov(&iov[1], buf[1], mfn);
	number_iov(&iov[2], buf[2], eventchn);
	return xs_bool(xs_talkv(h, XBT_NULL, XS_INTRODUCE, iov, 3, NULL));
}

bool xs_set_target(struct xs_handle *h, unsigned int domid,
		   unsigned int target)
{
	char buf[2][NUM_ROOM];
	struct iovec iov[2];

	number_iov(&iov[0], buf[0], domid);
	number_iov(&iov[1], buf[1], target);
	return xs_bool(xs_talkv(h, XBT_NULL, XS_SET_TARGET, iov, 2, NULL));
}

bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
	return xs_bool(with_domid(h, XS_RELEASE, domid, NULL));
}

bool xs_resume_domain(struct xs_handle *h, unsigned int domid)
{
	return xs_bool(with_domid(h, XS_RESUME, domid, NULL));
}

char *xs_get_domain_path(struct xs_handle *h, unsigned int domid)
{
	return with_domid(h, XS_GET_DOMAIN_PATH, domid, NULL);
}

/* Whether a payload of len bytes is word, with or without its NUL. */
static bool reply_is(const char *payload, unsigned int len, const char *word)
{
	size_t n = strlen(word);

	return (len == n || (len == n + 1 && !payload[n])) &&
	       !memcmp(payload, word, n);
}

bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid)
{
	unsigned int len;
	char *body;
	bool yes;

	body = with_domid(h, XS_IS_DOMAIN_INTRODUCED, domid, &len);
	if (!body)
		return false;
	yes = reply_is(body, len, "T");
	if (!yes && !reply_is(body, len, "F"))
		errno = EIO;
	free(body);
	return yes;
}

bool xs_restrict(struct xs_handle *h, unsigned int domid)
{
	errno = ENOSYS;
	return false;
}

int xs_suspend_evtchn_port(int domid)
{
	char path[sizeof("/local/domain//device/suspend/event-channel") +
		  MAX_STRLEN(int)];
	struct xs_handle *h;
	unsigned long port;
	unsigned int len;
	char *value;
	bool ok;

	h = xs_open(0);
	if (!h)
		return -1;
	snprintf(path, sizeof(path),
		 "/local/domain/%d/device/suspend/event-channel", domid);
	value = xs_read(h, XBT_NULL, path, &len);
	xs_close(h);
	if (!value)
		return -1;
	ok = xs_wire_uint(value, len, INT_MAX, &port);
	free(value);
	return ok ? (int)port : -1;
}
