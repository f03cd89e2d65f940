/* SPDX-License-Identifier: LGPL-2.1-only */
/* What the builder's files share, besides the pure parts of xg_arm.h. */
#ifndef XG_PRIVATE_H
#define XG_PRIVATE_H

#include <xenctrl.h>
#include <xenforeignmemory.h>

#include "xenguest.h"
#include "xg_arm.h"

/* nr_pages of RAM at base_gfn on, in 2 MiB extents where it can: 0 or -1. */
int xg_populate_ram(xc_interface *xch, uint32_t domid, uint64_t base_gfn,
                    uint64_t nr_pages);
/* len bytes of src (zeroes if NULL) at guest physical gpa: 0 or -1. */
int xg_write_guest(xenforeignmemory_handle *fmem, uint32_t domid,
                   uint64_t gpa, const void *src, size_t len);

#endif
