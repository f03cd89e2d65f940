/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Atomic operations and bit operations on memory shared between CPUs (or with
 * guests).  Built on the compiler's __atomic builtins so common code stays
 * arch-neutral; the arch's compiler flags choose the instructions (on arm64
 * we build with -mno-outline-atomics so no libgcc helpers are needed).
 */
#ifndef XEN_ATOMIC_H
#define XEN_ATOMIC_H

#include <xen/types.h>

typedef struct { int counter; } atomic_t;

#define ATOMIC_INIT(i) { (i) }

static inline int atomic_read(const atomic_t *v)
{
    return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
    __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
    return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_inc(atomic_t *v) { atomic_add_return(1, v); }
static inline void atomic_dec(atomic_t *v) { atomic_add_return(-1, v); }
static inline bool atomic_dec_and_test(atomic_t *v)
{
    return atomic_add_return(-1, v) == 0;
}

/* Bit operations on an array of unsigned longs; nr counts from bit 0 of word 0. */
#define BITS_PER_LONG     (8 * sizeof(unsigned long))
#define BIT_WORD(nr)      ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)      (1UL << ((nr) % BITS_PER_LONG))
#define BITS_TO_LONGS(n)  (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define ROUNDUP_BITS(n)   (((n) + BITS_PER_LONG - 1) & ~(BITS_PER_LONG - 1))

static inline bool test_bit(unsigned int nr, const volatile void *addr)
{
    const volatile unsigned long *p = addr;

    return (__atomic_load_n(&p[BIT_WORD(nr)], __ATOMIC_RELAXED) >>
            (nr % BITS_PER_LONG)) & 1;
}

static inline bool test_and_set_bit(unsigned int nr, volatile void *addr)
{
    volatile unsigned long *p = addr;

    return __atomic_fetch_or(&p[BIT_WORD(nr)], BIT_MASK(nr),
                             __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned int nr, volatile void *addr)
{
    volatile unsigned long *p = addr;

    return __atomic_fetch_and(&p[BIT_WORD(nr)], ~BIT_MASK(nr),
                              __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline void set_bit(unsigned int nr, volatile void *addr)
{
    test_and_set_bit(nr, addr);
}

static inline void clear_bit(unsigned int nr, volatile void *addr)
{
    test_and_clear_bit(nr, addr);
}

/* Non-atomic variants, for memory no other CPU can see yet. */
static inline void __set_bit(unsigned int nr, void *addr)
{
    ((unsigned long *)addr)[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned int nr, void *addr)
{
    ((unsigned long *)addr)[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

/* Index of the first set bit at or after 'start', or 'size' if none. */
static inline unsigned int find_next_bit(const unsigned long *addr,
                                         unsigned int size, unsigned int start)
{
    while ( start < size ) {
        unsigned long w = addr[BIT_WORD(start)] >> (start % BITS_PER_LONG);

        if ( w ) {
            start += __builtin_ctzl(w);
            return start < size ? start : size;
        }
        start = ROUNDUP_BITS(start + 1);
    }
    return size;
}
#define find_first_bit(addr, size) find_next_bit(addr, size, 0)

#define smp_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

#endif /* XEN_ATOMIC_H */
