/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Reading a kernel: a file of bounded size, gunzipped if it is gzip
 * (bounded too: a small file may inflate without end), then the arm64
 * Image header (Linux's Documentation/arm64/booting.rst).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "xg_arm.h"

#define IMAGE_HEADER_SIZE   64
#define IMAGE_MAGIC         0x644d5241U     /* "ARM\x64" at offset 56 */
#define ZIMAGE32_MAGIC      0x016f2818U     /* at offset 36 */
#define IMAGE_FLAG_BE       (1ULL << 0)
/* Images older than Linux 3.17 say 0 and expect this offset. */
#define IMAGE_OLD_TEXT_OFFSET 0x80000

void xg_set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int xg_read_file(const char *path, size_t max, uint8_t **data, size_t *size,
                 char *err, size_t errlen)
{
    struct stat st;
    uint8_t *buf = NULL;
    size_t done = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if ( fd < 0 ) {
        xg_set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if ( fstat(fd, &st) || !S_ISREG(st.st_mode) ) {
        xg_set_err(err, errlen, "%s is not a regular file", path);
        goto fail;
    }
    if ( (uint64_t)st.st_size > max ) {
        xg_set_err(err, errlen, "%s is %lld bytes, more than the %zu allowed",
                   path, (long long)st.st_size, max);
        goto fail;
    }
    buf = malloc(st.st_size ? st.st_size : 1);
    if ( !buf ) {
        xg_set_err(err, errlen, "no memory for %s", path);
        goto fail;
    }
    while ( done < (size_t)st.st_size ) {
        ssize_t n = read(fd, buf + done, st.st_size - done);

        if ( n <= 0 ) {
            xg_set_err(err, errlen, "reading %s: %s", path,
                       n ? strerror(errno) : "it shrank while read");
            goto fail;
        }
        done += n;
    }
    close(fd);
    *data = buf;
    *size = done;
    return 0;
 fail:
    free(buf);
    close(fd);
    return -1;
}

static bool is_gzip(const uint8_t *p, size_t size)
{
    return size >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* Inflates in, stopping with an error past XG_KERNEL_MAX bytes. */
static int gunzip(const uint8_t *in, size_t in_size, uint8_t **out,
                  size_t *out_size, char *err, size_t errlen)
{
    z_stream z = { .next_in = (Bytef *)in, .avail_in = in_size };
    size_t cap = in_size * 4 < XG_KERNEL_MAX ? in_size * 4 : XG_KERNEL_MAX;
    uint8_t *buf = malloc(cap), *bigger;
    int zrc;

    if ( !buf || inflateInit2(&z, 16 + MAX_WBITS) != Z_OK ) {
        free(buf);
        xg_set_err(err, errlen, "no memory to decompress the kernel");
        return -1;
    }
    for ( ;; ) {
        z.next_out = buf + z.total_out;
        z.avail_out = cap - z.total_out;
        zrc = inflate(&z, Z_NO_FLUSH);
        if ( zrc == Z_STREAM_END )
            break;
        if ( zrc == Z_BUF_ERROR && z.avail_in == 0 ) {
            xg_set_err(err, errlen, "the gzip-compressed kernel is truncated");
            goto fail;
        }
        if ( zrc != Z_OK && zrc != Z_BUF_ERROR ) {
            xg_set_err(err, errlen, "the gzip-compressed kernel is corrupt (%s)",
                       z.msg ? z.msg : "zlib error");
            goto fail;
        }
        if ( z.avail_out )
            continue;
        if ( cap == XG_KERNEL_MAX ) {
            xg_set_err(err, errlen, "the kernel decompresses to more than "
                       "%lu MiB", XG_KERNEL_MAX >> 20);
            goto fail;
        }
        cap = cap * 2 < XG_KERNEL_MAX ? cap * 2 : XG_KERNEL_MAX;
        bigger = realloc(buf, cap);
        if ( !bigger ) {
            xg_set_err(err, errlen, "no memory to decompress the kernel");
            goto fail;
        }
        buf = bigger;
    }
    *out_size = z.total_out;
    *out = buf;
    inflateEnd(&z);
    return 0;
 fail:
    inflateEnd(&z);
    free(buf);
    return -1;
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;

    for ( i = 7; i >= 0; i-- )
        v = (v << 8) | p[i];
    return v;
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

int xg_arm_kernel_parse(uint8_t *file, size_t size, struct xg_arm_kernel *k,
                        char *err, size_t errlen)
{
    uint64_t flags, image_size;

    memset(k, 0, sizeof(*k));
    if ( is_gzip(file, size) ) {
        uint8_t *raw;
        size_t raw_size;
        int rc = gunzip(file, size, &raw, &raw_size, err, errlen);

        free(file);
        if ( rc )
            return -1;
        file = raw;
        size = raw_size;
    }
    if ( size >= 40 && le32(file + 36) == ZIMAGE32_MAGIC ) {
        xg_set_err(err, errlen, "32-bit Arm kernels (zImage) are not supported");
        goto fail;
    }
    if ( size < IMAGE_HEADER_SIZE || le32(file + 56) != IMAGE_MAGIC ) {
        xg_set_err(err, errlen, "not an arm64 kernel Image (no \"ARM\\x64\" "
                   "magic in its header)");
        goto fail;
    }
    flags = le64(file + 24);
    image_size = le64(file + 16);
    if ( flags & IMAGE_FLAG_BE ) {
        xg_set_err(err, errlen, "big-endian arm64 kernels are not supported");
        goto fail;
    }
    if ( !image_size ) {
        k->text_offset = IMAGE_OLD_TEXT_OFFSET;
        k->mem_size = size;
    } else {
        k->text_offset = le64(file + 8);
        k->mem_size = image_size;
        if ( image_size < size ) {
            xg_set_err(err, errlen, "the Image header says %llu bytes, less "
                       "than its %zu bytes of file",
                       (unsigned long long)image_size, size);
            goto fail;
        }
    }
    if ( k->text_offset >= (2UL << 20) || k->mem_size > XG_KERNEL_MAX ) {
        xg_set_err(err, errlen, "the Image header is absurd (text offset "
                   "%#llx, size %llu)", (unsigned long long)k->text_offset,
                   (unsigned long long)k->mem_size);
        goto fail;
    }
    k->data = file;
    k->size = size;
    return 0;
 fail:
    free(file);
    return -1;
}
