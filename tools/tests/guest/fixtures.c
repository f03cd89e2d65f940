/* SPDX-License-Identifier: GPL-2.0-only */
/* Inputs the domain builder's tests make; see fixtures.h. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fixtures.h"

void put_le32(uint8_t *p, uint32_t v)
{
    int i;

    for ( i = 0; i < 4; i++ )
        p[i] = v >> (8 * i);
}

void put_le64(uint8_t *p, uint64_t v)
{
    put_le32(p, v);
    put_le32(p + 4, v >> 32);
}

uint8_t *make_image(size_t size, uint64_t text_offset, uint64_t image_size,
                    uint64_t flags)
{
    uint8_t *img = malloc(size < 64 ? 64 : size);
    size_t i;

    if ( !img )
        return NULL;
    /* A body that compresses, but not to nothing. */
    for ( i = 0; i < size; i++ )
        img[i] = (i * 7 + (i >> 12)) & 0xff;
    memset(img, 0, 64 < size ? 64 : size);
    put_le32(img, 0x91005a4d);          /* "MZ" and an add, as EFI stubs */
    put_le32(img + 4, 0x14000000);
    put_le64(img + 8, text_offset);
    put_le64(img + 16, image_size);
    put_le64(img + 24, flags);
    memcpy(img + 56, "ARM\x64", 4);
    return img;
}

uint8_t *gzip_bytes(const void *in, size_t size, int level, size_t *out_size)
{
    z_stream z = { 0 };
    size_t cap = compressBound(size) + 64;
    uint8_t *out = malloc(cap);

    if ( !out )
        return NULL;
    if ( deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8,
                      Z_DEFAULT_STRATEGY) != Z_OK ) {
        free(out);
        return NULL;
    }
    z.next_in = (Bytef *)in;
    z.avail_in = size;
    z.next_out = out;
    z.avail_out = cap;
    if ( deflate(&z, Z_FINISH) != Z_STREAM_END ) {
        deflateEnd(&z);
        free(out);
        return NULL;
    }
    *out_size = z.total_out;
    deflateEnd(&z);
    return out;
}

uint8_t *dup_bytes(const void *p, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);

    if ( copy )
        memcpy(copy, p, size);
    return copy;
}

int write_temp(char *path, const void *data, size_t size)
{
    int fd;

    strcpy(path, "/tmp/guest-test-XXXXXX");
    fd = mkstemp(path);
    if ( fd < 0 )
        return -1;
    if ( write(fd, data, size) != (ssize_t)size ) {
        close(fd);
        unlink(path);
        return -1;
    }
    close(fd);
    return 0;
}
