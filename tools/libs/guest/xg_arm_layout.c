/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The guest's RAM banks (the fixed guest memory map of arch-arm.h) and
 * where the kernel, the initrd and the device tree go in them, following
 * Xen 4.17's builder (xg_dom_arm.c, meminit) so that guests find things
 * where they do on Xen:
 *
 *  - the kernel at text_offset from the start of RAM, which is 2 MiB
 *    aligned as booting.rst wants;
 *  - the "modules", initrd then device tree, each rounded up to a page,
 *    at 128 MiB into RAM if they fit there above the kernel (rounded up
 *    to 2 MiB), else at the top of the first bank, else just below the
 *    kernel.
 *
 * Two differences: Xen refuses an exact fit at the top of the bank or
 * below the kernel (it compares with >); we take it.  And booting.rst's
 * older rule that the device tree must not cross a 2 MiB boundary,
 * which Xen does not check, is kept: the tree moves up to the boundary,
 * or the modules move down, when it would.
 */
#include <errno.h>

#include "xg_arm.h"

#define PAGE_SIZE       4096ULL
#define MiB(x)          ((uint64_t)(x) << 20)
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((uint64_t)(a) - 1))
/* Where Xen puts the modules when RAM allows. */
#define MODULES_AT      (GUEST_RAM0_BASE + MiB(128))
#define GUEST_RAM_MAX   (GUEST_RAM0_SIZE + GUEST_RAM1_SIZE)

_Static_assert(GUEST_RAM_BANKS == 2, "the layout knows two RAM banks");

static void split_banks(uint64_t mem, struct xg_arm_layout *l)
{
    l->bank_base[0] = GUEST_RAM0_BASE;
    l->bank_size[0] = mem > GUEST_RAM0_SIZE ? GUEST_RAM0_SIZE : mem;
    l->bank_base[1] = GUEST_RAM1_BASE;
    l->bank_size[1] = mem - l->bank_size[0];
    l->nr_banks = l->bank_size[1] ? 2 : 1;
}

static bool crosses_2mib(uint64_t start, uint64_t size)
{
    return start >> 21 != (start + size - 1) >> 21;
}

/*
 * The modules may use [lo, hi); moves the device tree off the 2 MiB
 * boundary it crosses, if it does (it is at most 2 MiB: one boundary).
 */
static int keep_dtb_whole(struct xg_arm_layout *l, uint64_t dtb_size,
                          uint64_t dtb_room, uint64_t lo, uint64_t hi,
                          char *err, size_t errlen)
{
    uint64_t up, shift;

    if ( !crosses_2mib(l->dtb_base, dtb_size) )
        return 0;
    up = ROUNDUP(l->dtb_base, MiB(2));
    if ( up + dtb_room <= hi ) {
        l->dtb_base = up;
        return 0;
    }
    /* Down until the tree ends at the boundary it crossed. */
    shift = ROUNDUP(l->dtb_base + dtb_size - up, PAGE_SIZE);
    if ( l->initrd_base ) {
        if ( l->initrd_base < lo + shift )
            goto no_room;
        l->initrd_base -= shift;
    } else if ( l->dtb_base < lo + shift ) {
        goto no_room;
    }
    l->dtb_base -= shift;
    return 0;
 no_room:
    return xg_fail(err, errlen, ENOMEM, "no room for the device tree that "
                   "does not cross a 2 MiB boundary");
}

static int check_args(uint64_t mem, const struct xg_arm_kernel *k,
                      uint64_t initrd_size, uint64_t dtb_size, char *err,
                      size_t errlen)
{
    if ( !mem || mem % PAGE_SIZE )
        return xg_fail(err, errlen, EINVAL, "guest RAM of %llu bytes is not "
                       "a whole, non-zero number of pages",
                       (unsigned long long)mem);
    if ( mem > GUEST_RAM_MAX )
        return xg_fail(err, errlen, EINVAL, "%llu MiB of guest RAM is more "
                       "than the guest memory map holds (%llu MiB)",
                       (unsigned long long)(mem >> 20), GUEST_RAM_MAX >> 20);
    if ( !dtb_size || dtb_size > XG_DT_LIMIT )
        return xg_fail(err, errlen, EINVAL, "a device tree of %llu bytes: "
                       "Linux takes 1 to %lu", (unsigned long long)dtb_size,
                       XG_DT_LIMIT);
    /* The kernel may come from elsewhere than xg_arm_kernel_parse(). */
    if ( k->text_offset >= MiB(2) || k->mem_size > XG_KERNEL_MAX ||
         k->mem_size < k->size || !k->size )
        return xg_fail(err, errlen, EINVAL, "impossible kernel: %zu bytes "
                       "occupying %llu at offset %#llx", k->size,
                       (unsigned long long)k->mem_size,
                       (unsigned long long)k->text_offset);
    /* Keeps the sums below far from overflowing. */
    if ( initrd_size > GUEST_RAM0_SIZE )
        return xg_fail(err, errlen, ENOMEM, "an initrd of %llu MiB cannot "
                       "fit in the first RAM bank (%llu MiB)",
                       (unsigned long long)(initrd_size >> 20),
                       GUEST_RAM0_SIZE >> 20);
    return 0;
}

int xg_arm_place(uint64_t mem, const struct xg_arm_kernel *k,
                 uint64_t initrd_size, uint64_t dtb_size,
                 struct xg_arm_layout *l, char *err, size_t errlen)
{
    uint64_t bank0_end, kern_top, initrd_room, dtb_room, mods, base, lo, hi;

    *l = (struct xg_arm_layout) { 0 };
    if ( check_args(mem, k, initrd_size, dtb_size, err, errlen) )
        return -1;
    split_banks(mem, l);
    bank0_end = GUEST_RAM0_BASE + l->bank_size[0];

    l->kernel_base = GUEST_RAM0_BASE + k->text_offset;
    l->kernel_end = l->kernel_base + k->mem_size;
    if ( l->kernel_end > bank0_end )
        return xg_fail(err, errlen, ENOMEM, "the kernel needs %llu KiB of RAM "
                       "from its start, more than the guest's %llu KiB",
                       (unsigned long long)((l->kernel_end - GUEST_RAM0_BASE)
                                            >> 10),
                       (unsigned long long)(l->bank_size[0] >> 10));
    kern_top = ROUNDUP(l->kernel_end, MiB(2));
    initrd_room = ROUNDUP(initrd_size, PAGE_SIZE);
    dtb_room = ROUNDUP(dtb_size, PAGE_SIZE);
    mods = initrd_room + dtb_room;

    if ( bank0_end >= MODULES_AT + mods && kern_top < MODULES_AT ) {
        base = MODULES_AT;
        lo = kern_top;
        hi = bank0_end;
    } else if ( bank0_end >= kern_top + mods ) {
        base = bank0_end - mods;
        lo = kern_top;
        hi = bank0_end;
    } else if ( l->kernel_base - GUEST_RAM0_BASE >= mods ) {
        base = l->kernel_base - mods;
        lo = GUEST_RAM0_BASE;
        hi = l->kernel_base;
    } else {
        return xg_fail(err, errlen, ENOMEM, "%llu KiB of guest RAM cannot "
                       "hold the kernel (%llu KiB with its 2 MiB rounding), "
                       "the initrd (%llu KiB) and the device tree (%llu KiB)",
                       (unsigned long long)(l->bank_size[0] >> 10),
                       (unsigned long long)((kern_top - l->kernel_base) >> 10),
                       (unsigned long long)(initrd_room >> 10),
                       (unsigned long long)(dtb_room >> 10));
    }
    l->initrd_base = initrd_size ? base : 0;
    l->dtb_base = base + initrd_room;
    return keep_dtb_whole(l, dtb_size, dtb_room, lo, hi, err, errlen);
}
