/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Access to domain pages from the hypervisor.  All RAM is mapped 1:1 on the
 * arches we support, so mapping is free; the calls exist so that code says
 * what it means and an arch without a full map could change them.
 */
#ifndef XEN_DOMAIN_PAGE_H
#define XEN_DOMAIN_PAGE_H

#include <xen/frame.h>
#include <asm/mm.h>

static inline void *map_domain_page(mfn_t mfn)
{
    return maddr_to_virt(mfn_to_maddr(mfn));
}

static inline void unmap_domain_page(const void *va)
{
    (void)va;
}

#endif
