/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor object allocator, on top of xenheap pages.
 *
 *   struct foo *f = xzalloc(struct foo);
 *   uint32_t *v = xmalloc_array(uint32_t, n);   NULL also if n * 4 overflows
 *   ...
 *   xfree(f);                                    xfree(NULL) is fine
 *
 * Requests up to 2048 bytes (after rounding up to the alignment) come from
 * power-of-two size classes 16..2048, carved from single pages; an object of
 * a class is aligned to the class size.  Larger requests get a whole
 * 2^order block of pages, page aligned.  Usable only once the heap is up.
 */
#ifndef XEN_XMALLOC_H
#define XEN_XMALLOC_H

#include <xen/types.h>

/* Alignment of xmalloc_bytes(): enough for any scalar type. */
#define XMALLOC_DEFAULT_ALIGN 16

/* align must be a power of two (0 counts as 1); NULL on failure. */
void *_xmalloc(size_t size, size_t align);
void *_xzalloc(size_t size, size_t align);
void xfree(void *p);

static inline void *_xmalloc_array(size_t size, size_t align, size_t num)
{
    size_t bytes;

    if ( __builtin_mul_overflow(size, num, &bytes) )
        return NULL;
    return _xmalloc(bytes, align);
}

static inline void *_xzalloc_array(size_t size, size_t align, size_t num)
{
    size_t bytes;

    if ( __builtin_mul_overflow(size, num, &bytes) )
        return NULL;
    return _xzalloc(bytes, align);
}

#define xmalloc(_type) ((_type *)_xmalloc(sizeof(_type), __alignof__(_type)))
#define xzalloc(_type) ((_type *)_xzalloc(sizeof(_type), __alignof__(_type)))
#define xmalloc_array(_type, _num) \
    ((_type *)_xmalloc_array(sizeof(_type), __alignof__(_type), _num))
#define xzalloc_array(_type, _num) \
    ((_type *)_xzalloc_array(sizeof(_type), __alignof__(_type), _num))
#define xmalloc_bytes(_bytes) _xmalloc(_bytes, XMALLOC_DEFAULT_ALIGN)
#define xzalloc_bytes(_bytes) _xzalloc(_bytes, XMALLOC_DEFAULT_ALIGN)

struct xmalloc_stats {
    unsigned long bytes_inuse; /* handed out, rounded to class or pages */
    unsigned long allocations; /* live allocations */
    unsigned long pool_pages;  /* pages holding small objects */
    unsigned long large_pages; /* pages of large allocations */
    unsigned long pages;       /* pool_pages + large_pages */
};

void xmalloc_get_stats(struct xmalloc_stats *st);
/* Prints the statistics, per size class. */
void xmalloc_dump(void);

#ifdef XEN_HOST_TEST
/* Host unit tests only: forget all state (the heap is reset separately). */
void xmalloc_reset_for_test(void);
#endif

#endif /* XEN_XMALLOC_H */
