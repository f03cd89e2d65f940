/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The arm64 Image header, as Linux's Documentation/arm64/booting.rst
 * defines it: 64 little-endian bytes at the start of the file.
 *
 *   0  code0, code1     (executable; an EFI stub puts "MZ" here)
 *   8  text_offset      load offset from a 2 MiB aligned base
 *  16  image_size       bytes the kernel occupies once running
 *  24  flags            bit 0 big-endian, bits 1-2 page size,
 *                       bit 3 may be placed anywhere in RAM
 *  56  magic            "ARM\x64"
 */
#include <errno.h>

#include "xg_arm.h"

#define OFF_CODE0           0
#define OFF_TEXT_OFFSET     8
#define OFF_IMAGE_SIZE      16
#define OFF_FLAGS           24
#define OFF_MAGIC           56
#define IMAGE_MAGIC         0x644d5241U     /* "ARM\x64" */
/* Images before the magic (Linux 3.12) are recognised by this branch. */
#define IMAGE_V0_CODE0      0x14000008U

#define FLAG_BE             (1ULL << 0)
#define FLAG_PAGE_SHIFT     1
#define FLAG_PAGE_MASK      3ULL
#define FLAG_PHYS_ANYWHERE  (1ULL << 3)

/*
 * Before Linux 3.17 image_size is 0 and text_offset of unknown
 * endianness: booting.rst says to assume this offset then.
 */
#define OLD_TEXT_OFFSET     0x80000
#define TEXT_OFFSET_LIMIT   (2ULL << 20)

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
    return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static unsigned int page_size(uint64_t flags)
{
    static const unsigned int sizes[] = { 0, 4096, 16384, 65536 };

    return sizes[(flags >> FLAG_PAGE_SHIFT) & FLAG_PAGE_MASK];
}

int xg_arm_image_parse(const uint8_t *file, size_t size,
                       struct xg_arm_image *img, char *err, size_t errlen)
{
    *img = (struct xg_arm_image) { 0 };
    if ( size < XG_IMAGE_HEADER_SIZE )
        return xg_fail(err, errlen, ENOEXEC, "%zu bytes are too few for an "
                       "arm64 Image: its header alone has %d", size,
                       XG_IMAGE_HEADER_SIZE);
    if ( le32(file + OFF_MAGIC) != IMAGE_MAGIC &&
         le32(file + OFF_CODE0) != IMAGE_V0_CODE0 )
        return xg_fail(err, errlen, ENOEXEC, "not an arm64 Image: no "
                       "\"ARM\\x64\" magic at offset %d", OFF_MAGIC);
    if ( size > XG_KERNEL_MAX )
        return xg_fail(err, errlen, EFBIG, "the Image has %zu bytes, more "
                       "than the %lu allowed", size, XG_KERNEL_MAX);

    img->image_size = le64(file + OFF_IMAGE_SIZE);
    if ( !img->image_size ) {
        /* No flags field yet either: nothing more to learn. */
        img->text_offset = OLD_TEXT_OFFSET;
        return 0;
    }
    img->text_offset = le64(file + OFF_TEXT_OFFSET);
    img->flags = le64(file + OFF_FLAGS);
    img->page_size = page_size(img->flags);
    img->phys_anywhere = img->flags & FLAG_PHYS_ANYWHERE;

    /* The guest ABI's structures and our vCPU set-up are little-endian. */
    if ( img->flags & FLAG_BE )
        return xg_fail(err, errlen, EOPNOTSUPP,
                       "big-endian arm64 kernels are not supported");
    if ( img->text_offset >= TEXT_OFFSET_LIMIT )
        return xg_fail(err, errlen, EINVAL, "the Image's text_offset %#llx "
                       "is not below 2 MiB: the header is corrupt",
                       (unsigned long long)img->text_offset);
    if ( img->image_size > XG_KERNEL_MAX )
        return xg_fail(err, errlen, EFBIG, "the Image says it occupies %llu "
                       "bytes, more than the %lu allowed",
                       (unsigned long long)img->image_size, XG_KERNEL_MAX);
    /* Its bss comes after the file's bytes, never instead of them. */
    if ( img->image_size < size )
        return xg_fail(err, errlen, EINVAL, "the Image says it occupies %llu "
                       "bytes, fewer than the %zu of its file: the header "
                       "is corrupt or the file has junk appended",
                       (unsigned long long)img->image_size, size);
    return 0;
}
