/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables, version 1, as Xen 4.17 offers them to an Arm guest.
 *
 * A domain grants another access to one of its pages by filling an entry
 * of its shared table (frames the hypervisor owns and the guest maps with
 * XENMEM_add_to_physmap).  The grantee then maps the page into its own p2m
 * (GNTTABOP_map_grant_ref) or copies to or from it (GNTTABOP_copy).  While
 * a grant is in use the hypervisor keeps GTF_reading (and GTF_writing for
 * write access) set in the granter's entry, which is what makes the guest's
 * revoke, a cmpxchg of the flags to 0 that expects both clear, fail.
 *
 * Per table:
 *   shared frames   the guest-visible entries, 512 per frame, grown on
 *                   demand; frame_gfn[] says where the guest mapped each;
 *   active entries  one per ref: pins (read-only and writable users) and
 *                   the domain and frame they pin;
 *   maptrack        the mappings this domain holds, by handle: granter (a
 *                   domain reference), ref, flags, gfn and frame.
 *
 * Every mapping holds a reference on the granted page and on the granting
 * domain; a copy holds both for the duration of the op.
 *
 * Locking: one spinlock per table covers its size, active entries and
 * maptrack.  No path holds two tables' locks at once (a mapping involves
 * two tables: each is locked in turn, and a maptrack handle being set up
 * or torn down is marked busy in between).  The p2m lock and the heap
 * lock nest inside a table lock, never the reverse.  put_domain() is only
 * called with no table lock held, as the last put may free a table.
 */
#include <xen/atomic.h>
#include <xen/domain_page.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <public/grant_table.h>
#include <public/memory.h>

#define ENTRIES_PER_FRAME (PAGE_SIZE / sizeof(struct grant_entry_v1))
#define MAPTRACK_PER_PAGE (PAGE_SIZE / sizeof(struct maptrack_entry))
#define MAPTRACK_NONE     (~0U)
#define PIN_MAX           0xffffU
/* Xen gives up on an entry the guest keeps changing after 5 attempts. */
#define MARK_ATTEMPTS 5
/* Bits of cmd above these carry a continuation's argument in Xen. */
#define GNTTABOP_CMD_MASK 0xfffU

/*
 * The first word of a v1 entry holds flags (bits 15:0) and domid (31:16):
 * guests are little-endian.  It is read and updated as one word, so that a
 * grant cannot change between being checked and being marked in use.
 */
#define WORD_FLAGS(w) ((uint16_t)(w))
#define WORD_DOMID(w) ((domid_t)((w) >> 16))

struct active_grant {
    uint16_t pin_ro; /* read-only mappings and copies in progress */
    uint16_t pin_rw; /* writable ones */
    domid_t domid;   /* the domain holding the pins */
    uint16_t pad;
    mfn_t mfn; /* the frame pinned, while pinned */
};

enum maptrack_state {
    MT_FREE,
    MT_BUSY, /* being set up or torn down: not usable */
    MT_IN_USE,
};

struct maptrack_entry {
    struct domain *rd; /* granter, referenced while in use */
    gfn_t gfn;         /* where the mapper has the frame */
    mfn_t mfn;
    uint32_t ref;   /* the grant; when free, the next free handle */
    uint16_t flags; /* GNTMAP_host_map [| GNTMAP_readonly] */
    uint16_t state;
};

struct grant_table {
    spinlock_t lock;
    unsigned int nr_frames;
    unsigned int max_frames;
    void **shared;                /* [max_frames] */
    gfn_t *frame_gfn;             /* [max_frames] */
    struct active_grant **active; /* [max_frames][ENTRIES_PER_FRAME] */

    struct maptrack_entry **maptrack; /* [max_maptrack_frames] pages */
    unsigned int nr_maptrack_frames;
    unsigned int max_maptrack_frames;
    unsigned int maptrack_free;   /* head of the free handles */
    unsigned int mappings_in_use; /* read without the lock */
};

#ifdef XEN_HOST_TEST
void (*gnttab_test_race_hook)(uint32_t *entry_word);
#define race_window(w)                \
    do {                              \
        if ( gnttab_test_race_hook )  \
            gnttab_test_race_hook(w); \
    } while ( 0 )
#else
#define race_window(w) ((void)(w))
#endif

/* ---------------------------------------------------------------------- */
/* Shared and active entries                                               */

static unsigned int nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * ENTRIES_PER_FRAME;
}

/* The flags/domid word of entry ref, which the guest changes at will. */
static uint32_t *entry_word(const struct grant_table *gt, grant_ref_t ref)
{
    char *e = (char *)gt->shared[ref / ENTRIES_PER_FRAME] +
              (ref % ENTRIES_PER_FRAME) * sizeof(struct grant_entry_v1);

    return (uint32_t *)e;
}

static gfn_t entry_frame(const struct grant_table *gt, grant_ref_t ref)
{
    return _gfn(__atomic_load_n(entry_word(gt, ref) + 1, __ATOMIC_ACQUIRE));
}

static struct active_grant *active_entry(const struct grant_table *gt,
                                         grant_ref_t ref)
{
    return &gt->active[ref / ENTRIES_PER_FRAME][ref % ENTRIES_PER_FRAME];
}

static bool is_pinned(const struct active_grant *act)
{
    return act->pin_ro || act->pin_rw;
}

static void entry_clear_flags(uint32_t *w, uint16_t mask)
{
    __atomic_fetch_and(w, ~(uint32_t)mask, __ATOMIC_SEQ_CST);
}

/*
 * Sets GTF_reading, and GTF_writing for write access, in the entry, but
 * only while it still grants what we need: checked and set with one
 * cmpxchg, retried (and re-checked) when the guest changed the word in
 * between.  An entry already pinned was checked by its first user; only a
 * write on a read-only grant is refused then.  Mappings also refuse
 * sub-page grants, as Xen does.
 */
static int16_t entry_mark_in_use(uint32_t *w, bool pinned, bool readonly,
                                 bool mapping, domid_t ldomid)
{
    uint16_t type_mask = GTF_type_mask | (mapping ? GTF_sub_page : 0);
    uint32_t old = __atomic_load_n(w, __ATOMIC_ACQUIRE);
    unsigned int attempt;

    for ( attempt = 0; attempt < MARK_ATTEMPTS; attempt++ ) {
        uint16_t flags = WORD_FLAGS(old);
        uint32_t new = old | GTF_reading | (readonly ? 0 : GTF_writing);

        if ( !pinned && ((flags & type_mask) != GTF_permit_access ||
                         WORD_DOMID(old) != ldomid) )
            return GNTST_general_error;
        if ( !readonly && (flags & GTF_readonly) )
            return GNTST_general_error;
        race_window(w);
        /* On failure old becomes what the guest wrote: check that. */
        if ( __atomic_compare_exchange_n(w, &old, new, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_ACQUIRE) )
            return GNTST_okay;
    }
    return GNTST_general_error;
}

/* Clears the flags no remaining pin needs; caller holds the table lock. */
static void entry_release_flags(const struct grant_table *gt, grant_ref_t ref,
                                bool readonly)
{
    const struct active_grant *act = active_entry(gt, ref);
    uint16_t clear = 0;

    if ( !readonly && !act->pin_rw )
        clear |= GTF_writing;
    if ( !is_pinned(act) )
        clear |= GTF_reading;
    if ( clear )
        entry_clear_flags(entry_word(gt, ref), clear);
}

/* The page of a newly pinned grant, referenced; NULL if not rd's RAM. */
static struct page_info *grant_page(struct domain *rd, gfn_t gfn, bool readonly)
{
    p2m_type_t t;
    struct page_info *pg = get_page_from_gfn(rd, gfn, &t);

    if ( pg && !readonly && t == p2m_ram_ro ) {
        put_page(pg);
        pg = NULL;
    }
    return pg;
}

/*
 * Pins rd's grant ref for domain ldomid and takes a page reference for the
 * caller (*ppg).  A mapping and a copy differ only in the status for a
 * pinned page that can no longer be referenced, and in sub-page grants.
 */
static int16_t pin_grant(struct domain *rd, grant_ref_t ref, domid_t ldomid,
                         bool readonly, bool mapping, struct page_info **ppg)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant *act;
    struct page_info *pg;
    bool pinned;
    int16_t rc = GNTST_okay;

    spin_lock(&gt->lock);
    if ( ref >= nr_entries(gt) ) {
        rc = GNTST_bad_gntref;
        goto out;
    }
    act = active_entry(gt, ref);
    pinned = is_pinned(act);
    /* One domain pins an entry at a time; counts saturate, never wrap. */
    if ( pinned && (act->domid != ldomid ||
                    (readonly ? act->pin_ro : act->pin_rw) == PIN_MAX) ) {
        rc = GNTST_general_error;
        goto out;
    }
    if ( !pinned || (!readonly && !act->pin_rw) )
        rc = entry_mark_in_use(entry_word(gt, ref), pinned, readonly, mapping,
                               ldomid);
    if ( rc != GNTST_okay )
        goto out;

    if ( !pinned ) {
        pg = grant_page(rd, entry_frame(gt, ref), readonly);
        if ( !pg ) {
            rc = GNTST_bad_page;
            goto undo;
        }
        act->domid = ldomid;
        act->mfn = page_to_mfn(pg);
    } else {
        pg = mfn_to_page(act->mfn);
        if ( !get_page(pg, rd) ) {
            rc = mapping ? GNTST_general_error : GNTST_bad_domain;
            goto undo;
        }
    }
    if ( readonly )
        act->pin_ro++;
    else
        act->pin_rw++;
    *ppg = pg;
    goto out;

undo:
    entry_release_flags(gt, ref, readonly);
out:
    spin_unlock(&gt->lock);
    return rc;
}

/* Drops one pin taken by pin_grant() (not the page reference). */
static void unpin_grant(struct grant_table *gt, grant_ref_t ref, bool readonly)
{
    struct active_grant *act;

    spin_lock(&gt->lock);
    act = active_entry(gt, ref);
    if ( readonly ) {
        ASSERT(act->pin_ro);
        act->pin_ro--;
    } else {
        ASSERT(act->pin_rw);
        act->pin_rw--;
    }
    entry_release_flags(gt, ref, readonly);
    spin_unlock(&gt->lock);
}

/* ---------------------------------------------------------------------- */
/* Table frames                                                            */

static void free_frames(struct grant_table *gt, unsigned int from,
                        unsigned int to)
{
    unsigned int i;

    for ( i = from; i < to; i++ ) {
        if ( gt->shared[i] )
            free_xenheap_page(gt->shared[i]);
        xfree(gt->active[i]);
        gt->shared[i] = NULL;
        gt->active[i] = NULL;
    }
}

/* Grows the table to nr frames (all or nothing); caller holds the lock. */
static int grow_table(struct grant_table *gt, unsigned int nr)
{
    unsigned int i;

    ASSERT(nr <= gt->max_frames);
    for ( i = gt->nr_frames; i < nr; i++ ) {
        gt->shared[i] = alloc_xenheap_pages(0, MEMF_zero);
        gt->active[i] = xzalloc_array(struct active_grant, ENTRIES_PER_FRAME);
        gt->frame_gfn[i] = INVALID_GFN;
        if ( !gt->shared[i] || !gt->active[i] ) {
            free_frames(gt, gt->nr_frames, i + 1);
            return -ENOMEM;
        }
    }
    if ( nr > gt->nr_frames )
        gt->nr_frames = nr;
    return 0;
}

/* Takes frame idx out of d's p2m, if its recorded gfn still maps it. */
static void unmap_frame(struct domain *d, struct grant_table *gt,
                        unsigned int idx)
{
    gfn_t gfn = gt->frame_gfn[idx];
    p2m_type_t t;

    if ( gfn_eq(gfn, INVALID_GFN) )
        return;
    /* The guest may have put something else there since. */
    if ( mfn_eq(p2m_lookup(d, gfn, &t), virt_to_mfn(gt->shared[idx])) &&
         t == p2m_xen_page )
        p2m_remove_mapping(d, gfn, 1);
    gt->frame_gfn[idx] = INVALID_GFN;
}

/* Maps frame idx at gfn and nowhere else; caller holds the lock. */
static int place_frame(struct domain *d, struct grant_table *gt,
                       unsigned int idx, gfn_t gfn, mfn_t *mfn)
{
    mfn_t m = virt_to_mfn(gt->shared[idx]);
    unsigned int i;
    int rc;

    if ( !gfn_eq(gt->frame_gfn[idx], gfn) )
        unmap_frame(d, gt, idx);
    /* A frame sitting at gfn now is replaced there. */
    for ( i = 0; i < gt->nr_frames; i++ )
        if ( i != idx && gfn_eq(gt->frame_gfn[i], gfn) )
            gt->frame_gfn[i] = INVALID_GFN;
    rc = p2m_insert_mapping(d, gfn, 1, m, p2m_xen_page);
    if ( !rc )
        gt->frame_gfn[idx] = gfn;
    *mfn = m;
    return rc;
}

int gnttab_map_frame(struct domain *d, unsigned long idx, gfn_t gfn, mfn_t *mfn)
{
    struct grant_table *gt = d->grant_table;
    int rc;

    /* Version 1 has no status frames. */
    if ( !gt || (idx & XENMAPIDX_grant_table_status) )
        return -EINVAL;

    spin_lock(&gt->lock);
    if ( idx >= gt->max_frames )
        rc = -EINVAL;
    else if ( idx >= gt->nr_frames && (rc = grow_table(gt, idx + 1)) )
        ;
    else
        rc = place_frame(d, gt, idx, gfn, mfn);
    spin_unlock(&gt->lock);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Maptrack: the mappings a domain holds, by handle                        */

static struct maptrack_entry *maptrack_slot(const struct grant_table *gt,
                                            unsigned int handle)
{
    return &gt->maptrack[handle / MAPTRACK_PER_PAGE]
                        [handle % MAPTRACK_PER_PAGE];
}

/* The entry of a live mapping, or NULL; caller holds the lock. */
static struct maptrack_entry *maptrack_lookup(const struct grant_table *gt,
                                              grant_handle_t handle)
{
    struct maptrack_entry *e;

    if ( handle >= gt->nr_maptrack_frames * MAPTRACK_PER_PAGE )
        return NULL;
    e = maptrack_slot(gt, handle);
    return e->state == MT_IN_USE ? e : NULL;
}

/* Adds a page of free handles; caller holds the lock. */
static void maptrack_grow(struct grant_table *gt)
{
    unsigned int base = gt->nr_maptrack_frames * MAPTRACK_PER_PAGE, i;
    struct maptrack_entry *page;

    if ( gt->nr_maptrack_frames >= gt->max_maptrack_frames )
        return;
    page = alloc_xenheap_pages(0, MEMF_zero);
    if ( !page )
        return;
    for ( i = 0; i < MAPTRACK_PER_PAGE; i++ ) {
        page[i].state = MT_FREE;
        page[i].ref =
            i + 1 < MAPTRACK_PER_PAGE ? base + i + 1 : gt->maptrack_free;
    }
    gt->maptrack[gt->nr_maptrack_frames++] = page;
    gt->maptrack_free = base;
}

/* A free handle, marked busy, or MAPTRACK_NONE when out of them. */
static unsigned int maptrack_get(struct grant_table *gt)
{
    unsigned int handle;

    spin_lock(&gt->lock);
    if ( gt->maptrack_free == MAPTRACK_NONE )
        maptrack_grow(gt);
    handle = gt->maptrack_free;
    if ( handle != MAPTRACK_NONE ) {
        struct maptrack_entry *e = maptrack_slot(gt, handle);

        gt->maptrack_free = e->ref;
        e->state = MT_BUSY;
    }
    spin_unlock(&gt->lock);
    return handle;
}

/* Frees a busy handle; was_mapped if it stood for a completed mapping. */
static void maptrack_put(struct grant_table *gt, unsigned int handle,
                         bool was_mapped)
{
    struct maptrack_entry *e;

    spin_lock(&gt->lock);
    e = maptrack_slot(gt, handle);
    ASSERT(e->state == MT_BUSY);
    e->state = MT_FREE;
    e->rd = NULL;
    e->ref = gt->maptrack_free;
    gt->maptrack_free = handle;
    if ( was_mapped )
        __atomic_sub_fetch(&gt->mappings_in_use, 1, __ATOMIC_RELAXED);
    spin_unlock(&gt->lock);
}

static void maptrack_commit(struct grant_table *gt, unsigned int handle,
                            struct domain *rd, grant_ref_t ref, uint16_t flags,
                            gfn_t gfn, mfn_t mfn)
{
    struct maptrack_entry *e;

    spin_lock(&gt->lock);
    e = maptrack_slot(gt, handle);
    e->rd = rd;
    e->ref = ref;
    e->flags = flags;
    e->gfn = gfn;
    e->mfn = mfn;
    e->state = MT_IN_USE;
    __atomic_add_fetch(&gt->mappings_in_use, 1, __ATOMIC_RELAXED);
    spin_unlock(&gt->lock);
}

/*
 * Claims the live mapping behind handle for tearing down: *out gets a copy
 * of it and the handle turns busy.  false if there is none.
 */
static bool maptrack_claim(struct grant_table *gt, unsigned int handle,
                           struct maptrack_entry *out)
{
    struct maptrack_entry *e;

    spin_lock(&gt->lock);
    e = maptrack_lookup(gt, handle);
    if ( e ) {
        *out = *e;
        e->state = MT_BUSY;
    }
    spin_unlock(&gt->lock);
    return e != NULL;
}

/* True if one of gt's live mappings is of mfn; caller holds the lock. */
static bool maptrack_maps_mfn(const struct grant_table *gt, mfn_t mfn)
{
    unsigned int h, left = gt->mappings_in_use;

    for ( h = 0; left && h < gt->nr_maptrack_frames * MAPTRACK_PER_PAGE; h++ ) {
        const struct maptrack_entry *e = maptrack_slot(gt, h);

        if ( e->state != MT_IN_USE )
            continue;
        if ( mfn_eq(e->mfn, mfn) )
            return true;
        left--;
    }
    return false;
}

/* ---------------------------------------------------------------------- */
/* Mapping and unmapping                                                   */

/*
 * Undoes a claimed mapping ld held: its p2m entry (if the gfn still shows
 * it), the pin, and the page and domain references, in that order so the
 * granter can revoke only once the mapper has lost access.
 */
static void release_mapping(struct domain *ld, const struct maptrack_entry *e)
{
    struct grant_table *rgt = e->rd->grant_table;
    p2m_type_t t;

    if ( mfn_eq(p2m_lookup(ld, e->gfn, &t), e->mfn) &&
         (t == p2m_grant_map_rw || t == p2m_grant_map_ro) )
        p2m_remove_mapping(ld, e->gfn, 1);
    /* No table: the granter's was destroyed early (see grant_table.h). */
    if ( rgt )
        unpin_grant(rgt, e->ref, e->flags & GNTMAP_readonly);
    put_page(mfn_to_page(e->mfn));
    put_domain(e->rd);
}

/* The checks Xen makes on the flags before looking at anything else. */
static int16_t map_check_flags(uint32_t flags)
{
    if ( !(flags & (GNTMAP_device_map | GNTMAP_host_map)) )
        return GNTST_bad_gntref;
    /* An Arm guest is translated: no device or PTE mappings. */
    if ( flags &
         (GNTMAP_device_map | GNTMAP_application_map | GNTMAP_contains_pte) )
        return GNTST_general_error;
    return GNTST_okay;
}

/* Arm's create_grant_host_mapping(): the frame at host_addr's gfn. */
static int16_t map_into_p2m(struct domain *ld,
                            const struct gnttab_map_grant_ref *op, mfn_t mfn)
{
    bool readonly = op->flags & GNTMAP_readonly;

    if ( (op->flags & ~GNTMAP_readonly) != GNTMAP_host_map )
        return GNTST_general_error;
    if ( p2m_insert_mapping(ld, gaddr_to_gfn(op->host_addr), 1, mfn,
                            readonly ? p2m_grant_map_ro : p2m_grant_map_rw) )
        return GNTST_general_error;
    return GNTST_okay;
}

static void map_one(struct gnttab_map_grant_ref *op)
{
    struct domain *ld = current->domain, *rd;
    struct grant_table *lgt = ld->grant_table;
    bool readonly = op->flags & GNTMAP_readonly;
    struct page_info *pg;
    unsigned int handle;
    int16_t rc;

    rc = map_check_flags(op->flags);
    if ( rc != GNTST_okay )
        goto out;
    /* By id only: Xen refuses DOMID_SELF here. */
    rd = get_domain_by_id(op->dom);
    if ( !rd || !rd->grant_table ) {
        rc = GNTST_bad_domain;
        goto put_rd;
    }
    handle = maptrack_get(lgt);
    if ( handle == MAPTRACK_NONE ) {
        rc = GNTST_no_device_space;
        goto put_rd;
    }
    rc = pin_grant(rd, op->ref, ld->domain_id, readonly, true, &pg);
    if ( rc != GNTST_okay )
        goto put_handle;
    rc = map_into_p2m(ld, op, page_to_mfn(pg));
    if ( rc != GNTST_okay )
        goto unpin;

    /* The maptrack entry keeps the references on rd and the page. */
    maptrack_commit(lgt, handle, rd, op->ref, op->flags,
                    gaddr_to_gfn(op->host_addr), page_to_mfn(pg));
    op->handle = handle;
    op->dev_bus_addr = page_to_maddr(pg);
    op->status = GNTST_okay;
    return;

unpin:
    unpin_grant(rd->grant_table, op->ref, readonly);
    put_page(pg);
put_handle:
    maptrack_put(lgt, handle, false);
put_rd:
    if ( rd )
        put_domain(rd);
out:
    op->status = rc;
}

/*
 * unmap_grant_ref and unmap_and_replace: new_addr must be 0 on Arm.  As in
 * Xen, host_addr 0 names no mapping to remove, so the handle stays and the
 * op succeeds; a non-zero dev_bus_addr must be the frame's address.
 */
static int16_t unmap_one(uint64_t host_addr, uint64_t dev_bus_addr,
                         uint64_t new_addr, grant_handle_t handle)
{
    struct domain *ld = current->domain;
    struct grant_table *lgt = ld->grant_table;
    struct maptrack_entry *e, copy;
    int16_t rc = GNTST_okay;

    spin_lock(&lgt->lock);
    e = maptrack_lookup(lgt, handle);
    if ( !e )
        rc = GNTST_bad_handle;
    else if ( dev_bus_addr && dev_bus_addr != mfn_to_maddr(e->mfn) )
        rc = GNTST_general_error;
    else if ( host_addr &&
              (new_addr || !gfn_eq(gaddr_to_gfn(host_addr), e->gfn)) )
        rc = GNTST_general_error;
    if ( rc != GNTST_okay || !host_addr ) {
        spin_unlock(&lgt->lock);
        return rc;
    }
    copy = *e;
    e->state = MT_BUSY;
    spin_unlock(&lgt->lock);

    release_mapping(ld, &copy);
    maptrack_put(lgt, handle, true);
    return GNTST_okay;
}

void gnttab_release_mappings(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    struct maptrack_entry e;
    unsigned int h, i;

    if ( !gt )
        return;
    for ( h = 0; h < gt->nr_maptrack_frames * MAPTRACK_PER_PAGE; h++ ) {
        if ( !maptrack_claim(gt, h, &e) )
            continue;
        release_mapping(d, &e);
        maptrack_put(gt, h, true);
    }
    spin_lock(&gt->lock);
    for ( i = 0; i < gt->nr_frames; i++ )
        unmap_frame(d, gt, i);
    spin_unlock(&gt->lock);
}

/* ---------------------------------------------------------------------- */
/* Copy                                                                    */

/* One side of a copy: the domain, the page, and the pin if via a grant. */
struct copy_side {
    struct domain *d;
    struct page_info *pg;
    bool pinned;
};

/* Xen's order: both domains are looked up before either page. */
static int16_t copy_side_domain(struct copy_side *s,
                                const struct gnttab_copy_ptr *p, bool is_gref)
{
    /* A frame number always means the caller's own memory, by DOMID_SELF. */
    if ( !is_gref && p->domid != DOMID_SELF )
        return GNTST_permission_denied;
    s->d = get_domain_by_any_id(p->domid);
    if ( !s->d || (is_gref && !s->d->grant_table) )
        return GNTST_bad_domain;
    return GNTST_okay;
}

static int16_t copy_side_page(struct copy_side *s,
                              const struct gnttab_copy_ptr *p, bool is_gref,
                              bool readonly)
{
    int16_t rc;

    if ( !is_gref ) {
        s->pg = grant_page(s->d, _gfn(p->u.gmfn), readonly);
        return s->pg ? GNTST_okay : GNTST_bad_page;
    }
    rc = pin_grant(s->d, p->u.ref, current->domain->domain_id, readonly, false,
                   &s->pg);
    s->pinned = rc == GNTST_okay;
    return rc;
}

static void copy_side_put(struct copy_side *s, const struct gnttab_copy_ptr *p,
                          bool readonly)
{
    if ( s->pinned )
        unpin_grant(s->d->grant_table, p->u.ref, readonly);
    if ( s->pg )
        put_page(s->pg);
    if ( s->d )
        put_domain(s->d);
}

static int16_t copy_one(const struct gnttab_copy *op)
{
    struct copy_side src = { 0 }, dst = { 0 };
    bool src_gref = op->flags & GNTCOPY_source_gref;
    bool dst_gref = op->flags & GNTCOPY_dest_gref;
    int16_t rc;

    rc = copy_side_domain(&src, &op->source, src_gref);
    if ( rc == GNTST_okay )
        rc = copy_side_domain(&dst, &op->dest, dst_gref);
    if ( rc == GNTST_okay )
        rc = copy_side_page(&src, &op->source, src_gref, true);
    if ( rc == GNTST_okay )
        rc = copy_side_page(&dst, &op->dest, dst_gref, false);
    if ( rc == GNTST_okay && (op->source.offset + op->len > PAGE_SIZE ||
                              op->dest.offset + op->len > PAGE_SIZE) )
        rc = GNTST_bad_copy_arg;
    if ( rc == GNTST_okay ) {
        char *from = map_domain_page(page_to_mfn(src.pg));
        char *to = map_domain_page(page_to_mfn(dst.pg));

        /* Source and destination may be the same page. */
        memmove(to + op->dest.offset, from + op->source.offset, op->len);
        unmap_domain_page(to);
        unmap_domain_page(from);
    }
    copy_side_put(&dst, &op->dest, false);
    copy_side_put(&src, &op->source, true);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Cache maintenance                                                       */

static void flush_page(mfn_t mfn, const struct gnttab_cache_flush *op,
                       bool invalidate)
{
    char *va = map_domain_page(mfn);

    arch_flush_dcache_range(va + op->offset, op->length, invalidate);
    unmap_domain_page(va);
}

/*
 * The page must be the caller's own or one it has grant-mapped: the
 * mapping's page reference, held while the caller's table is locked,
 * keeps the page from going away during the flush.
 */
static long cache_flush_one(const struct gnttab_cache_flush *op)
{
    struct domain *ld = current->domain;
    struct grant_table *lgt = ld->grant_table;
    bool invalidate = op->op & GNTTAB_CACHE_INVAL;
    mfn_t mfn = maddr_to_mfn(op->a.dev_bus_addr);
    struct page_info *pg;
    struct domain *owner;

    if ( op->offset >= PAGE_SIZE || op->length > PAGE_SIZE ||
         op->offset + op->length > PAGE_SIZE ||
         (op->op & ~(GNTTAB_CACHE_CLEAN | GNTTAB_CACHE_INVAL)) )
        return -EINVAL;
    /* Linux probes with an empty op: nothing to do, and not -ENOSYS. */
    if ( !op->length || !op->op )
        return 0;
    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    owner = page_get_owner(pg);
    if ( !owner )
        return -EPERM;

    if ( owner == ld ) {
        if ( !get_page(pg, ld) )
            return -EPERM;
        flush_page(mfn, op, invalidate);
        put_page(pg);
        return 0;
    }
    spin_lock(&lgt->lock);
    if ( !maptrack_maps_mfn(lgt, mfn) ) {
        spin_unlock(&lgt->lock);
        return -EINVAL;
    }
    flush_page(mfn, op, invalidate);
    spin_unlock(&lgt->lock);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Batched ops: each entry gets its own status                             */

static long gnttab_map_batch(uint64_t uop, unsigned int count)
{
    struct gnttab_map_grant_ref op;
    unsigned int i;

    for ( i = 0; i < count; i++ ) {
        uint64_t va = uop + (uint64_t)i * sizeof(op);

        if ( raw_copy_from_guest(&op, va, sizeof(op)) )
            return -EFAULT;
        map_one(&op);
        if ( raw_copy_to_guest(va, &op, sizeof(op)) )
            return -EFAULT;
    }
    return 0;
}

/*
 * Runs do_one on each of count ops of 'size' bytes at uop, writing back
 * only each op's 16-bit status (at status_off).
 */
static long status_batch(uint64_t uop, unsigned int count, void *op,
                         size_t size, size_t status_off,
                         int16_t (*do_one)(void *op))
{
    unsigned int i;

    for ( i = 0; i < count; i++ ) {
        uint64_t va = uop + (uint64_t)i * size;
        int16_t status;

        if ( raw_copy_from_guest(op, va, size) )
            return -EFAULT;
        status = do_one(op);
        if ( raw_copy_to_guest(va + status_off, &status, sizeof(status)) )
            return -EFAULT;
    }
    return 0;
}

static int16_t unmap_op(void *p)
{
    struct gnttab_unmap_grant_ref *op = p;

    return unmap_one(op->host_addr, op->dev_bus_addr, 0, op->handle);
}

static int16_t unmap_and_replace_op(void *p)
{
    struct gnttab_unmap_and_replace *op = p;

    return unmap_one(op->host_addr, 0, op->new_addr, op->handle);
}

static int16_t copy_op(void *p)
{
    return copy_one(p);
}

static long gnttab_unmap_batch(uint64_t uop, unsigned int count)
{
    struct gnttab_unmap_grant_ref op;

    return status_batch(uop, count, &op, sizeof(op),
                        offsetof(typeof(op), status), unmap_op);
}

static long gnttab_unmap_and_replace_batch(uint64_t uop, unsigned int count)
{
    struct gnttab_unmap_and_replace op;

    return status_batch(uop, count, &op, sizeof(op),
                        offsetof(typeof(op), status), unmap_and_replace_op);
}

static long gnttab_copy_batch(uint64_t uop, unsigned int count)
{
    struct gnttab_copy op;

    return status_batch(uop, count, &op, sizeof(op),
                        offsetof(typeof(op), status), copy_op);
}

/* No per-op status here: the first failure fails the call. */
static long gnttab_cache_flush_batch(uint64_t uop, unsigned int count)
{
    struct gnttab_cache_flush op;
    unsigned int i;
    long rc;

    for ( i = 0; i < count; i++ ) {
        if ( raw_copy_from_guest(&op, uop + (uint64_t)i * sizeof(op),
                                 sizeof(op)) )
            return -EFAULT;
        rc = cache_flush_one(&op);
        if ( rc )
            return rc;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Table-wide ops                                                          */

/*
 * The domain a query names, referenced: the caller itself, or any domain
 * for a privileged caller (Xen's XSM_TARGET default).
 */
static int16_t query_target(domid_t domid, struct domain **pd)
{
    struct domain *ld = current->domain;
    struct domain *d = get_domain_by_any_id(domid);

    if ( !d )
        return GNTST_bad_domain;
    if ( d != ld && !ld->is_privileged ) {
        put_domain(d);
        return GNTST_permission_denied;
    }
    if ( !d->grant_table ) {
        put_domain(d);
        return GNTST_bad_domain;
    }
    *pd = d;
    return GNTST_okay;
}

static long gnttab_query_size(uint64_t uop, unsigned int count)
{
    struct gnttab_query_size op;
    struct domain *d;

    if ( count != 1 )
        return -EINVAL;
    if ( raw_copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = query_target(op.dom, &d);
    if ( op.status == GNTST_okay ) {
        spin_lock(&d->grant_table->lock);
        op.nr_frames = d->grant_table->nr_frames;
        op.max_nr_frames = d->grant_table->max_frames;
        spin_unlock(&d->grant_table->lock);
        put_domain(d);
    }
    return raw_copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/*
 * Grows the table to nr_frames and writes where each frame is mapped (the
 * gfn, or INVALID_GFN when the guest has not mapped it), as Xen on Arm.
 */
static int16_t setup_table_frames(struct domain *d,
                                  const struct gnttab_setup_table *op)
{
    struct grant_table *gt = d->grant_table;
    int16_t rc = GNTST_okay;
    unsigned int i;
    xen_pfn_t gfn;

    spin_lock(&gt->lock);
    if ( op->nr_frames > gt->max_frames ||
         (op->nr_frames > gt->nr_frames && grow_table(gt, op->nr_frames)) )
        rc = GNTST_general_error;
    spin_unlock(&gt->lock);

    for ( i = 0; rc == GNTST_okay && i < op->nr_frames; i++ ) {
        spin_lock(&gt->lock);
        gfn = gfn_x(gt->frame_gfn[i]);
        spin_unlock(&gt->lock);
        if ( raw_copy_to_guest(op->frame_list.q + i * sizeof(gfn), &gfn,
                               sizeof(gfn)) )
            rc = GNTST_bad_virt_addr;
    }
    return rc;
}

static long gnttab_setup_table(uint64_t uop, unsigned int count)
{
    struct gnttab_setup_table op;
    struct domain *d;

    if ( count != 1 )
        return -EINVAL;
    if ( raw_copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = query_target(op.dom, &d);
    if ( op.status == GNTST_okay ) {
        op.status = setup_table_frames(d, &op);
        put_domain(d);
    }
    if ( raw_copy_to_guest(uop + offsetof(typeof(op), status), &op.status,
                           sizeof(op.status)) )
        return -EFAULT;
    return 0;
}

/* Only version 1 exists: asking for 2 is -ENOSYS, as Xen on Arm answers. */
static long gnttab_set_version(uint64_t uop, unsigned int count)
{
    struct gnttab_set_version op;
    long rc;

    if ( raw_copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    if ( op.version == 1 )
        rc = 0;
    else if ( op.version == 2 )
        rc = -ENOSYS;
    else
        rc = -EINVAL;
    op.version = 1;
    if ( raw_copy_to_guest(uop, &op, sizeof(op)) )
        return -EFAULT;
    return rc;
}

static long gnttab_get_version(uint64_t uop, unsigned int count)
{
    struct gnttab_get_version op;
    struct domain *ld = current->domain, *d;

    if ( raw_copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    d = get_domain_by_any_id(op.dom);
    if ( !d )
        return -ESRCH;
    put_domain(d);
    if ( d != ld && !ld->is_privileged )
        return -EPERM;
    op.version = 1;
    if ( raw_copy_to_guest(uop + offsetof(typeof(op), version), &op.version,
                           sizeof(op.version)) )
        return -EFAULT;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Hypercall                                                               */

static const struct gnttab_op {
    long (*fn)(uint64_t uop, unsigned int count);
    bool batched; /* count entries, bounded */
} gnttab_ops[] = {
    [GNTTABOP_map_grant_ref] = { gnttab_map_batch, true },
    [GNTTABOP_unmap_grant_ref] = { gnttab_unmap_batch, true },
    [GNTTABOP_setup_table] = { gnttab_setup_table, false },
    [GNTTABOP_copy] = { gnttab_copy_batch, true },
    [GNTTABOP_query_size] = { gnttab_query_size, false },
    [GNTTABOP_unmap_and_replace] = { gnttab_unmap_and_replace_batch, true },
    [GNTTABOP_set_version] = { gnttab_set_version, false },
    [GNTTABOP_get_version] = { gnttab_get_version, false },
    [GNTTABOP_cache_flush] = { gnttab_cache_flush_batch, true },
    /* dump_table, transfer, get_status_frames, swap_grant_ref: -ENOSYS */
};

long do_grant_table_op(unsigned int cmd, uint64_t uop, unsigned int count)
{
    unsigned int op = cmd & GNTTABOP_CMD_MASK;
    const struct gnttab_op *h;

    if ( (int)count < 0 )
        return -EINVAL;
    /*
     * Only cache_flush may carry high bits (a continuation's progress in
     * Xen).  We make no continuations, so there they are ignored.
     */
    if ( op != cmd && op != GNTTABOP_cache_flush )
        return -EINVAL;
    if ( op >= ARRAY_SIZE(gnttab_ops) || !gnttab_ops[op].fn )
        return SUBOP_UNIMPLEMENTED("grant_table_op", op);
    h = &gnttab_ops[op];
    if ( h->batched && count > GNTTAB_MAX_BATCH )
        return -EINVAL;
    if ( !current->domain->grant_table )
        return -ENOSYS;
    return h->fn(uop, count);
}

/* ---------------------------------------------------------------------- */
/* Set-up and tear-down                                                    */

static void free_table(struct grant_table *gt)
{
    unsigned int i;

    if ( gt->shared && gt->active )
        free_frames(gt, 0, gt->nr_frames);
    for ( i = 0; i < gt->nr_maptrack_frames; i++ )
        free_xenheap_page(gt->maptrack[i]);
    xfree(gt->maptrack);
    xfree(gt->active);
    xfree(gt->frame_gfn);
    xfree(gt->shared);
    xfree(gt);
}

int grant_table_init(struct domain *d, unsigned int max_frames,
                     unsigned int max_maptrack_frames)
{
    struct grant_table *gt;

    if ( !max_frames || max_frames > GNTTAB_MAX_FRAMES_LIMIT ||
         max_maptrack_frames > GNTTAB_MAX_MAPTRACK_FRAMES_LIMIT )
        return -EINVAL;
    if ( d->grant_table )
        return -EEXIST;
    gt = xzalloc(struct grant_table);
    if ( !gt )
        return -ENOMEM;
    spin_lock_init(&gt->lock);
    gt->max_frames = max_frames;
    gt->max_maptrack_frames = max_maptrack_frames;
    gt->maptrack_free = MAPTRACK_NONE;
    gt->shared = xzalloc_array(void *, max_frames);
    gt->frame_gfn = xzalloc_array(gfn_t, max_frames);
    gt->active = xzalloc_array(struct active_grant *, max_frames);
    if ( max_maptrack_frames )
        gt->maptrack =
            xzalloc_array(struct maptrack_entry *, max_maptrack_frames);
    if ( !gt->shared || !gt->frame_gfn || !gt->active ||
         (max_maptrack_frames && !gt->maptrack) || grow_table(gt, 1) ) {
        free_table(gt);
        return -ENOMEM;
    }
    d->grant_table = gt;
    return 0;
}

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int ref;

    if ( !gt )
        return;
    gnttab_release_mappings(d);
    for ( ref = 0; ref < nr_entries(gt); ref++ )
        if ( is_pinned(active_entry(gt, ref)) ) {
            printk(XENLOG_ERR "d%u: grant table destroyed with ref %#x "
                              "still in use\n",
                   d->domain_id, ref);
            break;
        }
    d->grant_table = NULL;
    free_table(gt);
}

unsigned int gnttab_mappings_in_use(const struct domain *d)
{
    const struct grant_table *gt = d->grant_table;

    return gt ? __atomic_load_n(&gt->mappings_in_use, __ATOMIC_RELAXED) : 0;
}
