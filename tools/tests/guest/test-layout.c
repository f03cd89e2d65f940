/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Placing kernel, initrd and device tree in guest RAM: Xen 4.17's three
 * choices, exact fits, too little RAM, two banks, and the device tree
 * kept off 2 MiB boundaries.
 */
#include "fixtures.h"
#include "tests.h"
#include "xg_arm.h"

#define KiB(x)  ((uint64_t)(x) << 10)
#define MiB(x)  ((uint64_t)(x) << 20)
#define GiB(x)  ((uint64_t)(x) << 30)
#define RAM     GUEST_RAM0_BASE

static struct xg_arm_kernel kernel(uint64_t text_offset, uint64_t mem_size)
{
    return (struct xg_arm_kernel) {
        .size = mem_size > KiB(64) ? mem_size - KiB(64) : mem_size,
        .text_offset = text_offset, .mem_size = mem_size,
    };
}

/* What every successful layout must satisfy, whatever the choice. */
static const char *sane(const struct xg_arm_layout *l,
                        const struct xg_arm_kernel *k, uint64_t initrd_size,
                        uint64_t dtb_size)
{
    uint64_t end0 = l->bank_base[0] + l->bank_size[0];
    uint64_t kern_top = (l->kernel_end + MiB(2) - 1) & ~(MiB(2) - 1);

    CHECK(l->kernel_base == RAM + k->text_offset);
    CHECK(l->kernel_end == l->kernel_base + k->mem_size);
    CHECK(l->kernel_end <= end0);
    CHECK(l->dtb_base % 8 == 0 && l->dtb_base % 4096 == 0);
    CHECK(l->dtb_base >> 21 == (l->dtb_base + dtb_size - 1) >> 21);
    CHECK(l->dtb_base >= RAM && l->dtb_base + dtb_size <= end0);
    /* Nothing overlaps the kernel with its 2 MiB rounding... */
    CHECK(l->dtb_base + dtb_size <= l->kernel_base || l->dtb_base >= kern_top);
    if ( initrd_size ) {
        CHECK(l->initrd_base % 4096 == 0);
        CHECK(l->initrd_base >= RAM && l->initrd_base + initrd_size <= end0);
        CHECK(l->initrd_base + initrd_size <= l->kernel_base ||
              l->initrd_base >= kern_top);
        /* ...nor each other. */
        CHECK(l->initrd_base + initrd_size <= l->dtb_base ||
              l->dtb_base + dtb_size <= l->initrd_base);
    } else {
        CHECK(l->initrd_base == 0);
    }
    return NULL;
}

#define CHECK_SANE(l, k, i, d) do {                                      \
    const char *why_ = sane(l, k, i, d);                                 \
    if ( why_ )                                                          \
        return test_fail("line %d: %s", __LINE__, why_);                 \
} while ( 0 )

/* Enough RAM: the modules at 128 MiB, initrd first. */
static const char *layout_at_128mib(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(30));
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(GiB(1), &k, MiB(20) + 1, KiB(64), &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, MiB(20) + 1, KiB(64));
    CHECK(l.nr_banks == 1);
    CHECK(l.bank_base[0] == RAM && l.bank_size[0] == GiB(1));
    CHECK(l.bank_size[1] == 0);
    CHECK(l.kernel_base == RAM);
    CHECK(l.initrd_base == RAM + MiB(128));
    CHECK(l.dtb_base == RAM + MiB(128) + MiB(20) + KiB(4));
    return NULL;
}

static const char *layout_no_initrd(void)
{
    struct xg_arm_kernel k = kernel(0x80000, MiB(12));
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(MiB(256), &k, 0, XG_DT_MAX, &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, 0, XG_DT_MAX);
    CHECK(l.kernel_base == RAM + 0x80000);
    CHECK(l.initrd_base == 0);
    CHECK(l.dtb_base == RAM + MiB(128));
    return NULL;
}

/* Less than 128 MiB + modules: at the top of RAM. */
static const char *layout_small_ram(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(10));
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(MiB(64), &k, MiB(4), KiB(64), &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, MiB(4), KiB(64));
    CHECK(l.initrd_base == RAM + MiB(64) - MiB(4) - KiB(64));
    CHECK(l.dtb_base == RAM + MiB(64) - KiB(64));
    /* A kernel reaching past 128 MiB also sends them to the top. */
    k = kernel(0, MiB(130));
    CHECK_OK(xg_arm_place(GiB(1), &k, MiB(4), KiB(64), &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, MiB(4), KiB(64));
    CHECK(l.dtb_base == RAM + GiB(1) - KiB(64));
    return NULL;
}

/* RAM that holds exactly the kernel (rounded to 2 MiB) and the modules. */
static const char *layout_exact_fit(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(1) + 1);
    uint64_t mem = MiB(2) + MiB(1) + KiB(64);
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(mem, &k, MiB(1), KiB(64), &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, MiB(1), KiB(64));
    CHECK(l.initrd_base == RAM + MiB(2));
    CHECK(l.dtb_base == RAM + MiB(3));
    CHECK_ERR(xg_arm_place(mem - KiB(4), &k, MiB(1), KiB(64), &l, test_err,
                           sizeof(test_err)),
              ENOMEM, "cannot hold the kernel");
    return NULL;
}

/* No room above the kernel: just below it, in its text_offset. */
static const char *layout_below_kernel(void)
{
    struct xg_arm_kernel k = kernel(0x80000, MiB(1));
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(MiB(2), &k, KiB(100), KiB(16), &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, KiB(100), KiB(16));
    CHECK(l.dtb_base == RAM + 0x80000 - KiB(16));
    CHECK(l.initrd_base == l.dtb_base - KiB(100));
    /* Exactly the text_offset's worth. */
    CHECK_OK(xg_arm_place(MiB(2), &k, KiB(512) - KiB(16), KiB(16), &l,
                          test_err, sizeof(test_err)));
    CHECK(l.initrd_base == RAM);
    CHECK_ERR(xg_arm_place(MiB(2), &k, KiB(512), KiB(16), &l, test_err,
                           sizeof(test_err)),
              ENOMEM, "cannot hold");
    return NULL;
}

static const char *layout_too_small(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(40));
    struct xg_arm_layout l;

    CHECK_ERR(xg_arm_place(MiB(32), &k, 0, KiB(64), &l, test_err,
                           sizeof(test_err)),
              ENOMEM, "the kernel needs 40960 KiB");
    CHECK_ERR(xg_arm_place(MiB(48), &k, MiB(8), KiB(64), &l, test_err,
                           sizeof(test_err)),
              ENOMEM, "cannot hold the kernel");
    CHECK_ERR(xg_arm_place(GiB(8), &k, GUEST_RAM0_SIZE + 1, KiB(64), &l,
                           test_err, sizeof(test_err)),
              ENOMEM, "initrd");
    /* Modules that only fit in the second bank do not: Xen's rule. */
    CHECK_ERR(xg_arm_place(GiB(8), &k, GUEST_RAM0_SIZE - MiB(8), KiB(64), &l,
                           test_err, sizeof(test_err)),
              ENOMEM, "cannot hold");
    return NULL;
}

static const char *layout_two_banks(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(30));
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(GiB(4), &k, MiB(64), XG_DT_MAX, &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, MiB(64), XG_DT_MAX);
    CHECK(l.nr_banks == 2);
    CHECK(l.bank_base[0] == GUEST_RAM0_BASE);
    CHECK(l.bank_size[0] == GUEST_RAM0_SIZE);
    CHECK(l.bank_base[1] == GUEST_RAM1_BASE);
    CHECK(l.bank_size[1] == GiB(4) - GUEST_RAM0_SIZE);
    CHECK(l.initrd_base == RAM + MiB(128));
    /* Exactly one bank's worth is one bank. */
    CHECK_OK(xg_arm_place(GUEST_RAM0_SIZE, &k, 0, XG_DT_MAX, &l, test_err,
                          sizeof(test_err)));
    CHECK(l.nr_banks == 1);
    /* All the map holds. */
    CHECK_OK(xg_arm_place(GUEST_RAM0_SIZE + GUEST_RAM1_SIZE, &k, 0,
                          XG_DT_MAX, &l, test_err, sizeof(test_err)));
    CHECK(l.bank_size[1] == GUEST_RAM1_SIZE);
    return NULL;
}

/* The initrd ends just short of a 2 MiB boundary: the tree moves up. */
static const char *layout_dtb_moves_up(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(30));
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(GiB(1), &k, MiB(2) - KiB(8), KiB(64), &l,
                          test_err, sizeof(test_err)));
    CHECK_SANE(&l, &k, MiB(2) - KiB(8), KiB(64));
    CHECK(l.initrd_base == RAM + MiB(128));
    CHECK(l.dtb_base == RAM + MiB(130));
    return NULL;
}

/* At the top of RAM that ends off a 2 MiB boundary: all move down. */
static const char *layout_dtb_moves_down(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(10));
    struct xg_arm_layout l;

    CHECK_OK(xg_arm_place(MiB(64) + KiB(32), &k, MiB(1), KiB(64), &l,
                          test_err, sizeof(test_err)));
    CHECK_SANE(&l, &k, MiB(1), KiB(64));
    CHECK(l.dtb_base == RAM + MiB(64) - KiB(64));
    CHECK(l.initrd_base == RAM + MiB(63) - KiB(64));
    /* No initrd: the tree alone. */
    CHECK_OK(xg_arm_place(MiB(64) + KiB(32), &k, 0, KiB(64), &l, test_err,
                          sizeof(test_err)));
    CHECK_SANE(&l, &k, 0, KiB(64));
    CHECK(l.dtb_base == RAM + MiB(64) - KiB(64));
    /* Neither way has room: the kernel right below, RAM right above. */
    k = kernel(0, MiB(2));
    CHECK_ERR(xg_arm_place(MiB(4) + KiB(32), &k, MiB(2) - KiB(32), KiB(64),
                           &l, test_err, sizeof(test_err)),
              ENOMEM, "2 MiB boundary");
    return NULL;
}

static const char *layout_bad_args(void)
{
    struct xg_arm_kernel k = kernel(0, MiB(10));
    struct xg_arm_kernel bad;
    struct xg_arm_layout l;

    CHECK_ERR(xg_arm_place(0, &k, 0, KiB(64), &l, test_err,
                           sizeof(test_err)),
              EINVAL, "pages");
    CHECK_ERR(xg_arm_place(MiB(64) + 1, &k, 0, KiB(64), &l, test_err,
                           sizeof(test_err)),
              EINVAL, "pages");
    CHECK_ERR(xg_arm_place(GUEST_RAM0_SIZE + GUEST_RAM1_SIZE + KiB(4), &k, 0,
                           KiB(64), &l, test_err, sizeof(test_err)),
              EINVAL, "more than the guest memory map holds");
    CHECK_ERR(xg_arm_place(MiB(64), &k, 0, 0, &l, test_err,
                           sizeof(test_err)),
              EINVAL, "device tree");
    CHECK_ERR(xg_arm_place(MiB(64), &k, 0, XG_DT_LIMIT + 1, &l, test_err,
                           sizeof(test_err)),
              EINVAL, "device tree");
    bad = kernel(MiB(2), MiB(1));
    CHECK_ERR(xg_arm_place(MiB(64), &bad, 0, KiB(64), &l, test_err,
                           sizeof(test_err)),
              EINVAL, "impossible kernel");
    bad = kernel(0, MiB(1));
    bad.size = MiB(2);
    CHECK_ERR(xg_arm_place(MiB(64), &bad, 0, KiB(64), &l, test_err,
                           sizeof(test_err)),
              EINVAL, "impossible kernel");
    bad = kernel(0, ~0ULL);
    CHECK_ERR(xg_arm_place(MiB(64), &bad, 0, KiB(64), &l, test_err,
                           sizeof(test_err)),
              EINVAL, "impossible kernel");
    CHECK_ERR(xg_arm_place(MiB(64), &k, ~0ULL, KiB(64), &l, test_err,
                           sizeof(test_err)),
              ENOMEM, "initrd");
    return NULL;
}

/* Many sizes against the invariants, every choice taken somewhere. */
static const char *layout_sweep(void)
{
    static const uint64_t mems[] = {
        MiB(2), MiB(3), MiB(16), MiB(64) + KiB(36), MiB(129), MiB(160),
        GiB(3), GiB(5),
    };
    static const uint64_t initrds[] = {
        0, 1, KiB(4), MiB(1) - KiB(4), MiB(2) - KiB(60), MiB(7) + 3, MiB(100),
    };
    static const uint64_t dtbs[] = { 1, KiB(4), KiB(64) + 8, MiB(2) };
    static const uint64_t kernels[] = { KiB(100), MiB(1), MiB(20), MiB(126) };
    size_t a, b, c, d, placed = 0;

    for ( a = 0; a < ARRAY_SIZE(mems); a++ )
        for ( b = 0; b < ARRAY_SIZE(initrds); b++ )
            for ( c = 0; c < ARRAY_SIZE(dtbs); c++ )
                for ( d = 0; d < ARRAY_SIZE(kernels) * 2; d++ ) {
                    struct xg_arm_kernel k =
                        kernel(d % 2 ? 0x80000 : 0, kernels[d / 2]);
                    struct xg_arm_layout l;

                    errno = 0;
                    if ( xg_arm_place(mems[a], &k, initrds[b], dtbs[c], &l,
                                      test_err, sizeof(test_err)) ) {
                        if ( errno != ENOMEM )
                            return test_fail("mem %llu initrd %llu dtb %llu: "
                                             "%s",
                                             (unsigned long long)mems[a],
                                             (unsigned long long)initrds[b],
                                             (unsigned long long)dtbs[c],
                                             test_err);
                        continue;
                    }
                    placed++;
                    CHECK_SANE(&l, &k, initrds[b], dtbs[c]);
                }
    CHECK(placed > 100);
    return NULL;
}

const struct test_case layout_cases[] = {
    TEST(layout_at_128mib),
    TEST(layout_no_initrd),
    TEST(layout_small_ram),
    TEST(layout_exact_fit),
    TEST(layout_below_kernel),
    TEST(layout_too_small),
    TEST(layout_two_banks),
    TEST(layout_dtb_moves_up),
    TEST(layout_dtb_moves_down),
    TEST(layout_bad_args),
    TEST(layout_sweep),
};
const size_t nr_layout_cases = ARRAY_SIZE(layout_cases);
