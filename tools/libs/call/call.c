/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxencall over Linux's privcmd driver.  Buffers come from
 * /dev/xen/hypercall, whose pages the kernel keeps resident and never
 * moves; without that device (kernels before 4.18) locked anonymous
 * memory stands in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen-sys/Linux/privcmd.h>

#include "xencall.h"

#define PAGE_SIZE 4096UL

struct xencall_handle {
    int privcmd_fd;
    int buf_fd;         /* /dev/xen/hypercall, or -1 */
};

xencall_handle *xencall_open(struct xentoollog_logger *logger,
                             unsigned int open_flags)
{
    xencall_handle *xcall = malloc(sizeof(*xcall));
    int err;

    if ( !xcall )
        return NULL;
    xcall->privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if ( xcall->privcmd_fd < 0 ) {
        err = errno;
        free(xcall);
        errno = err;
        return NULL;
    }
    xcall->buf_fd = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);
    return xcall;
}

int xencall_close(xencall_handle *xcall)
{
    if ( !xcall )
        return 0;
    if ( xcall->buf_fd >= 0 )
        close(xcall->buf_fd);
    close(xcall->privcmd_fd);
    free(xcall);
    return 0;
}

static int hypercall(xencall_handle *xcall, unsigned int op, uint64_t a1,
                     uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct privcmd_hypercall call = {
        .op = op, .arg = { a1, a2, a3, a4, a5 },
    };

    return ioctl(xcall->privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &call);
}

int xencall0(xencall_handle *xcall, unsigned int op)
{
    return hypercall(xcall, op, 0, 0, 0, 0, 0);
}

int xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1)
{
    return hypercall(xcall, op, arg1, 0, 0, 0, 0);
}

int xencall2(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2)
{
    return hypercall(xcall, op, arg1, arg2, 0, 0, 0);
}

int xencall3(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2, uint64_t arg3)
{
    return hypercall(xcall, op, arg1, arg2, arg3, 0, 0);
}

int xencall4(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2, uint64_t arg3, uint64_t arg4)
{
    return hypercall(xcall, op, arg1, arg2, arg3, arg4, 0);
}

int xencall5(xencall_handle *xcall, unsigned int op, uint64_t arg1,
             uint64_t arg2, uint64_t arg3, uint64_t arg4, uint64_t arg5)
{
    return hypercall(xcall, op, arg1, arg2, arg3, arg4, arg5);
}

void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages)
{
    size_t size = nr_pages * PAGE_SIZE;
    void *p;
    int err;

    if ( !nr_pages || size / PAGE_SIZE != nr_pages ) {
        errno = EINVAL;
        return NULL;
    }
    if ( xcall->buf_fd >= 0 ) {
        p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
                 xcall->buf_fd, 0);
        if ( p == MAP_FAILED )
            return NULL;
    } else {
        p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
        if ( p == MAP_FAILED )
            return NULL;
        /* A child's copy-on-write would move the pages under a call. */
        if ( madvise(p, size, MADV_DONTFORK) ) {
            err = errno;
            munmap(p, size);
            errno = err;
            return NULL;
        }
    }
    memset(p, 0, size);
    return p;
}

void xencall_free_buffer_pages(xencall_handle *xcall, void *p,
                               size_t nr_pages)
{
    if ( p )
        munmap(p, nr_pages * PAGE_SIZE);
}

/* A buffer of any size: whole pages, their count in a header before it. */
struct buffer_header {
    size_t nr_pages;
    uint64_t align;
};

void *xencall_alloc_buffer(xencall_handle *xcall, size_t size)
{
    size_t total = size + sizeof(struct buffer_header);
    struct buffer_header *h;

    if ( total < size ) {
        errno = EINVAL;
        return NULL;
    }
    h = xencall_alloc_buffer_pages(xcall, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    if ( !h )
        return NULL;
    h->nr_pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    return h + 1;
}

void xencall_free_buffer(xencall_handle *xcall, void *p)
{
    struct buffer_header *h = p;

    if ( !p )
        return;
    h--;
    xencall_free_buffer_pages(xcall, h, h->nr_pages);
}
