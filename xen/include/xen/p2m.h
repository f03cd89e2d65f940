/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A domain's physical-to-machine map (stage 2 on Arm).  Common code uses
 * these; the arch implements them.
 */
#ifndef XEN_P2M_H
#define XEN_P2M_H

#include <xen/frame.h>
#include <xen/types.h>

struct domain;
struct page_info;

typedef enum {
    p2m_invalid = 0,
    p2m_ram_rw,             /* the domain's own RAM */
    p2m_ram_ro,
    p2m_mmio_direct,        /* a passed-through device */
    p2m_map_foreign_rw,     /* another domain's page (privcmd) */
    p2m_map_foreign_ro,
    p2m_grant_map_rw,       /* a granted page */
    p2m_grant_map_ro,
    p2m_xen_page,           /* shared_info, grant-table frames */
} p2m_type_t;

static inline bool p2m_is_ram(p2m_type_t t)
{
    return t == p2m_ram_rw || t == p2m_ram_ro;
}

static inline bool p2m_is_writable(p2m_type_t t)
{
    return t == p2m_ram_rw || t == p2m_map_foreign_rw ||
           t == p2m_grant_map_rw || t == p2m_xen_page || t == p2m_mmio_direct;
}

/* Maps nr frames from mfn at gfn, replacing what was there. 0 or -errno. */
int p2m_insert_mapping(struct domain *d, gfn_t gfn, unsigned long nr,
                       mfn_t mfn, p2m_type_t t);
/* Unmaps nr frames at gfn (holes are fine). */
int p2m_remove_mapping(struct domain *d, gfn_t gfn, unsigned long nr);
/* What gfn maps to, or INVALID_MFN. */
mfn_t p2m_lookup(struct domain *d, gfn_t gfn, p2m_type_t *t);

/*
 * The page behind one of d's gfns, with a reference taken (put_page when
 * done), if it is RAM d owns; NULL otherwise.
 */
struct page_info *get_page_from_gfn(struct domain *d, gfn_t gfn,
                                    p2m_type_t *t);

/* References on pages (count_info); the last put frees a freed page. */
bool get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);

#endif
