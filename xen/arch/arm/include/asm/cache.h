/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_CACHE_H
#define ASM_ARM_CACHE_H

#include <xen/types.h>

/*
 * Cleans (and optionally invalidates) the data cache over a range to the
 * point of coherency: what a guest starting with its MMU off will read.
 */
static inline void flush_dcache_range(const void *p, size_t len, bool invalidate)
{
    uint64_t ctr, line;
    uintptr_t a, end = (uintptr_t)p + len;

    __asm__ ("mrs %0, ctr_el0" : "=r" (ctr));
    line = 4UL << ((ctr >> 16) & 0xf);
    for ( a = (uintptr_t)p & ~(line - 1); a < end; a += line ) {
        if ( invalidate )
            __asm__ __volatile__("dc civac, %0" :: "r" (a) : "memory");
        else
            __asm__ __volatile__("dc cvac, %0" :: "r" (a) : "memory");
    }
    __asm__ __volatile__("dsb sy" ::: "memory");
}

#endif
