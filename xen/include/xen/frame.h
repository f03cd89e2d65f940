/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Typesafe frame numbers.
 *
 * A machine frame number (mfn_t) and a guest frame number (gfn_t) are both
 * "an unsigned long counting 4 KiB pages", and mixing them up is the classic
 * hypervisor bug.  Wrapping each in its own one-member struct makes the
 * compiler reject the mix-ups.  The struct is passed and returned in a
 * register on the 64-bit ABIs we build for, so the safety costs nothing and
 * we keep the struct form in every build.
 */
#ifndef XEN_FRAME_H
#define XEN_FRAME_H

#include <asm/page-bits.h>
#include <xen/types.h>

/* Byte address <-> page frame number, rounding down or up. */
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x)   (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)

/* printk format for a raw frame number: printk("%"PRI_mfn, mfn_x(m)). */
#define PRI_mfn "05lx"
#define PRI_gfn "05lx"

/* Machine frame numbers. */
typedef struct {
    unsigned long m;
} mfn_t;

#define INVALID_MFN_RAW (~0UL)
/* Usable as a static initializer as well as an expression. */
/* clang-format off */
#define INVALID_MFN_INIT    { INVALID_MFN_RAW }
/* clang-format on */
#define INVALID_MFN ((mfn_t)INVALID_MFN_INIT)

static inline mfn_t _mfn(unsigned long m)
{
    return (mfn_t){ m };
}

static inline unsigned long mfn_x(mfn_t m)
{
    return m.m;
}

static inline mfn_t mfn_add(mfn_t m, unsigned long i)
{
    return _mfn(mfn_x(m) + i);
}

static inline bool mfn_eq(mfn_t a, mfn_t b)
{
    return mfn_x(a) == mfn_x(b);
}

static inline mfn_t maddr_to_mfn(paddr_t ma)
{
    return _mfn((unsigned long)PFN_DOWN(ma));
}

static inline paddr_t mfn_to_maddr(mfn_t m)
{
    return (paddr_t)mfn_x(m) << PAGE_SHIFT;
}

/* Guest frame numbers (guest physical addresses >> PAGE_SHIFT). */
typedef struct {
    unsigned long g;
} gfn_t;

#define INVALID_GFN_RAW (~0UL)
/* clang-format off */
#define INVALID_GFN_INIT    { INVALID_GFN_RAW }
/* clang-format on */
#define INVALID_GFN ((gfn_t)INVALID_GFN_INIT)

static inline gfn_t _gfn(unsigned long g)
{
    return (gfn_t){ g };
}

static inline unsigned long gfn_x(gfn_t g)
{
    return g.g;
}

static inline gfn_t gfn_add(gfn_t g, unsigned long i)
{
    return _gfn(gfn_x(g) + i);
}

static inline bool gfn_eq(gfn_t a, gfn_t b)
{
    return gfn_x(a) == gfn_x(b);
}

static inline gfn_t gaddr_to_gfn(paddr_t ga)
{
    return _gfn((unsigned long)PFN_DOWN(ga));
}

static inline paddr_t gfn_to_gaddr(gfn_t g)
{
    return (paddr_t)gfn_x(g) << PAGE_SHIFT;
}

#endif /* XEN_FRAME_H */
