/* SPDX-License-Identifier: MIT */
/*
 * The ioctls of Linux's /dev/xen/evtchn (include/uapi/xen/evtchn.h).
 * read() gives the ports that fired as 32-bit values; write() of ports
 * unmasks them again.
 */
#ifndef XEN_SYS_LINUX_EVTCHN_H
#define XEN_SYS_LINUX_EVTCHN_H

#include <stdint.h>
#include <sys/ioctl.h>

struct ioctl_evtchn_bind_virq {
    unsigned int virq;
};
#define IOCTL_EVTCHN_BIND_VIRQ \
    _IOC(_IOC_NONE, 'E', 0, sizeof(struct ioctl_evtchn_bind_virq))

struct ioctl_evtchn_bind_interdomain {
    unsigned int remote_domain, remote_port;
};
#define IOCTL_EVTCHN_BIND_INTERDOMAIN \
    _IOC(_IOC_NONE, 'E', 1, sizeof(struct ioctl_evtchn_bind_interdomain))

struct ioctl_evtchn_bind_unbound_port {
    unsigned int remote_domain;
};
#define IOCTL_EVTCHN_BIND_UNBOUND_PORT \
    _IOC(_IOC_NONE, 'E', 2, sizeof(struct ioctl_evtchn_bind_unbound_port))

struct ioctl_evtchn_unbind {
    unsigned int port;
};
#define IOCTL_EVTCHN_UNBIND \
    _IOC(_IOC_NONE, 'E', 3, sizeof(struct ioctl_evtchn_unbind))

struct ioctl_evtchn_notify {
    unsigned int port;
};
#define IOCTL_EVTCHN_NOTIFY \
    _IOC(_IOC_NONE, 'E', 4, sizeof(struct ioctl_evtchn_notify))

#endif
