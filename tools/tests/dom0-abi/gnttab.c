/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables: dom0 grants its own pages through /dev/xen/gntalloc and
 * maps them back through /dev/xen/gntdev (both directions of data), maps
 * many at once (the table grows), read-only grants, a page freed by its
 * granter while still mapped, grant copies, and bad refs, handles and
 * pointers through privcmd.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/grant_table.h>
#include <xen-sys/Linux/gntalloc.h>
#include <xen-sys/Linux/gntdev.h>

#include "dom0-abi.h"

#define PAGE            4096
#define MANY_GRANTS     600     /* more than one grant-table frame holds */

struct granted {
    struct ioctl_gntalloc_alloc_gref *req;
    unsigned char *mem;
    unsigned int count;
};

struct mapped {
    uint64_t index;
    unsigned char *mem;
    unsigned int count;
};

static int alloc_fd = -1, dev_fd = -1;

static bool grant_pages(struct granted *g, unsigned int count, bool writable)
{
    g->count = count;
    g->mem = MAP_FAILED;
    g->req = calloc(1, sizeof(*g->req) + count * sizeof(uint32_t));
    if ( !g->req )
        return false;
    g->req->domid = 0;
    g->req->flags = writable ? GNTALLOC_FLAG_WRITABLE : 0;
    g->req->count = count;
    if ( ioctl(alloc_fd, IOCTL_GNTALLOC_ALLOC_GREF, g->req) )
        return false;
    g->mem = mmap(NULL, count * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
                  alloc_fd, g->req->index);
    return g->mem != MAP_FAILED;
}

static void ungrant_pages(struct granted *g)
{
    struct ioctl_gntalloc_dealloc_gref d;

    if ( !g->req )
        return;
    if ( g->mem != MAP_FAILED )
        munmap(g->mem, g->count * PAGE);
    g->mem = MAP_FAILED;
    d.index = g->req->index;
    d.count = g->count;
    ioctl(alloc_fd, IOCTL_GNTALLOC_DEALLOC_GREF, &d);
    free(g->req);
    g->req = NULL;
}

static bool map_grants(struct mapped *m, const uint32_t *refs,
                       unsigned int count, int prot)
{
    struct ioctl_gntdev_map_grant_ref *req;
    unsigned int i;
    bool ok;

    m->count = count;
    m->mem = MAP_FAILED;
    req = calloc(1, sizeof(*req) + count * sizeof(req->refs[0]));
    if ( !req )
        return false;
    req->count = count;
    for ( i = 0; i < count; i++ )
        req->refs[i] = (struct ioctl_gntdev_grant_ref){ .domid = 0, .ref = refs[i] };
    ok = !ioctl(dev_fd, IOCTL_GNTDEV_MAP_GRANT_REF, req);
    m->index = req->index;
    free(req);
    if ( !ok )
        return false;
    m->mem = mmap(NULL, count * PAGE, prot, MAP_SHARED, dev_fd, m->index);
    return m->mem != MAP_FAILED;
}

static void unmap_grants(struct mapped *m)
{
    struct ioctl_gntdev_unmap_grant_ref u = { .index = m->index,
                                              .count = m->count };

    if ( m->mem != MAP_FAILED )
        munmap(m->mem, m->count * PAGE);
    m->mem = MAP_FAILED;
    ioctl(dev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
}

/* Pattern byte of page p at offset o, different for each seed. */
static unsigned char pattern(unsigned int seed, unsigned int p, unsigned int o)
{
    return (unsigned char)(seed * 131 + p * 7 + o);
}

static void fill(unsigned char *mem, unsigned int pages, unsigned int seed)
{
    unsigned int p, o;

    for ( p = 0; p < pages; p++ )
        for ( o = 0; o < PAGE; o++ )
            mem[p * PAGE + o] = pattern(seed, p, o);
}

/* The first page whose contents differ from the pattern, or -1. */
static int first_bad_page(const unsigned char *mem, unsigned int pages,
                          unsigned int seed)
{
    unsigned int p, o;

    for ( p = 0; p < pages; p++ )
        for ( o = 0; o < PAGE; o++ )
            if ( mem[p * PAGE + o] != pattern(seed, p, o) )
                return p;
    return -1;
}

static void check_map_both_ways(void)
{
    struct granted g = { 0 };
    struct mapped m = { 0 };
    struct hv_counters c0, c1, c2;
    int bad;

    hv_counters_read(&c0);
    if ( !check_errno("gnttab-gntalloc", grant_pages(&g, 4, true), "4 pages") )
        goto out;
    if ( !check_errno("gnttab-gntdev-map",
                      map_grants(&m, g.req->gref_ids, 4, PROT_READ | PROT_WRITE),
                      "4 refs, read-write") )
        goto out;
    hv_counters_read(&c1);
    check("gnttab-mappings-counted", c1.grant_maps == c0.grant_maps + 4,
          "grant mappings %ld -> %ld", c0.grant_maps, c1.grant_maps);

    fill(g.mem, 4, 1);
    bad = first_bad_page(m.mem, 4, 1);
    check("gnttab-granter-to-mapper", bad < 0, "first differing page %d", bad);
    fill(m.mem, 4, 2);
    bad = first_bad_page(g.mem, 4, 2);
    check("gnttab-mapper-to-granter", bad < 0, "first differing page %d", bad);

    unmap_grants(&m);
    hv_counters_read(&c2);
    check("gnttab-unmap", c2.grant_maps == c0.grant_maps,
          "grant mappings %ld -> %ld", c1.grant_maps, c2.grant_maps);
out:
    unmap_grants(&m);
    ungrant_pages(&g);
}

static void check_many(void)
{
    struct granted g = { 0 };
    struct mapped m = { 0 };
    int bad;

    if ( !check_errno("gnttab-gntalloc-many", grant_pages(&g, MANY_GRANTS, true),
                      "600 pages") )
        goto out;
    if ( !check_errno("gnttab-gntdev-map-many",
                      map_grants(&m, g.req->gref_ids, MANY_GRANTS, PROT_READ),
                      "600 refs") )
        goto out;
    fill(g.mem, MANY_GRANTS, 3);
    bad = first_bad_page(m.mem, MANY_GRANTS, 3);
    check("gnttab-many-data", bad < 0, "first differing page %d", bad);
out:
    unmap_grants(&m);
    ungrant_pages(&g);
}

static void check_read_only(void)
{
    struct granted g = { 0 };
    struct mapped m = { 0 };
    bool rw;

    if ( !grant_pages(&g, 1, false) )
        goto out;
    fill(g.mem, 1, 4);
    rw = map_grants(&m, g.req->gref_ids, 1, PROT_READ | PROT_WRITE);
    check("gnttab-readonly-refuses-write", !rw, "%s",
          rw ? "a read-only grant was mapped writable" : "mmap refused");
    unmap_grants(&m);
    if ( check_errno("gnttab-readonly-map",
                     map_grants(&m, g.req->gref_ids, 1, PROT_READ), "") )
        check("gnttab-readonly-data", first_bad_page(m.mem, 1, 4) < 0, "");
out:
    unmap_grants(&m);
    ungrant_pages(&g);
}

/* The granter lets go while the page is mapped: the mapping stays good. */
static void check_freed_while_mapped(void)
{
    struct granted g = { 0 };
    struct mapped m = { 0 };

    if ( !grant_pages(&g, 2, true) ||
         !map_grants(&m, g.req->gref_ids, 2, PROT_READ) ) {
        check_errno("gnttab-freed-while-mapped", false, "setup");
        goto out;
    }
    fill(g.mem, 2, 5);
    ungrant_pages(&g);
    check("gnttab-freed-while-mapped", first_bad_page(m.mem, 2, 5) < 0,
          "the mapped pages kept their data after the granter freed them");
out:
    unmap_grants(&m);
    ungrant_pages(&g);
}

static void check_copy(void)
{
    struct gntdev_grant_copy_segment seg[3];
    struct ioctl_gntdev_grant_copy req = { .count = 2, .segments = seg };
    static unsigned char local[PAGE] __attribute__((aligned(PAGE)));
    struct granted g = { 0 };
    uint32_t ref;
    int rc;

    if ( !grant_pages(&g, 2, true) )
        goto out;
    ref = g.req->gref_ids[0];
    fill(g.mem, 2, 6);
    memset(local, 0, sizeof(local));
    memset(seg, 0, sizeof(seg));
    /* gref -> local, then local -> the second gref, at an offset. */
    seg[0].source.foreign.ref = ref;
    seg[0].source.foreign.domid = 0;
    seg[0].source.foreign.offset = 0;
    seg[0].dest.virt = local;
    seg[0].len = PAGE;
    seg[0].flags = GNTCOPY_source_gref;
    seg[1].source.virt = local + 100;
    seg[1].dest.foreign.ref = g.req->gref_ids[1];
    seg[1].dest.foreign.domid = 0;
    seg[1].dest.foreign.offset = 100;
    seg[1].len = 1000;
    seg[1].flags = GNTCOPY_dest_gref;
    rc = ioctl(dev_fd, IOCTL_GNTDEV_GRANT_COPY, &req);
    check("gnttab-copy-from-gref", !rc && seg[0].status == GNTST_okay &&
          first_bad_page(local, 1, 6) < 0, "rc %d, status %d", rc,
          seg[0].status);
    check("gnttab-copy-to-gref", !rc && seg[1].status == GNTST_okay &&
          !memcmp(g.mem + PAGE + 100, g.mem + 100, 1000) &&
          g.mem[PAGE + 99] == pattern(6, 1, 99) &&
          g.mem[PAGE + 1100] == pattern(6, 1, 1100), "rc %d, status %d", rc,
          seg[1].status);

    memset(seg, 0, sizeof(seg));
    seg[0].source.foreign.ref = 0xfffffff;
    seg[0].source.foreign.domid = 0;
    seg[0].dest.virt = local;
    seg[0].len = 8;
    seg[0].flags = GNTCOPY_source_gref;
    req.count = 1;
    rc = ioctl(dev_fd, IOCTL_GNTDEV_GRANT_COPY, &req);
    check("gnttab-copy-bad-ref", seg[0].status == GNTST_bad_gntref,
          "rc %d, status %d (want %d)", rc, seg[0].status, GNTST_bad_gntref);
out:
    ungrant_pages(&g);
}

static long gnttab_op(unsigned int cmd, void *arg, unsigned int count)
{
    return hypercall(__HYPERVISOR_grant_table_op, cmd, HC_PTR(arg), count);
}

static void check_hypercalls(void)
{
    struct gnttab_query_size qs = { .dom = DOMID_SELF };
    struct gnttab_map_grant_ref map = { .flags = GNTMAP_host_map,
                                        .ref = 0xfffffff, .dom = 0 };
    struct gnttab_unmap_grant_ref unmap = { .handle = 0xffffffffu };
    struct gnttab_cache_flush cf = { .op = GNTTAB_CACHE_CLEAN };
    long rc;

    rc = gnttab_op(GNTTABOP_query_size, &qs, 1);
    check("gnttab-query-size", !rc && qs.status == GNTST_okay &&
          qs.nr_frames >= 1 && qs.max_nr_frames >= qs.nr_frames,
          "rc %ld, status %d, %u of %u frames", rc, qs.status, qs.nr_frames,
          qs.max_nr_frames);
    qs = (struct gnttab_query_size){ .dom = 0x1234 };
    rc = gnttab_op(GNTTABOP_query_size, &qs, 1);
    check("gnttab-query-size-no-domain", !rc && qs.status == GNTST_bad_domain,
          "rc %ld, status %d", rc, qs.status);

    rc = gnttab_op(GNTTABOP_map_grant_ref, &map, 1);
    check("gnttab-map-bad-ref", !rc && map.status == GNTST_bad_gntref,
          "rc %ld, status %d", rc, map.status);
    map.ref = 1;
    map.dom = 0x1234;
    rc = gnttab_op(GNTTABOP_map_grant_ref, &map, 1);
    check("gnttab-map-no-domain", !rc && map.status == GNTST_bad_domain,
          "rc %ld, status %d", rc, map.status);
    rc = gnttab_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
    check("gnttab-unmap-bad-handle", !rc && unmap.status == GNTST_bad_handle,
          "rc %ld, status %d", rc, unmap.status);

    cf.a.dev_bus_addr = 0;      /* no page: the flush is refused */
    cf.length = 64;
    rc = gnttab_op(GNTTABOP_cache_flush, &cf, 1);
    check("gnttab-cache-flush-bad-address", rc == -EPERM || rc == -EINVAL,
          "rc %ld", rc);
    check_rc("gnttab-copy-bad-pointer",
             gnttab_op(GNTTABOP_copy, (void *)BAD_PTR, 1), -EFAULT);
    check_rc("gnttab-negative-count",
             gnttab_op(GNTTABOP_copy, (void *)BAD_PTR, 0x80000000u), -EINVAL);
    check_rc("gnttab-unknown-op", gnttab_op(99, &qs, 1), -ENOSYS);
}

void test_gnttab(void)
{
    alloc_fd = open("/dev/xen/gntalloc", O_RDWR | O_CLOEXEC);
    dev_fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    if ( !check_errno("gnttab-open", alloc_fd >= 0 && dev_fd >= 0,
                      "/dev/xen/gntalloc and /dev/xen/gntdev") )
        goto out;
    check_map_both_ways();
    check_many();
    check_read_only();
    check_freed_while_mapped();
    check_copy();
    check_hypercalls();
out:
    if ( alloc_fd >= 0 )
        close(alloc_fd);
    if ( dev_fd >= 0 )
        close(dev_fd);
}
