/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copies to and from the current guest.  Guest pointers are guest virtual
 * addresses (Xen ABI on Arm): the arch translates them through the vCPU's
 * own stage-1 and stage-2 tables, page by page.  The raw functions return
 * the number of bytes NOT copied (0 on success); callers turn a non-zero
 * result into -EFAULT.
 */
#ifndef XEN_GUEST_ACCESS_H
#define XEN_GUEST_ACCESS_H

#include <xen/types.h>
#include <public/xen.h>

unsigned long raw_copy_from_guest(void *to, uint64_t from_gva, unsigned long len);
unsigned long raw_copy_to_guest(uint64_t to_gva, const void *from, unsigned long len);
unsigned long raw_clear_guest(uint64_t to_gva, unsigned long len);

/* A hypercall argument register as a handle. */
#define guest_handle_from_reg(type, reg) \
    ((XEN_GUEST_HANDLE(type)){ .q = (reg) })
#define guest_handle_is_null(hnd)   ((hnd).q == 0)
#define guest_handle_cast(hnd, type) \
    ((XEN_GUEST_HANDLE(type)){ .q = (hnd).q })

/* nr elements of *ptr's type, at element offset off of the handle. */
#define copy_from_guest_offset(ptr, hnd, off, nr)                       \
    raw_copy_from_guest(ptr, (hnd).q + (off) * sizeof(*(ptr)),          \
                        (nr) * sizeof(*(ptr)))
#define copy_to_guest_offset(hnd, off, ptr, nr)                         \
    raw_copy_to_guest((hnd).q + (off) * sizeof(*(ptr)), ptr,            \
                      (nr) * sizeof(*(ptr)))
#define copy_from_guest(ptr, hnd, nr) copy_from_guest_offset(ptr, hnd, 0, nr)
#define copy_to_guest(hnd, ptr, nr)   copy_to_guest_offset(hnd, 0, ptr, nr)

/* Copies one field of a struct back (an OUT member) without the rest. */
#define copy_field_to_guest(hnd, ptr, field)                            \
    raw_copy_to_guest((hnd).q + __builtin_offsetof(__typeof__(*(ptr)), field), \
                      &(ptr)->field, sizeof((ptr)->field))

#endif
