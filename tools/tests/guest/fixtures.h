/* SPDX-License-Identifier: GPL-2.0-only */
/* Inputs the domain builder's tests make: Images, gzip streams, files. */
#ifndef GUEST_TEST_FIXTURES_H
#define GUEST_TEST_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

#include "harness.h"

/* Image header flags, as booting.rst numbers them. */
#define IMG_BE          (1ULL << 0)
#define IMG_4K          (1ULL << 1)
#define IMG_16K         (2ULL << 1)
#define IMG_64K         (3ULL << 1)
#define IMG_ANYWHERE    (1ULL << 3)

/*
 * A synthetic arm64 Image of size bytes (at least the header), with
 * these header fields and a recognisable body (malloc()ed).
 */
uint8_t *make_image(size_t size, uint64_t text_offset, uint64_t image_size,
                    uint64_t flags);

void put_le32(uint8_t *p, uint32_t v);
void put_le64(uint8_t *p, uint64_t v);

/* A gzip stream of in at level (0: stored blocks), malloc()ed, or NULL. */
uint8_t *gzip_bytes(const void *in, size_t size, int level, size_t *out_size);

/* A malloc()ed copy. */
uint8_t *dup_bytes(const void *p, size_t size);

/* Writes a temporary file (path in buf of PATH_MAX); 0 or -1. */
int write_temp(char *path, const void *data, size_t size);

#endif
