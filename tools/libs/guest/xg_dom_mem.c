/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The builder's hands in the new domain: giving it RAM, and writing
 * into that RAM through foreign mappings, a bounded window at a time
 * (each mapped page borrows one of dom0's ballooned frames).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "xg_private.h"

#define PAGE_SHIFT      12
#define PAGE_SIZE       (1UL << PAGE_SHIFT)
#define SUPERPAGE_ORDER 9                       /* 2 MiB extents */
#define EXTENTS_PER_CALL 512
#define WINDOW_PAGES    256                     /* 1 MiB mapped at once */

/*
 * nr_pages of RAM from base_gfn on: 2 MiB extents where alignment allows,
 * 4 KiB pages elsewhere, and where the hypervisor has no contiguous 2 MiB
 * left.
 */
int xg_populate_ram(xc_interface *xch, uint32_t domid, uint64_t base_gfn,
                    uint64_t nr_pages)
{
    const uint64_t sp = 1UL << SUPERPAGE_ORDER;
    xen_pfn_t gfns[EXTENTS_PER_CALL];
    uint64_t gfn = base_gfn, end = base_gfn + nr_pages, n, i;
    int done;

    while ( gfn < end ) {
        if ( !(gfn & (sp - 1)) && end - gfn >= sp ) {
            n = (end - gfn) / sp;
            if ( n > EXTENTS_PER_CALL )
                n = EXTENTS_PER_CALL;
            for ( i = 0; i < n; i++ )
                gfns[i] = gfn + i * sp;
            done = xc_domain_populate_physmap(xch, domid, n, SUPERPAGE_ORDER,
                                              0, gfns);
            if ( done < 0 )
                return -1;
            gfn += done * sp;
            if ( done )
                continue;
            n = sp;         /* no 2 MiB block free: this one in pages */
        } else {
            n = sp - (gfn & (sp - 1));
            if ( n > end - gfn )
                n = end - gfn;
        }
        if ( n > EXTENTS_PER_CALL )
            n = EXTENTS_PER_CALL;
        for ( i = 0; i < n; i++ )
            gfns[i] = gfn + i;
        if ( xc_domain_populate_physmap_exact(xch, domid, n, 0, 0, gfns) )
            return -1;
        gfn += n;
    }
    return 0;
}

/* Maps [gfn, gfn + nr) of domid, nr <= WINDOW_PAGES. */
static void *map_window(xenforeignmemory_handle *fmem, uint32_t domid,
                        uint64_t gfn, size_t nr)
{
    uint64_t gfns[WINDOW_PAGES];
    size_t i;

    for ( i = 0; i < nr; i++ )
        gfns[i] = gfn + i;
    return xenforeignmemory_map(fmem, domid, PROT_READ | PROT_WRITE, nr, gfns,
                                NULL);
}

/* Writes len bytes at guest physical gpa (src NULL: zeroes). */
int xg_write_guest(xenforeignmemory_handle *fmem, uint32_t domid,
                   uint64_t gpa, const void *src, size_t len)
{
    const uint8_t *from = src;

    while ( len ) {
        uint64_t gfn = gpa >> PAGE_SHIFT;
        size_t off = gpa & (PAGE_SIZE - 1);
        size_t nr = (off + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
        size_t chunk;
        uint8_t *win;

        if ( nr > WINDOW_PAGES )
            nr = WINDOW_PAGES;
        chunk = nr * PAGE_SIZE - off;
        if ( chunk > len )
            chunk = len;
        win = map_window(fmem, domid, gfn, nr);
        if ( !win )
            return -1;
        if ( from )
            memcpy(win + off, from, chunk);
        else
            memset(win + off, 0, chunk);
        xenforeignmemory_unmap(fmem, win, nr);
        gpa += chunk;
        len -= chunk;
        if ( from )
            from += chunk;
    }
    return 0;
}
