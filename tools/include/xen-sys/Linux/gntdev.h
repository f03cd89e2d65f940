/* SPDX-License-Identifier: MIT */
/*
 * The ioctls of Linux's /dev/xen/gntdev (include/uapi/xen/gntdev.h): map
 * other domains' grants into this process (mmap at the returned index),
 * and grant copies.
 */
#ifndef XEN_SYS_LINUX_GNTDEV_H
#define XEN_SYS_LINUX_GNTDEV_H

#include <stdint.h>
#include <sys/ioctl.h>

struct ioctl_gntdev_grant_ref {
    uint32_t domid;
    uint32_t ref;
};

/* Followed by count - 1 more refs. */
struct ioctl_gntdev_map_grant_ref {
    uint32_t count;
    uint32_t pad;
    uint64_t index;                         /* OUT: mmap offset */
    struct ioctl_gntdev_grant_ref refs[1];
};
#define IOCTL_GNTDEV_MAP_GRANT_REF \
    _IOC(_IOC_NONE, 'G', 0, sizeof(struct ioctl_gntdev_map_grant_ref))

struct ioctl_gntdev_unmap_grant_ref {
    uint64_t index;
    uint32_t count;
    uint32_t pad;
};
#define IOCTL_GNTDEV_UNMAP_GRANT_REF \
    _IOC(_IOC_NONE, 'G', 1, sizeof(struct ioctl_gntdev_unmap_grant_ref))

/* Finds the mmap offset and page count of the mapping that starts at vaddr. */
struct ioctl_gntdev_get_offset_for_vaddr {
    uint64_t vaddr;
    uint64_t offset;                        /* OUT */
    uint32_t count;                         /* OUT */
    uint32_t pad;
};
#define IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR \
    _IOC(_IOC_NONE, 'G', 2, sizeof(struct ioctl_gntdev_get_offset_for_vaddr))

/* One side of a copy is a local address, the other a grant (GNTCOPY_*). */
struct gntdev_grant_copy_segment {
    union {
        void *virt;
        struct {
            uint32_t ref;
            uint16_t offset;
            uint16_t domid;
        } foreign;
    } source, dest;
    uint16_t len;
    uint16_t flags;
    int16_t status;                         /* OUT: GNTST_* */
};

struct ioctl_gntdev_grant_copy {
    unsigned int count;
    struct gntdev_grant_copy_segment *segments;
};
#define IOCTL_GNTDEV_GRANT_COPY \
    _IOC(_IOC_NONE, 'G', 8, sizeof(struct ioctl_gntdev_grant_copy))

#endif
