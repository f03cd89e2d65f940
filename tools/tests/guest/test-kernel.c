/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading kernels: the arm64 Image header, the formats refused by name,
 * bounded gunzip (bombs, corrupt and truncated streams) and files.
 */
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
#include "tests.h"
#include "xg_arm.h"

#define MiB(x)  ((uint64_t)(x) << 20)

static const char *image_good(void)
{
    uint8_t *img = make_image(MiB(1), 0, MiB(2), IMG_4K | IMG_ANYWHERE);
    struct xg_arm_image h;

    CHECK(img);
    CHECK_OK(xg_arm_image_parse(img, MiB(1), &h, test_err, sizeof(test_err)));
    free(img);
    CHECK(h.text_offset == 0);
    CHECK(h.image_size == MiB(2));
    CHECK(h.page_size == 4096);
    CHECK(h.phys_anywhere);
    return NULL;
}

static const char *image_flags(void)
{
    static const struct {
        uint64_t flags;
        unsigned int page;
        bool anywhere;
    } cases[] = {
        { 0, 0, false },
        { IMG_16K, 16384, false },
        { IMG_64K | IMG_ANYWHERE, 65536, true },
        /* Reserved bits say nothing to us. */
        { IMG_4K | (1ULL << 40), 4096, false },
    };
    struct xg_arm_image h;
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ ) {
        uint8_t *img = make_image(4096, 0x80000, 8192, cases[i].flags);

        CHECK(img);
        CHECK_OK(xg_arm_image_parse(img, 4096, &h, test_err,
                                    sizeof(test_err)));
        free(img);
        if ( h.page_size != cases[i].page ||
             h.phys_anywhere != cases[i].anywhere ||
             h.text_offset != 0x80000 )
            return test_fail("flags %#llx: page %u anywhere %d offset %#llx",
                             (unsigned long long)cases[i].flags, h.page_size,
                             h.phys_anywhere,
                             (unsigned long long)h.text_offset);
    }
    return NULL;
}

static const char *image_bad_magic(void)
{
    uint8_t *img = make_image(4096, 0, 8192, IMG_4K);
    struct xg_arm_image h;

    CHECK(img);
    img[59] = 0x65;
    CHECK_ERR(xg_arm_image_parse(img, 4096, &h, test_err, sizeof(test_err)),
              ENOEXEC, "not an arm64 Image");
    free(img);
    return NULL;
}

/* Images from before the magic: Xen knows them by their first branch. */
static const char *image_v0_branch(void)
{
    uint8_t *img = make_image(4096, 0x80000, 0, 0);
    struct xg_arm_image h;

    CHECK(img);
    memset(img + 56, 0, 4);
    put_le32(img, 0x14000008);
    CHECK_OK(xg_arm_image_parse(img, 4096, &h, test_err, sizeof(test_err)));
    free(img);
    CHECK(h.text_offset == 0x80000);
    return NULL;
}

static const char *image_truncated(void)
{
    uint8_t *img = make_image(4096, 0, 8192, IMG_4K);
    struct xg_arm_image h;

    CHECK(img);
    CHECK_ERR(xg_arm_image_parse(img, 63, &h, test_err, sizeof(test_err)),
              ENOEXEC, "too few");
    CHECK_ERR(xg_arm_image_parse(img, 0, &h, test_err, sizeof(test_err)),
              ENOEXEC, "too few");
    free(img);
    return NULL;
}

static const char *image_big_endian(void)
{
    uint8_t *img = make_image(4096, 0, 8192, IMG_4K | IMG_BE);
    struct xg_arm_image h;

    CHECK(img);
    CHECK_ERR(xg_arm_image_parse(img, 4096, &h, test_err, sizeof(test_err)),
              EOPNOTSUPP, "big-endian");
    free(img);
    return NULL;
}

/* Pre-3.17: text_offset assumed 0x80000 whatever it says, size the file's. */
static const char *image_size_zero(void)
{
    uint8_t *img = make_image(12345, 0xdeadbeef, 0, IMG_BE);
    struct xg_arm_kernel k;

    CHECK(img);
    CHECK_OK(xg_arm_kernel_parse(img, 12345, &k, test_err, sizeof(test_err)));
    CHECK(k.text_offset == 0x80000);
    CHECK(k.mem_size == 12345);
    CHECK(k.size == 12345);
    CHECK(!k.was_gzip);
    free(k.data);
    return NULL;
}

static const char *image_size_below_file(void)
{
    uint8_t *img = make_image(8192, 0, 8191, IMG_4K);
    struct xg_arm_image h;

    CHECK(img);
    CHECK_ERR(xg_arm_image_parse(img, 8192, &h, test_err, sizeof(test_err)),
              EINVAL, "fewer than the 8192");
    free(img);
    return NULL;
}

static const char *image_absurd(void)
{
    static const struct {
        uint64_t text_offset, image_size;
        int e;
        const char *words;
    } cases[] = {
        { 0, 1ULL << 40, EFBIG, "more than the" },
        { 0, ~0ULL, EFBIG, "more than the" },
        { 0, XG_KERNEL_MAX + 1, EFBIG, "more than the" },
        { 1ULL << 40, 8192, EINVAL, "text_offset" },
        { MiB(2), 8192, EINVAL, "text_offset" },
        { ~0ULL, 8192, EINVAL, "text_offset" },
    };
    struct xg_arm_image h;
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ ) {
        uint8_t *img = make_image(4096, cases[i].text_offset,
                                  cases[i].image_size, IMG_4K);

        CHECK(img);
        CHECK_ERR(xg_arm_image_parse(img, 4096, &h, test_err,
                                     sizeof(test_err)),
                  cases[i].e, cases[i].words);
        free(img);
    }
    return NULL;
}

/* The largest accepted sizes are accepted. */
static const char *image_limits(void)
{
    uint8_t *img = make_image(4096, MiB(2) - 4096, XG_KERNEL_MAX, IMG_4K);
    struct xg_arm_image h;

    CHECK(img);
    CHECK_OK(xg_arm_image_parse(img, 4096, &h, test_err, sizeof(test_err)));
    free(img);
    return NULL;
}

static const char *kernel_zimage32(void)
{
    uint8_t *z = calloc(1, 4096);
    struct xg_arm_kernel k;

    CHECK(z);
    put_le32(z + 0x24, 0x016f2818);
    CHECK_ERR(xg_arm_kernel_parse(z, 4096, &k, test_err, sizeof(test_err)),
              EOPNOTSUPP, "32-bit Arm zImage");
    CHECK(!k.data);
    return NULL;
}

static const char *kernel_other_formats(void)
{
    static const struct {
        const char *magic;
        size_t len;
        int e;
        const char *words;
    } cases[] = {
        { "\x7f" "ELF\x02\x01\x01", 7, ENOEXEC, "ELF" },
        { "\xfd" "7zXZ\0", 6, EOPNOTSUPP, "xz-compressed" },
        { "\x28\xb5\x2f\xfd", 4, EOPNOTSUPP, "zstd-compressed" },
        { "BZh9", 4, EOPNOTSUPP, "bzip2-compressed" },
        { "#!/bin/sh\n", 10, ENOEXEC, "not an arm64 Image" },
    };
    struct xg_arm_kernel k;
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ ) {
        uint8_t *f = calloc(1, 4096);

        CHECK(f);
        memcpy(f, cases[i].magic, cases[i].len);
        CHECK_ERR(xg_arm_kernel_parse(f, 4096, &k, test_err,
                                      sizeof(test_err)),
                  cases[i].e, cases[i].words);
    }
    CHECK_ERR(xg_arm_kernel_parse(NULL, 0, &k, test_err, sizeof(test_err)),
              EINVAL, "empty");
    return NULL;
}

static const char *gzip_good(void)
{
    uint8_t *img = make_image(MiB(3) + 123, 0, MiB(4), IMG_4K);
    uint8_t *gz;
    size_t gz_size;
    struct xg_arm_kernel k;

    CHECK(img);
    gz = gzip_bytes(img, MiB(3) + 123, 6, &gz_size);
    CHECK(gz);
    CHECK(gz_size < MiB(3));
    CHECK_OK(xg_arm_kernel_parse(gz, gz_size, &k, test_err,
                                 sizeof(test_err)));
    CHECK(k.was_gzip);
    CHECK(k.size == MiB(3) + 123);
    CHECK(k.mem_size == MiB(4));
    CHECK(!memcmp(k.data, img, k.size));
    free(k.data);
    free(img);
    return NULL;
}

/* Stored blocks: the exact bytes survive, and exactly fill the buffer. */
static const char *gzip_stored(void)
{
    static const uint8_t data[100] = { 1, 2, 3 };
    uint8_t *gz, *out;
    size_t gz_size, out_size;

    gz = gzip_bytes(data, sizeof(data), 0, &gz_size);
    CHECK(gz);
    CHECK_OK(xg_gunzip(gz, gz_size, sizeof(data), &out, &out_size, test_err,
                       sizeof(test_err)));
    CHECK(out_size == sizeof(data));
    CHECK(!memcmp(out, data, sizeof(data)));
    free(out);
    /* One byte less allowed: refused on the trailer's word. */
    CHECK_ERR(xg_gunzip(gz, gz_size, sizeof(data) - 1, &out, &out_size,
                        test_err, sizeof(test_err)),
              EFBIG, "trailer says");
    free(gz);
    return NULL;
}

static const char *gzip_corrupt(void)
{
    uint8_t *img = make_image(MiB(1), 0, MiB(1), IMG_4K);
    uint8_t *gz, *out;
    size_t gz_size, out_size, i;

    CHECK(img);
    gz = gzip_bytes(img, MiB(1), 6, &gz_size);
    CHECK(gz);
    for ( i = gz_size / 2; i < gz_size / 2 + 64; i++ )
        gz[i] ^= 0x5a;
    CHECK_ERR(xg_gunzip(gz, gz_size, MiB(2), &out, &out_size, test_err,
                        sizeof(test_err)),
              EINVAL, "corrupt");
    /* A bad CRC alone. */
    free(gz);
    gz = gzip_bytes(img, MiB(1), 6, &gz_size);
    CHECK(gz);
    gz[gz_size - 8] ^= 1;
    CHECK_ERR(xg_gunzip(gz, gz_size, MiB(2), &out, &out_size, test_err,
                        sizeof(test_err)),
              EINVAL, "corrupt");
    /* Through the kernel reader, which frees what it took. */
    CHECK_ERR(xg_arm_kernel_parse(gz, gz_size, &(struct xg_arm_kernel){ 0 },
                                  test_err, sizeof(test_err)),
              EINVAL, "corrupt");
    free(img);
    return NULL;
}

static const char *gzip_truncated(void)
{
    /* Every word of the data says 3 MiB: any cut leaves such a trailer. */
    const size_t size = MiB(4);
    uint32_t *data = malloc(size);
    uint8_t *gz, *out;
    size_t gz_size, out_size, cut, i;

    CHECK(data);
    for ( i = 0; i < size / 4; i++ )
        put_le32((uint8_t *)&data[i], MiB(3));
    gz = gzip_bytes(data, size, 0, &gz_size);
    CHECK(gz);
    for ( cut = MiB(1); cut < MiB(1) + 8; cut++ )
        if ( gz[cut - 4] == 0 && gz[cut - 3] == 0 && gz[cut - 2] == 0x30 &&
             gz[cut - 1] == 0 )
            break;
    CHECK(cut < MiB(1) + 8);
    CHECK_ERR(xg_gunzip(gz, cut, MiB(8), &out, &out_size, test_err,
                        sizeof(test_err)),
              EINVAL, "truncated");
    CHECK_ERR(xg_gunzip(gz, 17, MiB(8), &out, &out_size, test_err,
                        sizeof(test_err)),
              EINVAL, "truncated");
    CHECK_ERR(xg_gunzip(gz, 1, MiB(8), &out, &out_size, test_err,
                        sizeof(test_err)),
              EINVAL, "not a gzip stream");
    free(gz);
    free(data);
    return NULL;
}

/* An honest bomb: its trailer says too much, so nothing is inflated. */
static const char *gzip_bomb(void)
{
    uint8_t *zeros = calloc(1, MiB(64)), *gz, *out;
    size_t gz_size, out_size;

    CHECK(zeros);
    gz = gzip_bytes(zeros, MiB(64), 9, &gz_size);
    free(zeros);
    CHECK(gz);
    CHECK(gz_size < MiB(1) / 8);
    CHECK_ERR(xg_gunzip(gz, gz_size, MiB(16), &out, &out_size, test_err,
                        sizeof(test_err)),
              EFBIG, "more than the 16777216 allowed");
    /* The kernel reader's own bound: the trailer says 4 GiB - 1. */
    put_le32(gz + gz_size - 4, 0xffffffff);
    CHECK_ERR(xg_arm_kernel_parse(gz, gz_size, &(struct xg_arm_kernel){ 0 },
                                  test_err, sizeof(test_err)),
              EFBIG, "trailer says");
    return NULL;
}

/* A lying bomb: small trailer, the stream goes on past the bound. */
static const char *gzip_bomb_lying(void)
{
    uint8_t *zeros = calloc(1, MiB(64)), *gz, *out;
    size_t gz_size, out_size;

    CHECK(zeros);
    gz = gzip_bytes(zeros, MiB(64), 9, &gz_size);
    free(zeros);
    CHECK(gz);
    put_le32(gz + gz_size - 4, 4096);
    CHECK_ERR(xg_gunzip(gz, gz_size, MiB(16), &out, &out_size, test_err,
                        sizeof(test_err)),
              EFBIG, "more than the 16777216 bytes allowed");
    /* Within the bound, a lying trailer is corruption. */
    CHECK_ERR(xg_gunzip(gz, gz_size, MiB(128), &out, &out_size, test_err,
                        sizeof(test_err)),
              EINVAL, "corrupt");
    free(gz);
    return NULL;
}

static const char *gzip_trailing_data(void)
{
    static const uint8_t data[1000];
    uint8_t *gz, *longer, *out;
    size_t gz_size, out_size;

    gz = gzip_bytes(data, sizeof(data), 6, &gz_size);
    CHECK(gz);
    longer = calloc(1, gz_size + 16);
    CHECK(longer);
    memcpy(longer, gz, gz_size);
    /* Keep a believable trailer at the very end. */
    memcpy(longer + gz_size + 12, gz + gz_size - 4, 4);
    CHECK_ERR(xg_gunzip(longer, gz_size + 16, MiB(1), &out, &out_size,
                        test_err, sizeof(test_err)),
              EINVAL, "16 bytes of trailing data");
    free(longer);
    free(gz);
    return NULL;
}

/* A gzip stream inflating to something that is not an Image. */
static const char *gzip_not_image(void)
{
    static const uint8_t data[4096] = "hello";
    uint8_t *gz;
    size_t gz_size;
    struct xg_arm_kernel k;

    gz = gzip_bytes(data, sizeof(data), 6, &gz_size);
    CHECK(gz);
    CHECK_ERR(xg_arm_kernel_parse(gz, gz_size, &k, test_err,
                                  sizeof(test_err)),
              ENOEXEC, "not an arm64 Image");
    CHECK(!k.data);
    return NULL;
}

static const char *read_file(void)
{
    static const char data[] = "kernel bytes";
    char path[PATH_MAX];
    uint8_t *got;
    size_t size;

    CHECK(!write_temp(path, data, sizeof(data)));
    CHECK_OK(xg_read_file(path, sizeof(data), &got, &size, test_err,
                          sizeof(test_err)));
    CHECK(size == sizeof(data) && !memcmp(got, data, size));
    free(got);
    CHECK_ERR(xg_read_file(path, sizeof(data) - 1, &got, &size, test_err,
                           sizeof(test_err)),
              EFBIG, "more than the");
    CHECK(!truncate(path, 0));
    CHECK_ERR(xg_read_file(path, 100, &got, &size, test_err,
                           sizeof(test_err)),
              EINVAL, "is empty");
    unlink(path);
    CHECK_ERR(xg_read_file(path, 100, &got, &size, test_err,
                           sizeof(test_err)),
              ENOENT, "cannot open");
    CHECK_ERR(xg_read_file("/tmp", 100, &got, &size, test_err,
                           sizeof(test_err)),
              EINVAL, "not a regular file");
    return NULL;
}

/* Errors go nowhere when the caller wants no sentence. */
static const char *no_err_buffer(void)
{
    struct xg_arm_image h;
    uint8_t junk[64] = { 0 };

    errno = 0;
    CHECK(xg_arm_image_parse(junk, sizeof(junk), &h, NULL, 0) == -1);
    CHECK(errno == ENOEXEC);
    return NULL;
}

static const char *debian_path(void)
{
    const char *path = getenv("DEBIAN_KERNEL");
    struct stat st;

    if ( !path || stat(path, &st) )
        return NULL;
    return path;
}

static const char *debian_kernel(void)
{
    const char *path = debian_path();
    struct xg_arm_kernel k;
    struct xg_arm_layout l;
    uint8_t *file;
    size_t size;

    if ( !path )
        return test_skip("no Debian kernel (run scripts/fetch-debian; "
                         "DEBIAN_KERNEL=%s)", getenv("DEBIAN_KERNEL") ?: "");
    CHECK_OK(xg_read_file(path, XG_KERNEL_MAX, &file, &size, test_err,
                          sizeof(test_err)));
    CHECK_OK(xg_arm_kernel_parse(file, size, &k, test_err, sizeof(test_err)));
    /* Debian's 6.1 arm64 kernels: 4K pages, text_offset 0, bss after. */
    CHECK(k.text_offset == 0);
    CHECK(k.page_size == 4096);
    CHECK(k.phys_anywhere);
    CHECK(k.mem_size > k.size);
    CHECK(k.size > MiB(8));
    CHECK_OK(xg_arm_place(MiB(512), &k, MiB(20), XG_DT_MAX, &l, test_err,
                          sizeof(test_err)));
    CHECK(l.kernel_base == GUEST_RAM0_BASE);
    CHECK(l.initrd_base == GUEST_RAM0_BASE + MiB(128));
    free(k.data);
    return NULL;
}

static const char *debian_kernel_gzip(void)
{
    const char *path = debian_path();
    struct xg_arm_kernel k;
    uint8_t *file, *gz;
    size_t size, gz_size;

    if ( !path )
        return test_skip("no Debian kernel (run scripts/fetch-debian)");
    CHECK_OK(xg_read_file(path, XG_KERNEL_MAX, &file, &size, test_err,
                          sizeof(test_err)));
    gz = gzip_bytes(file, size, 1, &gz_size);
    CHECK(gz);
    CHECK_OK(xg_arm_kernel_parse(gz, gz_size, &k, test_err,
                                 sizeof(test_err)));
    CHECK(k.was_gzip);
    CHECK(k.size == size);
    CHECK(!memcmp(k.data, file, size));
    free(k.data);
    free(file);
    return NULL;
}

const struct test_case kernel_cases[] = {
    TEST(image_good),
    TEST(image_flags),
    TEST(image_bad_magic),
    TEST(image_v0_branch),
    TEST(image_truncated),
    TEST(image_big_endian),
    TEST(image_size_zero),
    TEST(image_size_below_file),
    TEST(image_absurd),
    TEST(image_limits),
    TEST(kernel_zimage32),
    TEST(kernel_other_formats),
    TEST(gzip_good),
    TEST(gzip_stored),
    TEST(gzip_corrupt),
    TEST(gzip_truncated),
    TEST(gzip_bomb),
    TEST(gzip_bomb_lying),
    TEST(gzip_trailing_data),
    TEST(gzip_not_image),
    TEST(read_file),
    TEST(no_err_buffer),
    TEST(debian_kernel),
    TEST(debian_kernel_gzip),
};
const size_t nr_kernel_cases = ARRAY_SIZE(kernel_cases);
