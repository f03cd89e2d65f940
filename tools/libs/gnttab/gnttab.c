/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxengnttab over Linux's /dev/xen/gntdev: the map ioctl reserves an
 * offset in the device, and mmap() of that offset maps the grant.  Unmap
 * asks the device for the offset back, so the handle keeps no table.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen-sys/Linux/gntdev.h>

#include "xengnttab.h"

/* Grants are 4 KiB whatever the page size of this kernel. */
#define GRANT_PAGE_SIZE 4096

struct xengntdev_handle {
    int fd;
};

xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger,
                                 unsigned int open_flags)
{
    xengnttab_handle *xgt = malloc(sizeof(*xgt));

    if ( !xgt )
        return NULL;
    xgt->fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    if ( xgt->fd < 0 ) {
        int err = errno;

        free(xgt);
        errno = err;
        return NULL;
    }
    return xgt;
}

int xengnttab_close(xengnttab_handle *xgt)
{
    int rc;

    if ( !xgt )
        return 0;
    rc = close(xgt->fd);
    free(xgt);
    return rc;
}

static void release_offset(xengnttab_handle *xgt, uint64_t offset,
                           uint32_t count)
{
    struct ioctl_gntdev_unmap_grant_ref op = {
        .index = offset,
        .count = count,
    };
    int err = errno;

    ioctl(xgt->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &op);
    errno = err;
}

void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
                              uint32_t ref, int prot)
{
    struct ioctl_gntdev_map_grant_ref op = {
        .count = 1,
        .refs[0] = { .domid = domid, .ref = ref },
    };
    void *addr;

    if ( ioctl(xgt->fd, IOCTL_GNTDEV_MAP_GRANT_REF, &op) )
        return NULL;

    /*
     * Xen answers EAGAIN while the granted page is paged out; there is no
     * notification when it comes back, so poll for it.
     */
    while ( (addr = mmap(NULL, GRANT_PAGE_SIZE, prot, MAP_SHARED, xgt->fd,
                         op.index)) == MAP_FAILED && errno == EAGAIN )
        usleep(1000);

    if ( addr == MAP_FAILED ) {
        release_offset(xgt, op.index, 1);
        return NULL;
    }
    return addr;
}

int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
                    uint32_t count)
{
    struct ioctl_gntdev_get_offset_for_vaddr where = {
        .vaddr = (uintptr_t)start_address,
    };
    struct ioctl_gntdev_unmap_grant_ref op;

    if ( !start_address ) {
        errno = EINVAL;
        return -1;
    }
    if ( ioctl(xgt->fd, IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR, &where) )
        return -1;
    if ( where.count != count ) {
        errno = EINVAL;
        return -1;
    }
    if ( munmap(start_address, (size_t)count * GRANT_PAGE_SIZE) )
        return -1;

    op = (struct ioctl_gntdev_unmap_grant_ref){
        .index = where.offset,
        .count = count,
    };
    return ioctl(xgt->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &op);
}
