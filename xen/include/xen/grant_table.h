/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables (version 1 only): the hypervisor side of the guest ABI in
 * public/grant_table.h, and what the rest of the hypervisor calls.
 *
 * Life cycle of a domain's table:
 *
 *   domain creation    grant_table_init(d, GNTTAB_DEFAULT_MAX_FRAMES,
 *                                       GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES)
 *   add_to_physmap     gnttab_map_frame(d, idx, gfn, &mfn)   (memory.c)
 *   domain kill        gnttab_release_mappings(d)   while d's p2m exists
 *   final free         grant_table_destroy(d)       refcount already zero
 *
 * Each grant mapping holds a reference on the granting domain (put_domain
 * when it is unmapped), so a granter cannot reach its final free while
 * anyone maps its grants, and a domain that maps grants (its own included)
 * is not freed until gnttab_release_mappings() drops them.  That is why the
 * release must happen when the domain is killed, not when it is freed.
 */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/frame.h>
#include <xen/types.h>

struct domain;

/* Xen's defaults (gnttab_max_frames, gnttab_max_maptrack_frames). */
#define GNTTAB_DEFAULT_MAX_FRAMES          64
#define GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES 1024

/* Hard limits on what grant_table_init() accepts. */
#define GNTTAB_MAX_FRAMES_LIMIT          4096
#define GNTTAB_MAX_MAPTRACK_FRAMES_LIMIT 65536

/*
 * Most entries one batched grant_table_op call may carry.  There are no
 * continuations, so Linux's batches must fit in one call: gntdev maps a
 * whole request (64 Ki grants with its default "limit") in one hypercall.
 * This is 4x that, and the capacity of the default maptrack.
 */
#define GNTTAB_MAX_BATCH (1U << 18)

/*
 * Sets up d's table: one shared frame now, growing on demand up to
 * max_frames (1..GNTTAB_MAX_FRAMES_LIMIT); room for max_maptrack_frames
 * pages of mapping handles (0 means d may not map grants).
 * 0, -EINVAL, -EEXIST or -ENOMEM.
 */
int grant_table_init(struct domain *d, unsigned int max_frames,
                     unsigned int max_maptrack_frames);

/*
 * Undoes everything grant-related in d's p2m and in other domains: every
 * grant mapping d holds (unpinned, GTF_reading/GTF_writing cleared in the
 * granter's entry, page and domain references dropped) and the mappings of
 * d's own table frames.  Call once d runs no more, before its p2m goes.
 * Idempotent.
 */
void gnttab_release_mappings(struct domain *d);

/*
 * Frees d's table.  Releases mappings first if that was not done; nothing
 * allocated by this file remains afterwards.  Only for a domain nobody
 * else can reach (final free): other domains' mappings of d's grants hold
 * references on d, so there are none left by then.
 */
void grant_table_destroy(struct domain *d);

/*
 * XENMEM_add_to_physmap(XENMAPSPACE_grant_table): maps d's shared frame
 * idx at gfn, growing the table to idx + 1 frames first if needed, and
 * removes it from the gfn it was at before (if that still maps it).  The
 * p2m entry (p2m_xen_page) is made here; *mfn says which frame it was.
 * -EINVAL for status frames (XENMAPIDX_grant_table_status: v1 has none) or
 * idx >= the domain's maximum; -ENOMEM; or what p2m_insert_mapping said.
 */
int gnttab_map_frame(struct domain *d, unsigned long idx, gfn_t gfn,
                     mfn_t *mfn);

/* Grant mappings d holds now (of others' grants and of its own). */
unsigned int gnttab_mappings_in_use(const struct domain *d);

/*
 * Arch hook for GNTTABOP_cache_flush: cleans the data cache over
 * [va, va + len) to the point of coherency, and invalidates it too when
 * invalidate is set.
 */
void arch_flush_dcache_range(void *va, size_t len, bool invalidate);

#ifdef XEN_HOST_TEST
/*
 * Host tests only: when set, called between reading a grant entry's
 * flags/domid word and the cmpxchg that sets GTF_reading/GTF_writing, so a
 * test can play the guest changing the entry in that window.
 */
extern void (*gnttab_test_race_hook)(uint32_t *entry_word);
#endif

#endif /* XEN_GRANT_TABLE_H */
