/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copies to and from the current guest's virtual addresses.  Each page is
 * translated with the hardware walker (AT S12E1R/W: the guest's own
 * stage 1, then its stage 2), which also checks the access rights; the
 * machine page must be RAM the guest owns, held by a reference while it
 * is copied.
 */
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <asm/sysregs.h>

#define PAR_F           (1UL << 0)
#define PAR_PA_MASK     0x0000fffffffff000UL

/* The machine page behind a guest VA, referenced; NULL if not accessible. */
static struct page_info *translate_gva(uint64_t va, bool write)
{
    uint64_t par, saved = READ_SYSREG(par_el1);
    struct page_info *pg;
    mfn_t mfn;

    if ( write )
        __asm__ __volatile__("at s12e1w, %0" :: "r" (va));
    else
        __asm__ __volatile__("at s12e1r, %0" :: "r" (va));
    isb();
    par = READ_SYSREG(par_el1);
    WRITE_SYSREG(saved, par_el1);
    if ( par & PAR_F )
        return NULL;
    mfn = maddr_to_mfn(par & PAR_PA_MASK);
    if ( !mfn_valid(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    /* Own RAM, or a foreign/granted page it maps (held by its owner's ref). */
    if ( !get_page(pg, page_get_owner(pg)) )
        return NULL;
    return pg;
}

/* Copies len bytes between buf and guest VA va; returns bytes not copied. */
static unsigned long copy_guest(void *buf, uint64_t va, unsigned long len,
                                bool to_guest)
{
    while ( len ) {
        unsigned long off = va & ~PAGE_MASK;
        unsigned long chunk = min(len, PAGE_SIZE - off);
        struct page_info *pg = translate_gva(va, to_guest);
        char *p;

        if ( !pg )
            return len;
        p = (char *)page_to_virt(pg) + off;
        if ( !buf )
            memset(p, 0, chunk);
        else if ( to_guest )
            memcpy(p, buf, chunk);
        else
            memcpy(buf, p, chunk);
        put_page(pg);
        va += chunk;
        len -= chunk;
        if ( buf )
            buf = (char *)buf + chunk;
    }
    return 0;
}

unsigned long raw_copy_from_guest(void *to, uint64_t from_gva, unsigned long len)
{
    return copy_guest(to, from_gva, len, false);
}

unsigned long raw_copy_to_guest(uint64_t to_gva, const void *from,
                                unsigned long len)
{
    return copy_guest((void *)from, to_gva, len, true);
}

unsigned long raw_clear_guest(uint64_t to_gva, unsigned long len)
{
    return copy_guest(NULL, to_gva, len, true);
}
