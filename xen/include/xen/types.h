/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Basic types shared by all hypervisor code.  Only compiler-provided
 * freestanding headers are used, so the same source builds both inside the
 * hypervisor and in host unit tests.
 */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A machine (host physical) address, and a hypervisor virtual address. */
typedef uint64_t paddr_t;
typedef unsigned long vaddr_t;
typedef long ssize_t;

#define PRIpaddr "016" PRIx64

#ifndef PRIx64
#define PRIx64 "lx"
#define PRIu64 "lu"
#define PRId64 "ld"
#endif

#endif /* XEN_TYPES_H */
