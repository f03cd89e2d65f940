/* SPDX-License-Identifier: MIT */
/*
 * The ioctls of Linux's /dev/xen/privcmd that the tools use: the numbers
 * and layouts are Linux's user ABI (include/uapi/xen/privcmd.h).
 */
#ifndef XEN_SYS_LINUX_PRIVCMD_H
#define XEN_SYS_LINUX_PRIVCMD_H

#include <stdint.h>
#include <sys/ioctl.h>

/* One hypercall, made by the kernel on the caller's behalf. */
struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};

#define IOCTL_PRIVCMD_HYPERCALL \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

/*
 * Maps num frames of domain dom (arr[], guest frame numbers) at addr, a
 * range the caller mmap()ed from the privcmd device; err[i] gets each
 * frame's result (0 or -errno).
 */
struct privcmd_mmapbatch_v2 {
    unsigned int num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};

#define IOCTL_PRIVCMD_MMAPBATCH_V2 \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_mmapbatch_v2))

#endif
