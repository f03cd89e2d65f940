/* SPDX-License-Identifier: MIT */
/*
 * The ioctls of Linux's /dev/xen/gntalloc (include/uapi/xen/gntalloc.h):
 * grant pages of this process to a domain (mmap at the returned index).
 */
#ifndef XEN_SYS_LINUX_GNTALLOC_H
#define XEN_SYS_LINUX_GNTALLOC_H

#include <stdint.h>
#include <sys/ioctl.h>

#define GNTALLOC_FLAG_WRITABLE 1

/* Followed by count - 1 more gref_ids. */
struct ioctl_gntalloc_alloc_gref {
    uint16_t domid;
    uint16_t flags;
    uint32_t count;
    uint64_t index;                         /* OUT: mmap offset */
    uint32_t gref_ids[1];                   /* OUT */
};
#define IOCTL_GNTALLOC_ALLOC_GREF \
    _IOC(_IOC_NONE, 'G', 5, sizeof(struct ioctl_gntalloc_alloc_gref))

struct ioctl_gntalloc_dealloc_gref {
    uint64_t index;
    uint32_t count;
};
#define IOCTL_GNTALLOC_DEALLOC_GREF \
    _IOC(_IOC_NONE, 'G', 6, sizeof(struct ioctl_gntalloc_dealloc_gref))

#endif
