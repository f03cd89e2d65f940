/* SPDX-License-Identifier: MIT */
/*
 * libxencall: hypercalls from dom0 user space through Linux's
 * /dev/xen/privcmd, with Xen's names and semantics.  A call returns the
 * hypercall's non-negative result, or -1 with errno set.
 *
 * Every pointer a hypercall follows must point into a buffer from
 * xencall_alloc_buffer(): those pages stay resident and in place, which
 * ordinary heap memory does not promise while the hypervisor reads it.
 */
#ifndef XENCALL_H
#define XENCALL_H

#include <stddef.h>
#include <stdint.h>

typedef struct xencall_handle xencall_handle;

/* Accepted for compatibility with Xen's API; never used. */
struct xentoollog_logger;

/* Keep the device open across exec (the default is close-on-exec). */
#define XENCALL_OPENFLAG_NON_REENTRANT (1U << 0)

xencall_handle *xencall_open(struct xentoollog_logger *logger,
                             unsigned int open_flags);
int xencall_close(xencall_handle *xcall);

int xencall0(xencall_handle *xcall, unsigned int op);
int xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1);
int xencall2(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2);
int xencall3(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2, uint64_t arg3);
int xencall4(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2, uint64_t arg3, uint64_t arg4);
int xencall5(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5);

/* Hypercall-safe memory, zeroed; NULL with errno set on failure. */
void *xencall_alloc_buffer(xencall_handle *xcall, size_t size);
void xencall_free_buffer(xencall_handle *xcall, void *p);
void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages);
void xencall_free_buffer_pages(xencall_handle *xcall, void *p,
                               size_t nr_pages);

#endif
