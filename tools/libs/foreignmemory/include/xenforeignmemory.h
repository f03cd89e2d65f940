/* SPDX-License-Identifier: MIT */
/*
 * libxenforeignmemory: pages of another domain mapped into this process
 * through Linux's /dev/xen/privcmd (dom0, or a domain allowed to control
 * the other), with Xen's names and semantics.
 */
#ifndef XENFOREIGNMEMORY_H
#define XENFOREIGNMEMORY_H

#include <stddef.h>
#include <stdint.h>

typedef struct xenforeignmemory_handle xenforeignmemory_handle;

/* Accepted for compatibility with Xen's API; never used. */
struct xentoollog_logger;

xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned int open_flags);
int xenforeignmemory_close(xenforeignmemory_handle *fmem);

/*
 * Maps pages arr[0..pages) of domain dom, contiguously, with prot
 * (PROT_READ and/or PROT_WRITE).  With err non-NULL, err[i] gets each
 * page's result (0 or -errno) and the mapping stands even if some failed
 * (those pages fault when touched); with err NULL, any failure fails the
 * whole call.  NULL with errno set on failure.
 */
void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom,
                           int prot, size_t pages, const uint64_t arr[],
                           int err[]);
int xenforeignmemory_unmap(xenforeignmemory_handle *fmem, void *addr,
                           size_t pages);

#endif
