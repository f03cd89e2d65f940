// SPDX-License-Identifier: LGPL-2.1-only
/* Where the daemon is found, and comparisons of store paths. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xenstore.h"
#include "xs_lib.h"

#ifndef XEN_RUN_STORED
#error "XEN_RUN_STORED must name the run folder of the daemon"
#endif

#define XENBUS_DEV	"/dev/xen/xenbus"
#define XENBUS_PROC	"/proc/xen/xenbus"

const char *xs_daemon_rundir(void)
{
	const char *dir = getenv("XENSTORED_RUNDIR");

	return dir ? dir : XEN_RUN_STORED;
}

const char *xs_daemon_socket(void)
{
	/* Per thread: the answer follows the environment, which may change. */
	static __thread char path[PATH_MAX];
	const char *env = getenv("XENSTORED_PATH");

	if (env)
		return env;
	if (snprintf(path, sizeof(path), "%s/socket", xs_daemon_rundir()) >=
	    (int)sizeof(path))
		return NULL;
	return path;
}

/* The daemon no longer has a separate read-only socket. */
const char *xs_daemon_socket_ro(void)
{
	return xs_daemon_socket();
}

const char *xs_domain_dev(void)
{
	const char *env = getenv("XENSTORED_PATH");

	if (env)
		return env;
	/* Kernels before /dev/xen had the device in xenfs. */
	return access(XENBUS_DEV, F_OK) ? XENBUS_PROC : XENBUS_DEV;
}

bool xs_path_is_subpath(const char *parent, const char *child)
{
	size_t len = strlen(parent);

	if (strncmp(parent, child, len))
		return false;
	/* "/" is the one parent whose children need no added slash. */
	if (len && parent[len - 1] == '/')
		return true;
	return child[len] == '\0' || child[len] == '/';
}
