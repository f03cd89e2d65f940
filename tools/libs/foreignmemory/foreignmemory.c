/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxenforeignmemory over Linux's privcmd: mmap() a range of the device,
 * then ask the kernel to back it with the other domain's frames
 * (IOCTL_PRIVCMD_MMAPBATCH_V2, which on Arm becomes
 * XENMEM_add_to_physmap_batch with the foreign map space).  munmap()
 * gives the frames back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen-sys/Linux/privcmd.h>

#include "xenforeignmemory.h"

#define PAGE_SIZE 4096UL

struct xenforeignmemory_handle {
    int fd;
};

xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned int open_flags)
{
    xenforeignmemory_handle *fmem = malloc(sizeof(*fmem));
    int err;

    if ( !fmem )
        return NULL;
    fmem->fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if ( fmem->fd < 0 ) {
        err = errno;
        free(fmem);
        errno = err;
        return NULL;
    }
    return fmem;
}

int xenforeignmemory_close(xenforeignmemory_handle *fmem)
{
    if ( !fmem )
        return 0;
    close(fmem->fd);
    free(fmem);
    return 0;
}

void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom,
                           int prot, size_t pages, const uint64_t arr[],
                           int err[])
{
    struct privcmd_mmapbatch_v2 batch;
    int *errs = err, saved;
    size_t i;
    void *addr;

    if ( !pages || pages > (size_t)-1 / PAGE_SIZE || pages > UINT32_MAX ||
         dom > UINT16_MAX ) {
        errno = EINVAL;
        return NULL;
    }
    if ( !errs && !(errs = calloc(pages, sizeof(*errs))) )
        return NULL;
    addr = mmap(NULL, pages * PAGE_SIZE, prot, MAP_SHARED, fmem->fd, 0);
    if ( addr == MAP_FAILED ) {
        addr = NULL;
        goto out;
    }
    batch = (struct privcmd_mmapbatch_v2) {
        .num = pages, .dom = dom, .addr = (uintptr_t)addr,
        .arr = arr, .err = errs,
    };
    /*
     * ENOENT means some frames were paged out or absent; their err[]
     * entries say which.  Any other failure is the whole call's.
     */
    if ( ioctl(fmem->fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &batch) &&
         (errno != ENOENT || !err) ) {
        saved = errno;
        munmap(addr, pages * PAGE_SIZE);
        addr = NULL;
        errno = saved;
        goto out;
    }
    if ( !err )
        for ( i = 0; i < pages; i++ )
            if ( errs[i] ) {
                munmap(addr, pages * PAGE_SIZE);
                addr = NULL;
                errno = -errs[i];
                break;
            }
 out:
    if ( errs != err ) {
        saved = errno;
        free(errs);
        errno = saved;
    }
    return addr;
}

int xenforeignmemory_unmap(xenforeignmemory_handle *fmem, void *addr,
                           size_t pages)
{
    return munmap(addr, pages * PAGE_SIZE);
}
