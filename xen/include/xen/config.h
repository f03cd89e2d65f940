/* SPDX-License-Identifier: GPL-2.0-only */
/* Included first by every hypervisor compilation unit. */
#ifndef XEN_CONFIG_H
#define XEN_CONFIG_H

#include <asm/config.h>

#define XEN_VERSION       4
#define XEN_SUBVERSION    17
#define XEN_EXTRAVERSION  "-hv"

#endif
