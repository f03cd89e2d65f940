/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's device tree, read back with libfdt node by node and
 * property by property against what Xen 4.17's libxl writes, decompiled
 * by dtc, and refused when its parameters are impossible.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libfdt.h>

#include "fixtures.h"
#include "tests.h"
#include "xg_arm.h"

#define MiB(x)      ((uint64_t)(x) << 20)
#define GiB(x)      ((uint64_t)(x) << 30)
#define PHANDLE     65000
/* A GIC PPI for all CPUs, level-low, as three cells. */
#define PPI(n)      1, (n) - 16, 0xf08

static uint8_t blob[XG_DT_MAX];

static const uint8_t seed[128] = { 0xa5, 1, 2, 3 };

/* A guest of nr_vcpus, 1 GiB (or mem), an initrd and a command line. */
static struct xg_arm_layout layout_for(uint64_t mem)
{
    struct xg_arm_kernel k = {
        .size = MiB(30), .mem_size = MiB(32), .text_offset = 0,
    };
    struct xg_arm_layout l;

    if ( xg_arm_place(mem, &k, MiB(20), XG_DT_MAX, &l, NULL, 0) )
        abort();
    return l;
}

static struct xg_arm_dt_params params(unsigned int nr_vcpus,
                                      const struct xg_arm_layout *l)
{
    return (struct xg_arm_dt_params) {
        .nr_vcpus = nr_vcpus, .layout = l, .initrd_size = MiB(20) - 5,
        .bootargs = "console=hvc0 root=/dev/ram0",
        .xen_major = 4, .xen_minor = 17,
        .rng_seed = seed, .rng_seed_size = sizeof(seed),
    };
}

/* The property's value, checked to be exactly len bytes long. */
static const void *prop(const char *path, const char *name, int len)
{
    int node = fdt_path_offset(blob, path), got;
    const void *v;

    if ( node < 0 )
        return NULL;
    v = fdt_getprop(blob, node, name, &got);
    return v && got == len ? v : NULL;
}

static bool has_node(const char *path)
{
    return fdt_path_offset(blob, path) >= 0;
}

static bool has_prop(const char *path, const char *name)
{
    int node = fdt_path_offset(blob, path);

    return node >= 0 && fdt_getprop(blob, node, name, NULL);
}

static bool str_is(const char *path, const char *name, const char *want)
{
    const char *v = prop(path, name, strlen(want) + 1);

    return v && !strcmp(v, want);
}

/* A string list, given as one string with \0 between the strings. */
static bool list_is(const char *path, const char *name, const char *want,
                    size_t len)
{
    const char *v = prop(path, name, len);

    return v && !memcmp(v, want, len);
}

static bool cells_are(const char *path, const char *name, unsigned int n,
                      ...)
{
    const fdt32_t *v = prop(path, name, n * 4);
    va_list ap;
    unsigned int i;
    bool same = v != NULL;

    va_start(ap, n);
    for ( i = 0; i < n; i++ ) {
        uint32_t want = va_arg(ap, uint32_t);

        if ( same && fdt32_to_cpu(v[i]) != want )
            same = false;
    }
    va_end(ap);
    return same;
}

static bool u32_is(const char *path, const char *name, uint32_t want)
{
    return cells_are(path, name, 1, want);
}

static bool u64_is(const char *path, const char *name, uint64_t want)
{
    return cells_are(path, name, 2, (uint32_t)(want >> 32), (uint32_t)want);
}

/* "reg" of (base, size) pairs with two cells each. */
static bool regs_are(const char *path, unsigned int n, ...)
{
    const fdt32_t *v = prop(path, "reg", n * 16);
    va_list ap;
    unsigned int i;
    bool same = v != NULL;

    va_start(ap, n);
    for ( i = 0; i < 2 * n; i++ ) {
        uint64_t want = va_arg(ap, uint64_t);

        if ( same && ((uint64_t)fdt32_to_cpu(v[2 * i]) << 32 |
                      fdt32_to_cpu(v[2 * i + 1])) != want )
            same = false;
    }
    va_end(ap);
    return same;
}

static int nr_subnodes(const char *path)
{
    int node = fdt_path_offset(blob, path), sub, n = 0;

    fdt_for_each_subnode(sub, blob, node)
        n++;
    return n;
}

static const char *dt_root_chosen(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(4, &l);

    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(fdt_check_header(blob) == 0);
    CHECK(fdt_totalsize(blob) <= sizeof(blob));
    CHECK(fdt_num_mem_rsv(blob) == 0);
    CHECK(str_is("/", "model", "XENVM-4.17"));
    CHECK(list_is("/", "compatible", "xen,xenvm-4.17\0xen,xenvm", 25));
    CHECK(u32_is("/", "interrupt-parent", PHANDLE));
    CHECK(u32_is("/", "#address-cells", 2));
    CHECK(u32_is("/", "#size-cells", 2));
    CHECK(str_is("/chosen", "bootargs", "console=hvc0 root=/dev/ram0"));
    CHECK(u64_is("/chosen", "linux,initrd-start", l.initrd_base));
    CHECK(u64_is("/chosen", "linux,initrd-end", l.initrd_base + MiB(20) - 5));
    CHECK(prop("/chosen", "rng-seed", 128));
    CHECK(!memcmp(prop("/chosen", "rng-seed", 128), seed, 128));
    /* The root's nodes, in libxl's order. */
    CHECK(nr_subnodes("/") == 7);
    CHECK(fdt_first_subnode(blob, 0) == fdt_path_offset(blob, "/chosen"));
    return NULL;
}

static const char *dt_cpus_psci(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(4, &l);
    char path[32];
    unsigned int i;

    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(u32_is("/cpus", "#address-cells", 1));
    CHECK(u32_is("/cpus", "#size-cells", 0));
    CHECK(nr_subnodes("/cpus") == 4);
    for ( i = 0; i < 4; i++ ) {
        snprintf(path, sizeof(path), "/cpus/cpu@%u", i);
        CHECK(str_is(path, "device_type", "cpu"));
        CHECK(str_is(path, "compatible", "arm,armv8"));
        CHECK(str_is(path, "enable-method", "psci"));
        CHECK(u32_is(path, "reg", i));
    }
    CHECK(list_is("/psci", "compatible",
                  "arm,psci-1.0\0arm,psci-0.2\0arm,psci", 35));
    CHECK(str_is("/psci", "method", "hvc"));
    CHECK(u32_is("/psci", "cpu_off", 1));
    CHECK(u32_is("/psci", "cpu_on", 2));
    return NULL;
}

/* MPIDR affinity: Aff0 = n & 0xf, Aff1 = n >> 4. */
static const char *dt_many_vcpus(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(GUEST_MAX_VCPUS, &l);

    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(nr_subnodes("/cpus") == GUEST_MAX_VCPUS);
    CHECK(u32_is("/cpus/cpu@f", "reg", 0xf));
    CHECK(u32_is("/cpus/cpu@100", "reg", 0x100));
    CHECK(u32_is("/cpus/cpu@101", "reg", 0x101));
    CHECK(u32_is("/cpus/cpu@70f", "reg", 0x70f));
    CHECK(!has_node("/cpus/cpu@10"));
    return NULL;
}

static const char *dt_memory_gic_timer(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(2, &l);
    const char *gic = "/interrupt-controller@3001000";

    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(str_is("/memory@40000000", "device_type", "memory"));
    CHECK(regs_are("/memory@40000000", 1, GUEST_RAM0_BASE, GiB(1)));
    CHECK(!has_node("/memory@200000000"));

    CHECK(str_is(gic, "compatible", "arm,gic-v3"));
    CHECK(u32_is(gic, "#interrupt-cells", 3));
    CHECK(u32_is(gic, "#address-cells", 0));
    CHECK(prop(gic, "interrupt-controller", 0));
    CHECK(regs_are(gic, 2, GUEST_GICV3_GICD_BASE, GUEST_GICV3_GICD_SIZE,
                   GUEST_GICV3_GICR0_BASE, GUEST_GICV3_GICR0_SIZE));
    CHECK(u32_is(gic, "phandle", PHANDLE));
    CHECK(u32_is(gic, "linux,phandle", PHANDLE));

    CHECK(str_is("/timer", "compatible", "arm,armv8-timer"));
    CHECK(cells_are("/timer", "interrupts", 9, PPI(GUEST_TIMER_PHYS_S_PPI),
                    PPI(GUEST_TIMER_PHYS_NS_PPI), PPI(GUEST_TIMER_VIRT_PPI)));
    CHECK(cells_are("/timer", "interrupts", 9, 1, 13, 0xf08, 1, 14, 0xf08,
                    1, 11, 0xf08));
    CHECK(u32_is("/timer", "interrupt-parent", PHANDLE));
    CHECK(!has_prop("/timer", "clock-frequency"));
    return NULL;
}

static const char *dt_hypervisor_node(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(1, &l);

    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(list_is("/hypervisor", "compatible", "xen,xen-4.17\0xen,xen", 21));
    CHECK(regs_are("/hypervisor", 1, GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE));
    CHECK(cells_are("/hypervisor", "interrupts", 3, PPI(GUEST_EVTCHN_PPI)));
    CHECK(cells_are("/hypervisor", "interrupts", 3, 1, 15, 0xf08));
    CHECK(u32_is("/hypervisor", "interrupt-parent", PHANDLE));
    /* Versions are numbers, not characters. */
    p.xen_major = 10;
    p.xen_minor = 123;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(list_is("/hypervisor", "compatible", "xen,xen-10.123\0xen,xen",
                  23));
    CHECK(str_is("/", "model", "XENVM-10.123"));
    return NULL;
}

static const char *dt_two_banks_ext_regions(void)
{
    struct xg_arm_layout l = layout_for(GiB(4) + MiB(3));
    struct xg_arm_dt_params p = params(1, &l);
    struct xg_arm_hw hw;
    uint64_t r1 = GUEST_RAM1_BASE + MiB(4);

    xg_arm_hw_default(&hw);
    hw.gpaddr_bits = 40;
    hw.clock_frequency = 62500000;
    p.hw = &hw;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(regs_are("/memory@40000000", 1, GUEST_RAM0_BASE, GUEST_RAM0_SIZE));
    CHECK(regs_are("/memory@200000000", 1, GUEST_RAM1_BASE,
                   GiB(1) + MiB(3)));
    /* Bank 0 is full: only bank 1's rest, from the next 2 MiB, to 1 TiB. */
    CHECK(regs_are("/hypervisor", 2, GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE,
                   r1 + GiB(1), (1ULL << 40) - (r1 + GiB(1))));
    CHECK(u32_is("/timer", "clock-frequency", 62500000));

    /* One bank of 512 MiB and 36 bits: both regions. */
    l = layout_for(MiB(512));
    hw.gpaddr_bits = 36;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(regs_are("/hypervisor", 3, GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE,
                   GUEST_RAM0_BASE + MiB(512),
                   GUEST_RAM0_SIZE - MiB(512),
                   GUEST_RAM1_BASE, (1ULL << 36) - GUEST_RAM1_BASE));
    /* Regions under 64 MiB are not offered. */
    l = layout_for(GUEST_RAM0_SIZE - MiB(62));
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(regs_are("/hypervisor", 2, GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE,
                   GUEST_RAM1_BASE, (1ULL << 36) - GUEST_RAM1_BASE));
    l = layout_for(GUEST_RAM0_SIZE - MiB(64));
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(regs_are("/hypervisor", 3, GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE,
                   GUEST_RAM0_BASE + GUEST_RAM0_SIZE - MiB(64), MiB(64),
                   GUEST_RAM1_BASE, (1ULL << 36) - GUEST_RAM1_BASE));
    /* 33 bits reach only bank 0: nothing of bank 1. */
    l = layout_for(MiB(512));
    hw.gpaddr_bits = 33;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(regs_are("/hypervisor", 2, GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE,
                   GUEST_RAM0_BASE + MiB(512), GUEST_RAM0_SIZE - MiB(512)));
    return NULL;
}

static const char *dt_minimal(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(1, &l);

    p.bootargs = NULL;
    p.initrd_size = 0;
    p.rng_seed = NULL;
    p.rng_seed_size = 0;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(has_node("/chosen"));
    CHECK(!has_prop("/chosen", "bootargs"));
    CHECK(!has_prop("/chosen", "linux,initrd-start"));
    CHECK(!has_prop("/chosen", "linux,initrd-end"));
    CHECK(!has_prop("/chosen", "rng-seed"));
    return NULL;
}

/* The largest tree we make fits XG_DT_MAX with room to spare. */
static const char *dt_largest(void)
{
    struct xg_arm_layout l = layout_for(GiB(8));
    struct xg_arm_dt_params p = params(GUEST_MAX_VCPUS, &l);
    struct xg_arm_hw hw;
    char *args = malloc(2048);

    CHECK(args);
    memset(args, 'a', 2047);
    args[2047] = '\0';
    xg_arm_hw_default(&hw);
    hw.gpaddr_bits = 48;
    hw.clock_frequency = 1;
    p.hw = &hw;
    p.bootargs = args;
    p.rng_seed_size = XG_RNG_SEED_MAX;
    p.rng_seed = (const uint8_t *)args;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    free(args);
    CHECK(fdt_totalsize(blob) < 32 << 10);
    return NULL;
}

/* dtc reads it back without complaint; its output is what we wrote. */
static const char *dt_dtc(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(2, &l);
    char path[PATH_MAX], cmd[PATH_MAX + 64], line[512], first[512] = "";
    bool saw_hypervisor = false, saw_cpu1 = false;
    unsigned int warnings = 0;
    FILE *out;
    int status;

    if ( system("command -v dtc >/dev/null 2>&1") )
        return test_skip("dtc is not installed (device-tree-compiler)");
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(!write_temp(path, blob, fdt_totalsize(blob)));
    snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts %s 2>&1", path);
    out = popen(cmd, "r");
    CHECK(out);
    while ( fgets(line, sizeof(line), out) ) {
        /*
         * libxl's node names: /hypervisor has reg but no unit address,
         * as Linux's Xen binding asks.  Any other warning matters.
         */
        if ( strstr(line, "Warning") &&
             !(strstr(line, "/hypervisor") && strstr(line, "unit_address")) &&
             !warnings++ )
            snprintf(first, sizeof(first), "%s", line);
        if ( strstr(line, "hypervisor {") )
            saw_hypervisor = true;
        if ( strstr(line, "cpu@1 {") )
            saw_cpu1 = true;
    }
    status = pclose(out);
    unlink(path);
    CHECK(status == 0);
    if ( warnings )
        return test_fail("%u dtc warnings, the first: %s", warnings, first);
    CHECK(saw_hypervisor && saw_cpu1);
    return NULL;
}

static const char *dt_bootargs_too_long(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(1, &l);
    char *args = malloc(XG_DT_MAX + 100);

    CHECK(args);
    memset(args, 'x', XG_DT_MAX + 99);
    args[XG_DT_MAX + 99] = '\0';
    p.bootargs = args;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              E2BIG, "command line is longer than the 65536 bytes");
    /* Shorter than the buffer, but not with the rest of the tree. */
    args[XG_DT_MAX - 200] = '\0';
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              ENOSPC, "does not fit in 65536 bytes");
    free(args);
    return NULL;
}

static const char *dt_small_buffer(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(8, &l);
    size_t size;

    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    size = fdt_totalsize(blob);
    /* Exactly its size is enough; one byte less is not, at any node. */
    CHECK_OK(xg_arm_dt_write(blob, size, &p, test_err, sizeof(test_err)));
    CHECK_ERR(xg_arm_dt_write(blob, size - 1, &p, test_err,
                              sizeof(test_err)),
              ENOSPC, "does not fit");
    CHECK_ERR(xg_arm_dt_write(blob, 300, &p, test_err, sizeof(test_err)),
              ENOSPC, "does not fit in 300 bytes");
    /* Not even libfdt's header (bootargs would be refused first). */
    p.bootargs = NULL;
    CHECK_ERR(xg_arm_dt_write(blob, 8, &p, test_err, sizeof(test_err)),
              ENOSPC, "does not fit in 8 bytes");
    CHECK_ERR(xg_arm_dt_write(NULL, 8, &p, test_err, sizeof(test_err)),
              EINVAL, "no buffer");
    return NULL;
}

static const char *dt_bad_vcpus(void)
{
    struct xg_arm_layout l = layout_for(GiB(1));
    struct xg_arm_dt_params p = params(GUEST_MAX_VCPUS + 1, &l);
    struct xg_arm_hw hw;

    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "129 vCPUs: a guest has 1 to 128");
    p.nr_vcpus = 0;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "0 vCPUs");
    /* A redistributor region too small for them. */
    xg_arm_hw_default(&hw);
    hw.gicr_size = 4 * GUEST_GICV3_RDIST_STRIDE;
    p.hw = &hw;
    p.nr_vcpus = 5;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "redistributor");
    p.nr_vcpus = 4;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    return NULL;
}

static const char *dt_bad_params(void)
{
    struct xg_arm_layout l = layout_for(GiB(1)), bad;
    struct xg_arm_dt_params p = params(1, &l);
    struct xg_arm_hw hw;

    xg_arm_hw_default(&hw);
    p.hw = &hw;
    hw.evtchn_ppi = 32;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "PPIs");
    hw.evtchn_ppi = 15;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "PPIs");
    xg_arm_hw_default(&hw);
    hw.gnttab_size = 0;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "grant-table");
    xg_arm_hw_default(&hw);
    hw.gpaddr_bits = 65;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "address bits");
    xg_arm_hw_default(&hw);
    p.rng_seed_size = XG_RNG_SEED_MAX + 1;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "RNG seed");
    p = params(1, &l);
    p.layout = NULL;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "no memory layout");
    bad = l;
    bad.nr_banks = 3;
    p.layout = &bad;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "3 RAM banks");
    bad = l;
    bad.bank_base[0] = 0;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "not in the guest memory map");
    bad = l;
    bad.initrd_base = 0;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "no place for it");
    bad = l;
    bad.initrd_base = ~0ULL - 4;
    CHECK_ERR(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                              sizeof(test_err)),
              EINVAL, "an initrd of");
    return NULL;
}

/* Kernel, layout and tree together, as the builder chains them. */
static const char *dt_build_chain(void)
{
    uint8_t *img = make_image(MiB(5), 0, MiB(6), IMG_4K | IMG_ANYWHERE), *gz;
    struct xg_arm_kernel k;
    struct xg_arm_layout l;
    struct xg_arm_dt_params p;
    size_t gz_size;

    CHECK(img);
    gz = gzip_bytes(img, MiB(5), 6, &gz_size);
    free(img);
    CHECK(gz);
    CHECK_OK(xg_arm_kernel_parse(gz, gz_size, &k, test_err,
                                 sizeof(test_err)));
    CHECK_OK(xg_arm_place(MiB(96), &k, MiB(7) + 1, XG_DT_MAX, &l, test_err,
                          sizeof(test_err)));
    p = params(3, &l);
    p.initrd_size = MiB(7) + 1;
    CHECK_OK(xg_arm_dt_write(blob, sizeof(blob), &p, test_err,
                             sizeof(test_err)));
    CHECK(l.kernel_base == GUEST_RAM0_BASE);
    CHECK(l.dtb_base + fdt_totalsize(blob) <= GUEST_RAM0_BASE + MiB(96));
    CHECK(u64_is("/chosen", "linux,initrd-end", l.initrd_base + MiB(7) + 1));
    CHECK(l.initrd_base + MiB(7) + 1 <= l.dtb_base);
    free(k.data);
    return NULL;
}

const struct test_case dt_cases[] = {
    TEST(dt_root_chosen),
    TEST(dt_cpus_psci),
    TEST(dt_many_vcpus),
    TEST(dt_memory_gic_timer),
    TEST(dt_hypervisor_node),
    TEST(dt_two_banks_ext_regions),
    TEST(dt_minimal),
    TEST(dt_largest),
    TEST(dt_dtc),
    TEST(dt_bootargs_too_long),
    TEST(dt_small_buffer),
    TEST(dt_bad_vcpus),
    TEST(dt_bad_params),
    TEST(dt_build_chain),
};
const size_t nr_dt_cases = ARRAY_SIZE(dt_cases);
