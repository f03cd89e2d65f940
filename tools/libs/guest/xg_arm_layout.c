/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The guest's RAM banks (the fixed guest memory map of arch-arm.h) and
 * where the kernel, the initrd and the device tree go in them, following
 * Xen 4.17's builder so that guests find things where they do on Xen.
 */
#include <xen/arch-arm.h>

#include "xg_arm.h"

#define MiB(x)          ((uint64_t)(x) << 20)
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((uint64_t)(a) - 1))
#define PAGE_SIZE       4096

int xg_arm_place(uint64_t mem, const struct xg_arm_kernel *k,
                 uint64_t initrd_size, uint64_t dtb_size,
                 struct xg_arm_layout *l, char *err, size_t errlen)
{
    const uint64_t ram128 = GUEST_RAM0_BASE + MiB(128);
    uint64_t kern_end, mods, bank0_end, base;

    if ( !mem || mem & (PAGE_SIZE - 1) ) {
        xg_set_err(err, errlen, "guest RAM of %llu bytes is not a whole "
                   "number of pages", (unsigned long long)mem);
        return -1;
    }
    if ( mem > GUEST_RAM0_SIZE + GUEST_RAM1_SIZE ) {
        xg_set_err(err, errlen, "%llu MiB of guest RAM is more than the "
                   "guest memory map holds", (unsigned long long)(mem >> 20));
        return -1;
    }
    l->nr_banks = mem > GUEST_RAM0_SIZE ? 2 : 1;
    l->bank_base[0] = GUEST_RAM0_BASE;
    l->bank_size[0] = mem > GUEST_RAM0_SIZE ? GUEST_RAM0_SIZE : mem;
    l->bank_base[1] = GUEST_RAM1_BASE;
    l->bank_size[1] = mem - l->bank_size[0];

    /* The Image at text_offset from the (2 MiB aligned) start of RAM. */
    l->kernel_base = GUEST_RAM0_BASE + k->text_offset;
    kern_end = ROUNDUP(l->kernel_base + k->mem_size, MiB(2));
    mods = ROUNDUP(initrd_size, PAGE_SIZE) + ROUNDUP(dtb_size, PAGE_SIZE);
    bank0_end = GUEST_RAM0_BASE + l->bank_size[0];
    if ( kern_end > bank0_end ) {
        xg_set_err(err, errlen, "the kernel needs %llu MiB, more than the "
                   "guest's %llu MiB of RAM",
                   (unsigned long long)((kern_end - GUEST_RAM0_BASE) >> 20),
                   (unsigned long long)(l->bank_size[0] >> 20));
        return -1;
    }
    if ( bank0_end >= ram128 + mods && kern_end < ram128 )
        base = ram128;
    else if ( bank0_end - kern_end > mods )
        base = bank0_end - mods;
    else if ( l->kernel_base - GUEST_RAM0_BASE > mods )
        base = l->kernel_base - mods;
    else {
        xg_set_err(err, errlen, "%llu MiB of guest RAM cannot hold the kernel, "
                   "the initrd and the device tree",
                   (unsigned long long)(mem >> 20));
        return -1;
    }
    /* The initrd first, then the device tree, as Xen maps them. */
    l->initrd_base = initrd_size ? base : 0;
    l->dtb_base = base + ROUNDUP(initrd_size, PAGE_SIZE);
    return 0;
}
