// SPDX-License-Identifier: LGPL-2.1-only
/* Control commands of the daemon, as xenstore-control sends them. */
#include <string.h>

#include "handle.h"

char *xs_control_command(struct xs_handle *h, const char *cmd,
			 void *data, unsigned int len)
{
	struct iovec iov[2] = {
		{ .iov_base = (void *)cmd, .iov_len = strlen(cmd) + 1 },
		{ .iov_base = data, .iov_len = len },
	};

	return xs_talkv(h, XBT_NULL, XS_CONTROL, iov, 2, NULL);
}

char *xs_debug_command(struct xs_handle *h, const char *cmd,
		       void *data, unsigned int len)
{
	return xs_control_command(h, cmd, data, len);
}
