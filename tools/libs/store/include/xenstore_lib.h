/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxenstore: the types and helpers shared by xenstore's clients and
 * its daemon, as Xen 4.17 splits them from xenstore.h.
 */
#ifndef XENSTORE_LIB_H
#define XENSTORE_LIB_H

#include <stddef.h>
#include <stdbool.h>
#include <limits.h>
#include <errno.h>
#include <stdint.h>
#include <xen/io/xs_wire.h>

/* One entry of a node's access list: a domain and what it may do. */
struct xs_permissions {
	unsigned int id;
	unsigned int perms;
#define XS_PERM_NONE		0x00
#define XS_PERM_READ		0x01
#define XS_PERM_WRITE		0x02
	/* The daemon's own bookkeeping; never on the wire. */
#define XS_PERM_ENOENT_OK	0x04
#define XS_PERM_OWNER		0x08
#define XS_PERM_IGNORE		0x10
};

/*
 * Room for the decimal digits of an integer type plus a NUL: three
 * digits per ten bits, rounded up.
 */
#define MAX_STRLEN(x) ((sizeof(x) * CHAR_BIT + CHAR_BIT - 1) / 10 * 3 + 2)

/*
 * Where the daemon lives.  XENSTORED_RUNDIR overrides the run folder and
 * XENSTORED_PATH the socket; the read-only socket is the same one.
 */
const char *xs_daemon_rundir(void);
const char *xs_daemon_socket(void);
const char *xs_daemon_socket_ro(void);

/* Writes all of data to fd, retrying short writes; false with errno. */
bool xs_write_all(int fd, const void *data, unsigned int len);

/*
 * Parses num consecutive NUL-terminated strings such as "w0", "r5" into
 * perms.  False with errno EINVAL if one is malformed.
 */
bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num,
			 const char *strings);

#endif /* XENSTORE_LIB_H */
