/* SPDX-License-Identifier: MIT */
/*
 * libxengnttab: mapping other domains' grants into this process, over
 * Linux's /dev/xen/gntdev.  The subset of Xen's API that the daemons of
 * this tree use, with Xen's names and semantics: calls fail with NULL or
 * -1 and errno set.
 */
#ifndef XENGNTTAB_H
#define XENGNTTAB_H

#include <stdint.h>

typedef struct xengntdev_handle xengnttab_handle;

/* Accepted for compatibility with Xen's API; never used. */
struct xentoollog_logger;

xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
                                 unsigned int open_flags);
int xengnttab_close(xengnttab_handle *xgt);

/* Maps grant ref of domain domid as one page; prot as for mmap(). */
void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
                              uint32_t ref, int prot);

/* Unmaps count pages mapped at start_address by one map call. */
int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
                    uint32_t count);

#endif
