/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxenstore: a client of the xenstore daemon, with Xen 4.17's API.
 *
 * Calls that fail return NULL, false or XBT_NULL and set errno: ENOENT,
 * EACCES and the like are the daemon's answer, EIO a reply that makes no
 * sense.  Once the connection fails, every call fails with the errno that
 * ended it (EBADF when the daemon closed it or broke the protocol, E2BIG
 * when it sent an oversized message) and the handle can only be closed.
 *
 * A handle may be shared by threads: requests are serialised, and watch
 * events are read by a background thread once the first watch is set, so
 * that a thread blocked in xs_read_watch does not hold up the others.
 */
#ifndef XENSTORE_H
#define XENSTORE_H

#include <xenstore_lib.h>

#define XBT_NULL 0

/* Flags of xs_open. */
#define XS_OPEN_READONLY	(1UL << 0)	/* accepted, has no effect */
#define XS_OPEN_SOCKETONLY	(1UL << 1)	/* never the xenbus device */
/*
 * After xs_unwatch returns, drop the queued events of that watch (same
 * token, path at or under the watched one), so that none is read later.
 */
#define XS_UNWATCH_FILTER	(1UL << 2)

struct xs_handle;
typedef uint32_t xs_transaction_t;

/*
 * Connects to the daemon's socket, or failing that (and unless
 * XS_OPEN_SOCKETONLY) to the kernel's xenbus device.  After fork(), only
 * the parent may use the handle; the child may xs_daemon_destroy_postfork
 * it.
 */
struct xs_handle *xs_open(unsigned long flags);
/* Closes h and frees what it holds; h may be NULL. */
void xs_close(struct xs_handle *h);

/* Old names of xs_open(0) and xs_close. */
struct xs_handle *xs_daemon_open(void);
struct xs_handle *xs_domain_open(void);
struct xs_handle *xs_daemon_open_readonly(void);
void xs_daemon_close(struct xs_handle *h);
/* In a forked child: frees the parent's handle without talking to it. */
void xs_daemon_destroy_postfork(struct xs_handle *h);

/*
 * The names of path's children, in one allocation to free(): *num of
 * them.  Lists too long for one message are fetched in parts.
 */
char **xs_directory(struct xs_handle *h, xs_transaction_t t,
		    const char *path, unsigned int *num);

/*
 * The value of path in an allocation to free(), with a NUL after its
 * *len bytes (len may be NULL).
 */
void *xs_read(struct xs_handle *h, xs_transaction_t t,
	      const char *path, unsigned int *len);

/* Sets path's value, creating it and missing parents. */
bool xs_write(struct xs_handle *h, xs_transaction_t t,
	      const char *path, const void *data, unsigned int len);

/* Creates path with an empty value; succeeds if it exists. */
bool xs_mkdir(struct xs_handle *h, xs_transaction_t t,
	      const char *path);

/* Removes path and everything under it. */
bool xs_rm(struct xs_handle *h, xs_transaction_t t,
	   const char *path);

/* Withdrawn from the protocol: always false. */
bool xs_restrict(struct xs_handle *h, unsigned int domid);

/*
 * path's access list, in an allocation to free(): *num entries.  The
 * first names the owner, and its perms apply to every domain the others
 * do not name.
 */
struct xs_permissions *xs_get_permissions(struct xs_handle *h,
					  xs_transaction_t t,
					  const char *path, unsigned int *num);

/* Replaces path's access list (as xs_get_permissions returns it). */
bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
			const char *path, struct xs_permissions *perms,
			unsigned int num_perms);

/*
 * Asks for an event whenever path or a node under it changes, and once
 * straight away.  Events carry the changed path and token.
 */
bool xs_watch(struct xs_handle *h, const char *path, const char *token);

/* A descriptor that polls readable while watch events are queued. */
int xs_fileno(struct xs_handle *h);

/*
 * The next queued watch event, without waiting: ret[XS_WATCH_PATH] and
 * ret[XS_WATCH_TOKEN] in one allocation to free().  NULL with EAGAIN when
 * none is queued; call it until then each time xs_fileno polls readable.
 */
char **xs_check_watch(struct xs_handle *h);

/*
 * The next watch event, waiting for one: *num strings (at least two) in
 * one allocation to free().
 */
char **xs_read_watch(struct xs_handle *h, unsigned int *num);

/*
 * Removes a watch.  Events it raised may still be queued unless the
 * handle was opened with XS_UNWATCH_FILTER.
 */
bool xs_unwatch(struct xs_handle *h, const char *path, const char *token);

/*
 * Starts a transaction: its reads see the store as it was, its writes
 * are seen by others only once it ends.  XBT_NULL on failure.
 */
xs_transaction_t xs_transaction_start(struct xs_handle *h);

/*
 * Commits t, or discards it if abort.  False with EAGAIN if another
 * change conflicted: start again.
 */
bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t,
			bool abort);

/*
 * Hands a new domain's store page (mfn) and event channel to the daemon,
 * which then serves the domain.
 */
bool xs_introduce_domain(struct xs_handle *h, unsigned int domid,
			 unsigned long mfn, unsigned int eventchn);

/* Lets domid (a device model) act on target's nodes. */
bool xs_set_target(struct xs_handle *h, unsigned int domid,
		   unsigned int target);

/* Clears the daemon's note that domid has shut down. */
bool xs_resume_domain(struct xs_handle *h, unsigned int domid);

/* Tells the daemon to stop serving domid and forget it. */
bool xs_release_domain(struct xs_handle *h, unsigned int domid);

/* domid's home path, such as /local/domain/5, in an allocation to free(). */
char *xs_get_domain_path(struct xs_handle *h, unsigned int domid);

/*
 * Whether child is parent or below it, comparing strings only: relative
 * and absolute paths never match.
 */
bool xs_path_is_subpath(const char *parent, const char *child);

/* Whether the daemon serves domid; false with errno on failure. */
bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid);

/*
 * Runs a daemon control command (as xenstore-control does) with len bytes
 * of arguments; its output in an allocation to free().
 */
char *xs_control_command(struct xs_handle *h, const char *cmd,
			 void *data, unsigned int len);
/* Old name of xs_control_command. */
char *xs_debug_command(struct xs_handle *h, const char *cmd,
		       void *data, unsigned int len);

/* The suspend event channel domid advertises in the store, or -1. */
int xs_suspend_evtchn_port(int domid);

#endif /* XENSTORE_H */
