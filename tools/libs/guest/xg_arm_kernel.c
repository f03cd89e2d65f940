/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Recognising a kernel file: gunzipped first if it is gzip (as Xen's
 * builder does), then it must be an arm64 Image.  The formats Xen's arm
 * builder also takes or that people try by mistake get a sentence of
 * their own rather than "not an Image".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xg_arm.h"

/* Xen's arm32 zImage magic, at byte 0x24. */
#define ZIMAGE32_MAGIC_OFFSET   0x24
#define ZIMAGE32_MAGIC          0x016f2818U

struct format {
    const char *name;
    const char *magic;
    size_t len;
};

/* Other compressions Linux can build an Image with: not inflated here. */
static const struct format compressions[] = {
    { "xz", "\xfd" "7zXZ\0", 6 },
    { "zstd", "\x28\xb5\x2f\xfd", 4 },
    { "bzip2", "BZh", 3 },
    { "lz4", "\x02\x21\x4c\x18", 4 },
    { "lzo", "\x89LZO", 4 },
};

static bool has_magic(const uint8_t *file, size_t size, const char *magic,
                      size_t len)
{
    return size >= len && !memcmp(file, magic, len);
}

static bool is_zimage32(const uint8_t *file, size_t size)
{
    const uint8_t *p = file + ZIMAGE32_MAGIC_OFFSET;

    return size >= ZIMAGE32_MAGIC_OFFSET + 4 &&
           (p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24) ==
           ZIMAGE32_MAGIC;
}

/* Formats refused by name: -1 with the reason, or 0 to go on. */
static int refuse_known(const uint8_t *file, size_t size, char *err,
                        size_t errlen)
{
    size_t i;

    for ( i = 0; i < sizeof(compressions) / sizeof(compressions[0]); i++ )
        if ( has_magic(file, size, compressions[i].magic,
                       compressions[i].len) )
            return xg_fail(err, errlen, EOPNOTSUPP, "%s-compressed kernels "
                           "are not supported: give the raw Image or a "
                           "gzip-compressed one", compressions[i].name);
    if ( has_magic(file, size, "\x7f" "ELF", 4) )
        return xg_fail(err, errlen, ENOEXEC, "the kernel is an ELF file "
                       "(vmlinux?), not an arm64 Image "
                       "(arch/arm64/boot/Image)");
    if ( is_zimage32(file, size) )
        return xg_fail(err, errlen, EOPNOTSUPP, "the kernel is a 32-bit Arm "
                       "zImage: only 64-bit (arm64 Image) guests are "
                       "supported");
    return 0;
}

static int parse(const uint8_t *file, size_t size, struct xg_arm_kernel *k,
                 char *err, size_t errlen)
{
    struct xg_arm_image img;

    if ( refuse_known(file, size, err, errlen) ||
         xg_arm_image_parse(file, size, &img, err, errlen) )
        return -1;
    k->size = size;
    k->text_offset = img.text_offset;
    /* Pre-3.17 Images do not say; the file is the best we know. */
    k->mem_size = img.image_size ? img.image_size : size;
    k->page_size = img.page_size;
    k->phys_anywhere = img.phys_anywhere;
    return 0;
}

int xg_arm_kernel_parse(uint8_t *file, size_t size, struct xg_arm_kernel *k,
                        char *err, size_t errlen)
{
    int e;

    *k = (struct xg_arm_kernel) { 0 };
    if ( !file || !size ) {
        free(file);
        return xg_fail(err, errlen, EINVAL, "the kernel file is empty");
    }
    if ( xg_is_gzip(file, size) ) {
        uint8_t *raw;
        size_t raw_size;
        int rc = xg_gunzip(file, size, XG_KERNEL_MAX, &raw, &raw_size,
                           err, errlen);

        e = errno;
        free(file);
        if ( rc ) {
            errno = e;
            return -1;
        }
        file = raw;
        size = raw_size;
        k->was_gzip = true;
    }
    if ( parse(file, size, k, err, errlen) ) {
        e = errno;
        free(file);
        *k = (struct xg_arm_kernel) { 0 };
        errno = e;
        return -1;
    }
    k->data = file;
    return 0;
}
