/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypervisor-internal errno names: the guest ABI values without a prefix. */
#ifndef XEN_ERRNO_H
#define XEN_ERRNO_H

#include <public/errno.h>

#ifndef EPERM /* host unit tests get these from the C library */
#define EPERM      XEN_EPERM
#define ENOENT     XEN_ENOENT
#define ESRCH      XEN_ESRCH
#define EINTR      XEN_EINTR
#define EIO        XEN_EIO
#define ENXIO      XEN_ENXIO
#define E2BIG      XEN_E2BIG
#define ENOEXEC    XEN_ENOEXEC
#define EAGAIN     XEN_EAGAIN
#define ENOMEM     XEN_ENOMEM
#define EACCES     XEN_EACCES
#define EFAULT     XEN_EFAULT
#define EBUSY      XEN_EBUSY
#define EEXIST     XEN_EEXIST
#define ENODEV     XEN_ENODEV
#define EINVAL     XEN_EINVAL
#define ENOSPC     XEN_ENOSPC
#define ERANGE     XEN_ERANGE
#define ENOSYS     XEN_ENOSYS
#define ENOTEMPTY  XEN_ENOTEMPTY
#define ENODATA    XEN_ENODATA
#define EOVERFLOW  XEN_EOVERFLOW
#define EOPNOTSUPP XEN_EOPNOTSUPP
#define EISCONN    XEN_EISCONN
#define ENOTCONN   XEN_ENOTCONN
#define ETIMEDOUT  XEN_ETIMEDOUT
#define ENOBUFS    XEN_ENOBUFS
#endif

#endif /* XEN_ERRNO_H */
