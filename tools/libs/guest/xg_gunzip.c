/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Inflating a gzip-compressed kernel (or initrd) without trusting it: a
 * few kilobytes can claim, or produce, gigabytes.  As Xen does, the
 * size the gzip trailer records decides the allocation and is refused
 * past the caller's bound before anything is inflated; a stream that
 * then produces more than its trailer said is inflated on into a
 * scratch buffer, only to tell a bomb from a corrupt file.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <zlib.h>

#include "xg_arm.h"

/* The smallest gzip member: 10 bytes of header, 8 of trailer. */
#define GZIP_MIN_SIZE   18
/* zlib's window bits plus 16: gzip wrapper only, no zlib or raw. */
#define GZIP_ONLY       (16 + MAX_WBITS)

bool xg_is_gzip(const void *buf, size_t size)
{
    const uint8_t *p = buf;

    return size >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static uint32_t trailer_size(const uint8_t *in, size_t in_size)
{
    const uint8_t *p = in + in_size - 4;

    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * The stream wants more room than its trailer claimed: inflate on into a
 * scratch buffer, only to say whether it is a bomb or a corrupt file.
 */
static int overflow(z_stream *z, uint32_t claimed, size_t max, char *err,
                    size_t errlen)
{
    const size_t chunk = 64 << 10;
    uint8_t *scratch = malloc(chunk);
    uint64_t total = z->total_out;
    int zrc;

    if ( !scratch )
        return xg_fail(err, errlen, ENOMEM,
                       "no memory to inflate the gzip stream");
    do {
        z->next_out = scratch;
        z->avail_out = chunk;
        zrc = inflate(z, Z_NO_FLUSH);
        total += chunk - z->avail_out;
    } while ( zrc == Z_OK && total <= max );
    free(scratch);
    if ( total > max )
        return xg_fail(err, errlen, EFBIG, "the gzip stream inflates to more "
                       "than the %zu bytes allowed", max);
    if ( zrc == Z_BUF_ERROR && !z->avail_in )
        return xg_fail(err, errlen, EINVAL, "the gzip stream is truncated");
    return xg_fail(err, errlen, EINVAL, "the gzip stream is corrupt: it "
                   "inflates to more than the %u bytes its trailer records",
                   claimed);
}

static int inflate_into(z_stream *z, uint8_t *buf, uint32_t claimed,
                        size_t max, char *err, size_t errlen)
{
    z->next_out = buf;
    z->avail_out = claimed;
    for ( ;; ) {
        /*
         * With the buffer full, one more call still reads the trailer
         * (Z_STREAM_END), or says it needs room (Z_BUF_ERROR).
         */
        switch ( inflate(z, Z_NO_FLUSH) ) {
        case Z_OK:
            continue;
        case Z_STREAM_END:
            if ( z->avail_in )
                return xg_fail(err, errlen, EINVAL, "%u bytes of trailing "
                               "data follow the gzip stream", z->avail_in);
            return 0;
        case Z_BUF_ERROR:
            if ( !z->avail_out )
                return overflow(z, claimed, max, err, errlen);
            return xg_fail(err, errlen, EINVAL,
                           "the gzip stream is truncated");
        case Z_MEM_ERROR:
            return xg_fail(err, errlen, ENOMEM,
                           "no memory to inflate the gzip stream");
        default:
            return xg_fail(err, errlen, EINVAL, "the gzip stream is corrupt: "
                           "%s", z->msg ? z->msg : "zlib error");
        }
    }
}

int xg_gunzip(const void *in, size_t in_size, size_t max, uint8_t **out,
              size_t *out_size, char *err, size_t errlen)
{
    z_stream z = { 0 };
    uint32_t claimed;
    uint8_t *buf;
    int rc;

    if ( !xg_is_gzip(in, in_size) )
        return xg_fail(err, errlen, EINVAL, "not a gzip stream");
    if ( in_size < GZIP_MIN_SIZE )
        return xg_fail(err, errlen, EINVAL, "a gzip stream of %zu bytes is "
                       "truncated: the smallest has %d", in_size,
                       GZIP_MIN_SIZE);
    if ( in_size > UINT_MAX )
        return xg_fail(err, errlen, EFBIG, "a gzip stream of %zu bytes is "
                       "more than zlib takes at once", in_size);
    claimed = trailer_size(in, in_size);
    if ( claimed > max )
        return xg_fail(err, errlen, EFBIG, "the gzip trailer says it inflates "
                       "to %u bytes, more than the %zu allowed", claimed, max);

    /* Exactly what the trailer claims: zlib checks the length at the end. */
    buf = malloc(claimed ? claimed : 1);
    if ( !buf )
        return xg_fail(err, errlen, ENOMEM, "no memory to inflate %u bytes",
                       claimed);
    z.next_in = (Bytef *)in;
    z.avail_in = in_size;
    if ( inflateInit2(&z, GZIP_ONLY) != Z_OK ) {
        free(buf);
        return xg_fail(err, errlen, ENOMEM, "zlib cannot start inflating");
    }
    rc = inflate_into(&z, buf, claimed, max, err, errlen);
    inflateEnd(&z);
    if ( rc ) {
        int e = errno;

        free(buf);
        errno = e;
        return -1;
    }
    *out = buf;
    *out_size = z.total_out;
    return 0;
}
