/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#include <xen/types.h>

/* The XENFEAT_* bitmap (submap 0) for d. */
uint32_t xen_features_of(const struct domain *d);

/* Arch: the capabilities string ("xen-3.0-aarch64 "). */
extern const char arch_capabilities[];

#endif
