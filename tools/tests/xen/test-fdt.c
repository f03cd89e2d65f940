/* xen-sources: common/fdt.c common/fdt_write.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests of the device tree reader and writer (xen/common/fdt*.c).
 *
 * Blobs come from two places: the writer itself (build_sample(), always
 * available) and dtc compiling tools/tests/xen/fdt/qemu-virt.dts at run
 * time; cases that need dtc say so and pass vacuously when it is missing.
 * Every blob under test sits in a malloc()ed buffer of exactly its size, so
 * that ASan catches any read or write past it.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xen/fdt.h>

#include "harness.h"

#define HDR(blob, f) \
    fdt_be32_load((const uint8_t *)(blob) + offsetof(struct fdt_header, f))
#define SET_HDR(blob, f, v) \
    fdt_be32_store((uint8_t *)(blob) + offsetof(struct fdt_header, f), (v))

/* ------------------------------------------------------------------ */
/* Helpers: files and dtc                                               */

static void *dup_blob(const void *blob, size_t size)
{
    void *copy = malloc(size ? size : 1);

    if ( !copy )
        abort();
    memcpy(copy, blob, size);
    return copy;
}

static void *read_file(const char *path, size_t *sizep)
{
    FILE *f = fopen(path, "rb");
    long size;
    void *buf;

    if ( !f )
        return NULL;
    if ( fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
         fseek(f, 0, SEEK_SET) )
    {
        fclose(f);
        return NULL;
    }
    buf = malloc(size ? size : 1);
    if ( !buf || fread(buf, 1, size, f) != (size_t)size )
    {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *sizep = size;
    return buf;
}

static int write_file(const char *path, const void *buf, size_t size)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if ( !f )
        return -1;
    ok = fwrite(buf, 1, size, f) == size;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int have_dtc(void)
{
    static int cached = -1;

    if ( cached < 0 )
        cached = system("command -v dtc >/dev/null 2>&1") == 0;
    return cached;
}

static void skip(const char *why)
{
    fprintf(stderr, "  SKIP: %s\n", why);
}

/* A temporary file name; the caller unlinks it. */
static void tmp_name(char *buf, size_t size, const char *tag)
{
    const char *dir = getenv("TMPDIR");
    int fd;

    snprintf(buf, size, "%s/test-fdt-%s-XXXXXX", dir ? dir : "/tmp", tag);
    fd = mkstemp(buf);
    if ( fd < 0 )
        abort();
    close(fd);
}

/* Run dtc; on failure show what it said. */
static int run_dtc(const char *args)
{
    char cmd[1024], err[256];
    size_t len;
    char *msg;
    int rc;

    tmp_name(err, sizeof(err), "err");
    snprintf(cmd, sizeof(cmd), "dtc %s 2>%s", args, err);
    rc = system(cmd);
    if ( rc )
    {
        msg = read_file(err, &len);
        fprintf(stderr, "  `%s` failed (%d): %.*s\n", cmd, rc,
                msg ? (int)len : 0, msg ? msg : "");
        free(msg);
    }
    unlink(err);
    return rc;
}

/*
 * Path of a file under tools/tests/xen/fdt/, wherever the test runs from:
 * $FDT_TEST_DATA, next to this source (make runs us from its directory),
 * or relative to the binary in the default build/host-tests/.
 */
static int data_path(char *buf, size_t size, const char *name)
{
    const char *env = getenv("FDT_TEST_DATA");
    const char *file = __FILE__, *slash = strrchr(file, '/');
    char src_dir[512], exe[512], exe_dir[600];
    const char *candidates[4];
    unsigned int i, nr = 0;
    ssize_t len;

    if ( env )
        candidates[nr++] = env;
    snprintf(src_dir, sizeof(src_dir), "%.*sfdt",
             slash ? (int)(slash - file + 1) : 0, file);
    candidates[nr++] = src_dir;
    candidates[nr++] = "tools/tests/xen/fdt";
    len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if ( len > 0 )
    {
        exe[len] = '\0';
        slash = strrchr(exe, '/');
        snprintf(exe_dir, sizeof(exe_dir), "%.*s/../../tools/tests/xen/fdt",
                 slash ? (int)(slash - exe) : 0, exe);
        candidates[nr++] = exe_dir;
    }

    for ( i = 0; i < nr; i++ )
    {
        snprintf(buf, size, "%s/%s", candidates[i], name);
        if ( access(buf, R_OK) == 0 )
            return 0;
    }
    fprintf(stderr, "  cannot find test data %s (set FDT_TEST_DATA)\n", name);
    return -1;
}

/*
 * The blob dtc makes of fdt/<name> with extra options @opts, or NULL (with
 * a message) if it cannot.
 */
static void *compile_dts(const char *name, const char *opts, size_t *sizep)
{
    char src[600], out[256], args[1024];
    void *blob;

    if ( !have_dtc() )
    {
        skip("dtc not installed; case not run");
        return NULL;
    }
    if ( data_path(src, sizeof(src), name) )
    {
        harness_failures++;
        return NULL;
    }
    tmp_name(out, sizeof(out), "dtb");
    snprintf(args, sizeof(args), "-q -I dts -O dtb %s -o %s %s", opts, out,
             src);
    blob = run_dtc(args) ? NULL : read_file(out, sizep);
    unlink(out);
    if ( !blob )
        harness_failures++;
    return blob;
}

static void *load_virt(size_t *sizep)
{
    void *blob = compile_dts("qemu-virt.dts", "", sizep);

    if ( blob && fdt_check(blob, *sizep) )
    {
        fprintf(stderr, "  dtc's blob fails fdt_check()\n");
        harness_failures++;
        free(blob);
        blob = NULL;
    }
    return blob;
}

/* ------------------------------------------------------------------ */
/* Helpers: a sample tree built with the writer                        */

/*
 * Runs writer calls until the first error, and checks after each failing
 * call that the buffer is exactly as before it (so a caller may give up
 * cleanly, or retry with something smaller).
 */
struct builder {
    void *buf;
    size_t size;
    uint8_t *snap;
    int err;
};

#define STEP(b, call)                                                      \
    do {                                                                   \
        if ( (b)->err )                                                    \
            break;                                                         \
        memcpy((b)->snap, (b)->buf, (b)->size);                            \
        (b)->err = (call);                                                 \
        if ( (b)->err )                                                    \
            CHECK(!memcmp((b)->snap, (b)->buf, (b)->size));                \
    } while ( 0 )

static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2";
static const char pl011_compat[] = "arm,pl011\0arm,primecell";
static const char xen_compat[] = "xen,xen-4.19\0xen,xen";

/*
 * A dom0-like tree using every writer entry point; returns the first
 * error.  Kept in step with the checks in test writer_roundtrip.
 */
static int build_sample(struct builder *b)
{
    void *fdt = b->buf, *val = NULL;

    STEP(b, fdt_create(fdt, b->size));
    STEP(b, fdt_add_mem_rsv(fdt, 0x48000000, 0x100000));
    STEP(b, fdt_add_mem_rsv(fdt, 0x8000000000ULL, 0x1000));
    STEP(b, fdt_finish_mem_rsv(fdt));

    STEP(b, fdt_begin_node(fdt, ""));
    STEP(b, fdt_property_u32(fdt, "#address-cells", 2));
    STEP(b, fdt_property_u32(fdt, "#size-cells", 2));
    STEP(b, fdt_property_string(fdt, "compatible", "linux,dummy-virt"));
    STEP(b, fdt_property_string(fdt, "model", "linux,dummy-virt"));
    STEP(b, fdt_property_u32(fdt, "interrupt-parent", 0x8002));

    STEP(b, fdt_begin_node(fdt, "chosen"));
    STEP(b, fdt_property_string(fdt, "bootargs", "console=hvc0 earlycon"));
    STEP(b, fdt_property_string(fdt, "stdout-path", "serial0:115200n8"));
    STEP(b, fdt_property_u64(fdt, "linux,initrd-start", 0x48000000));
    STEP(b, fdt_property_u64(fdt, "linux,initrd-end", 0x480fffffULL));
    STEP(b, fdt_property_u64(fdt, "kaslr-seed", 0x0123456789abcdefULL));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "aliases"));
    STEP(b, fdt_property_string(fdt, "serial0", "/pl011@9000000"));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "memory@40000000"));
    STEP(b, fdt_property_string(fdt, "device_type", "memory"));
    /* Two banks, assembled in place. */
    STEP(b, fdt_property_placeholder(fdt, "reg", 32, &val));
    if ( !b->err )
    {
        CHECK(!fdt_write_cells((uint8_t *)val, 2, 0x40000000));
        CHECK(!fdt_write_cells((uint8_t *)val + 8, 2, 0x20000000));
        CHECK(!fdt_write_cells((uint8_t *)val + 16, 2, 0x100000000ULL));
        CHECK(!fdt_write_cells((uint8_t *)val + 24, 2, 0x80000000));
    }
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "intc@8000000"));
    STEP(b, fdt_property_string(fdt, "compatible", "arm,gic-v3"));
    STEP(b, fdt_property_cells(fdt, "#interrupt-cells", 1, 3));
    STEP(b, fdt_property(fdt, "interrupt-controller", NULL, 0));
    STEP(b, fdt_property_cells(fdt, "reg", 8, 0, 0x8000000, 0, 0x10000,
                               0, 0x80a0000, 0, 0xf60000));
    STEP(b, fdt_property_u32(fdt, "phandle", 0x8002));
    STEP(b, fdt_property_u32(fdt, "#address-cells", 2));
    STEP(b, fdt_property_u32(fdt, "#size-cells", 2));
    STEP(b, fdt_property(fdt, "ranges", NULL, 0));
    STEP(b, fdt_begin_node(fdt, "its@8080000"));
    STEP(b, fdt_property_string(fdt, "compatible", "arm,gic-v3-its"));
    STEP(b, fdt_property_reg(fdt, 2, 2, 0x8080000, 0x20000));
    STEP(b, fdt_property_u32(fdt, "phandle", 0x8003));
    STEP(b, fdt_property(fdt, "msi-controller", NULL, 0));
    STEP(b, fdt_end_node(fdt));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "pl011@9000000"));
    STEP(b, fdt_property(fdt, "compatible", pl011_compat,
                         sizeof(pl011_compat)));
    STEP(b, fdt_property_reg(fdt, 2, 2, 0x9000000, 0x1000));
    STEP(b, fdt_property_cells(fdt, "interrupts", 3, 0, 1, 4));
    STEP(b, fdt_property_cells(fdt, "clocks", 2, 0x8000, 0x8000));
    STEP(b, fdt_property(fdt, "clock-names", "uartclk\0apb_pclk", 17));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "cpus"));
    STEP(b, fdt_property_u32(fdt, "#address-cells", 1));
    STEP(b, fdt_property_u32(fdt, "#size-cells", 0));
    STEP(b, fdt_begin_node(fdt, "cpu@0"));
    STEP(b, fdt_property_string(fdt, "device_type", "cpu"));
    STEP(b, fdt_property_string(fdt, "compatible", "arm,cortex-a57"));
    STEP(b, fdt_property_reg(fdt, 1, 0, 0, 0));
    STEP(b, fdt_property_string(fdt, "enable-method", "psci"));
    STEP(b, fdt_end_node(fdt));
    STEP(b, fdt_begin_node(fdt, "cpu@1"));
    STEP(b, fdt_property_string(fdt, "device_type", "cpu"));
    STEP(b, fdt_property_string(fdt, "compatible", "arm,cortex-a57"));
    STEP(b, fdt_property_reg(fdt, 1, 0, 1, 0));
    STEP(b, fdt_property_string(fdt, "enable-method", "psci"));
    STEP(b, fdt_end_node(fdt));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "psci"));
    STEP(b, fdt_property(fdt, "compatible", psci_compat,
                         sizeof(psci_compat)));
    STEP(b, fdt_property_string(fdt, "method", "hvc"));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "hypervisor"));
    STEP(b, fdt_property(fdt, "compatible", xen_compat, sizeof(xen_compat)));
    STEP(b, fdt_property_reg(fdt, 2, 2, 0x38000000, 0x1000000));
    STEP(b, fdt_property_cells(fdt, "interrupts", 3, 1, 15, 0xf08));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "soc"));
    STEP(b, fdt_property_string(fdt, "compatible", "simple-bus"));
    STEP(b, fdt_property_u32(fdt, "#address-cells", 1));
    STEP(b, fdt_property_u32(fdt, "#size-cells", 1));
    STEP(b, fdt_property_cells(fdt, "ranges", 3, 0, 0x10000000, 0x1000000));
    STEP(b, fdt_begin_node(fdt, "sram@1000"));
    STEP(b, fdt_property_reg(fdt, 1, 1, 0x1000, 0x100));
    STEP(b, fdt_property_cells(fdt, "empty-cells", 0));
    STEP(b, fdt_end_node(fdt));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_begin_node(fdt, "apb-pclk"));
    STEP(b, fdt_property_string(fdt, "compatible", "fixed-clock"));
    STEP(b, fdt_property_u32(fdt, "#clock-cells", 0));
    STEP(b, fdt_property_u32(fdt, "clock-frequency", 24000000));
    STEP(b, fdt_property_u32(fdt, "phandle", 0x8000));
    STEP(b, fdt_end_node(fdt));

    STEP(b, fdt_end_node(fdt));
    STEP(b, fdt_finish(fdt));

    return b->err;
}

/* The sample tree in a buffer of exactly its size. */
static void *sample_blob(size_t *sizep)
{
    struct builder b = { .size = 16384 };
    void *blob;

    b.buf = malloc(b.size);
    b.snap = malloc(b.size);
    if ( !b.buf || !b.snap )
        abort();
    CHECK_EQ(build_sample(&b), 0);
    *sizep = fdt_totalsize(b.buf);
    blob = dup_blob(b.buf, *sizep);
    free(b.buf);
    free(b.snap);
    CHECK_EQ(fdt_check(blob, *sizep), 0);
    return blob;
}

/* ------------------------------------------------------------------ */
/* Helpers: comparing, copying and exhaustively walking trees           */

static int path_node(const void *fdt, const char *path)
{
    int node = fdt_path_offset(fdt, path);

    if ( node < 0 )
        fprintf(stderr, "  no node %s (%d)\n", path, node);
    return node;
}

/* Same nodes, properties (in order) and reservations? */
static bool trees_equal(const void *a, const void *b)
{
    int na, nb, da = 0, db = 0, pa, pb, la, lb, i, n;
    const char *name_a, *name_b;
    const void *va, *vb;
    paddr_t aa, sa, ab, sb;

    n = fdt_num_mem_rsv(a);
    if ( n < 0 || n != fdt_num_mem_rsv(b) )
        return false;
    for ( i = 0; i < n; i++ )
        if ( fdt_get_mem_rsv(a, i, &aa, &sa) ||
             fdt_get_mem_rsv(b, i, &ab, &sb) || aa != ab || sa != sb )
            return false;

    for ( na = fdt_next_node(a, -1, &da), nb = fdt_next_node(b, -1, &db);
          na >= 0 && nb >= 0;
          na = fdt_next_node(a, na, &da), nb = fdt_next_node(b, nb, &db) )
    {
        name_a = fdt_node_name(a, na, &la);
        name_b = fdt_node_name(b, nb, &lb);
        if ( da != db || !name_a || !name_b || strcmp(name_a, name_b) )
        {
            fprintf(stderr, "  node %s differs from %s\n",
                    name_a ? name_a : "?", name_b ? name_b : "?");
            return false;
        }

        for ( pa = fdt_first_property(a, na), pb = fdt_first_property(b, nb);
              pa >= 0 && pb >= 0;
              pa = fdt_next_property(a, pa), pb = fdt_next_property(b, pb) )
        {
            va = fdt_property_at(a, pa, &name_a, &la);
            vb = fdt_property_at(b, pb, &name_b, &lb);
            if ( !va || !vb || strcmp(name_a, name_b) || la != lb ||
                 memcmp(va, vb, la) )
            {
                fprintf(stderr, "  property %s differs from %s\n",
                        va ? name_a : "?", vb ? name_b : "?");
                return false;
            }
        }
        if ( pa != -ENOENT || pb != -ENOENT )
            return false;
    }

    return na == -ENOENT && nb == -ENOENT;
}

/*
 * Copy @src into a writer buffer: the pattern a dom0 builder follows,
 * minus its filtering.  A node at depth d closes every open node deeper
 * than d - 1 before it opens.
 */
static int copy_tree(void *fdt, const void *src)
{
    int node, depth = 0, open = 0, prop, len, rc, i, n;
    const char *name;
    const void *val;
    paddr_t addr, size;

    n = fdt_num_mem_rsv(src);
    if ( n < 0 )
        return n;
    for ( i = 0; i < n; i++ )
        if ( (rc = fdt_get_mem_rsv(src, i, &addr, &size)) ||
             (rc = fdt_add_mem_rsv(fdt, addr, size)) )
            return rc;

    for ( node = fdt_next_node(src, -1, &depth); node >= 0;
          node = fdt_next_node(src, node, &depth) )
    {
        for ( ; open > depth; open-- )
            if ( (rc = fdt_end_node(fdt)) )
                return rc;

        name = fdt_node_name(src, node, &len);
        if ( !name )
            return len;
        if ( (rc = fdt_begin_node(fdt, name)) )
            return rc;
        open++;

        for ( prop = fdt_first_property(src, node); prop >= 0;
              prop = fdt_next_property(src, prop) )
        {
            val = fdt_property_at(src, prop, &name, &len);
            if ( !val )
                return len;
            if ( (rc = fdt_property(fdt, name, val, len)) )
                return rc;
        }
        if ( prop != -ENOENT )
            return prop;
    }
    if ( node != -ENOENT )
        return node;

    for ( ; open; open-- )
        if ( (rc = fdt_end_node(fdt)) )
            return rc;

    return fdt_finish(fdt);
}

static volatile unsigned int sink;

/* Read every byte of a value, so that ASan vets the length we were given. */
static void touch(const void *p, int len)
{
    const uint8_t *b = p;
    int i;

    for ( i = 0; i < len; i++ )
        sink += b[i];
}

/*
 * Call every reader function on every node and property of a blob that
 * may be corrupt.  For a corrupt blob, results may legitimately be errors;
 * what is checked is that walks make progress and end, and that what is
 * returned lies in the blob (ASan and the range checks).  For a blob that
 * passes fdt_check(), no walk may meet an error: the check must have
 * caught everything the readers would trip over.
 */
static void walk_everything(const uint8_t *fdt, size_t bufsize)
{
    const unsigned int max_steps = bufsize / 4 + 2;
    const bool valid = !fdt_check(fdt, bufsize);
    const char *paths[] = {
        "/", "/chosen", "/intc/its", "/cpus/cpu@1", "serial0", "/a/b/c",
        "/memory", "serial0/x", "//soc//sram@1000/",
    };
    int node, prev = -1, depth = 0, prop, len, sub, i, rc;
    unsigned int steps = 0, prop_steps, sub_steps;
    const char *name;
    const void *val;
    paddr_t addr, size;
    uint32_t u32;

    for ( node = fdt_next_node(fdt, -1, &depth); node >= 0;
          node = fdt_next_node(fdt, node, &depth) )
    {
        if ( ++steps > max_steps || node <= prev )
        {
            CHECK(!"node walk does not progress");
            return;
        }
        prev = node;

        name = fdt_node_name(fdt, node, &len);
        CHECK(name || !valid);
        if ( name )
        {
            CHECK((const uint8_t *)name > fdt &&
                  (const uint8_t *)name + len < fdt + bufsize);
            CHECK_EQ(strlen(name), len);
        }

        prop_steps = 0;
        for ( prop = fdt_first_property(fdt, node); prop >= 0;
              prop = fdt_next_property(fdt, prop) )
        {
            if ( ++prop_steps > max_steps )
            {
                CHECK(!"property walk does not end");
                return;
            }
            val = fdt_property_at(fdt, prop, &name, &len);
            CHECK(val || !valid);
            if ( val )
            {
                CHECK(len >= 0 && (const uint8_t *)val + len <= fdt + bufsize);
                touch(val, len);
                sink += strlen(name);
            }
        }
        CHECK(prop == -ENOENT || !valid);

        sub_steps = 0;
        for ( sub = fdt_first_subnode(fdt, node); sub >= 0;
              sub = fdt_next_subnode(fdt, sub) )
            if ( ++sub_steps > max_steps )
            {
                CHECK(!"subnode walk does not end");
                return;
            }
        CHECK(sub == -ENOENT || !valid);

        val = fdt_getprop(fdt, node, "compatible", &len);
        if ( val )
            touch(val, len);
        sink += fdt_node_is_compatible(fdt, node, "arm,pl011");
        name = fdt_getprop_string(fdt, node, "device_type", &len);
        if ( name )
            CHECK_EQ(strlen(name), len);
        sink += fdt_getprop_u32(fdt, node, "phandle", &u32);
        sink += fdt_get_phandle(fdt, node);
        rc = fdt_parent_offset(fdt, node);
        CHECK(rc >= 0 || (rc == -ENOENT && steps == 1) || !valid);
        sink += fdt_address_cells(fdt, node) + fdt_size_cells(fdt, node);
        for ( i = 0; i < 8; i++ )
            if ( fdt_get_reg(fdt, node, i, &addr, &size) )
                break;
    }
    CHECK(node == -ENOENT || !valid);
    CHECK(steps > 0 || !valid);

    for ( i = 0; i < (int)(sizeof(paths) / sizeof(paths[0])); i++ )
        sink += fdt_path_offset(fdt, paths[i]);

    steps = 0;
    for ( node = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a57");
          node >= 0;
          node = fdt_node_offset_by_compatible(fdt, node, "arm,cortex-a57") )
        if ( ++steps > max_steps )
        {
            CHECK(!"compatible walk does not end");
            return;
        }

    sink += fdt_node_offset_by_phandle(fdt, 0x8003);
    rc = fdt_num_mem_rsv(fdt);
    CHECK(rc >= 0 || !valid);
    for ( i = 0; i < rc; i++ )
        CHECK_EQ(fdt_get_mem_rsv(fdt, i, &addr, &size), 0);
}

/* ------------------------------------------------------------------ */
/* Reader: header validation                                            */

TEST(check_header)
{
    size_t size;
    uint8_t *good = sample_blob(&size), *blob, *big;
    uint32_t total = size, off_struct = HDR(good, off_dt_struct);
    uint32_t off_strings = HDR(good, off_dt_strings);

    CHECK_EQ(fdt_check(good, size), 0);
    CHECK_EQ(fdt_totalsize(good), size);
    CHECK_EQ(HDR(good, version), 17);
    CHECK_EQ(HDR(good, last_comp_version), 16);
    CHECK_EQ(HDR(good, boot_cpuid_phys), 0);

    /* A larger buffer is fine; a smaller one is not. */
    big = malloc(size + 100);
    memcpy(big, good, size);
    CHECK_EQ(fdt_check(big, size + 100), 0);
    CHECK_EQ(fdt_check(good, size - 1), -EINVAL);
    CHECK_EQ(fdt_check(good, 0), -EINVAL);
    CHECK_EQ(fdt_check(NULL, size), -EINVAL);
    /* Misaligned blobs are refused (cell pointers must be aligned). */
    memmove(big + 1, big, size);
    CHECK_EQ(fdt_check(big + 1, size), -EINVAL);
    free(big);

#define BAD_HDR(field, value)                                              \
    do {                                                                   \
        blob = dup_blob(good, size);                                       \
        SET_HDR(blob, field, value);                                       \
        CHECK_EQ(fdt_check(blob, size), -EINVAL);                          \
        CHECK_EQ(fdt_path_offset(blob, "/chosen") < 0, 1);                 \
        walk_everything(blob, size);                                       \
        free(blob);                                                        \
    } while ( 0 )

    BAD_HDR(magic, 0xfeedd00d);
    BAD_HDR(magic, 0);
    BAD_HDR(version, 15);
    BAD_HDR(version, 1);
    BAD_HDR(last_comp_version, 18);
    BAD_HDR(totalsize, 8);
    BAD_HDR(totalsize, 0xffffffff);
    BAD_HDR(off_dt_struct, total + 4);
    BAD_HDR(off_dt_struct, 0xfffffffc);
    BAD_HDR(off_dt_struct, 8);           /* inside the header */
    BAD_HDR(off_dt_struct, off_struct + 2);  /* misaligned */
    BAD_HDR(size_dt_struct, total);
    BAD_HDR(size_dt_struct, 0xffffffff);
    BAD_HDR(off_dt_strings, total + 1);
    BAD_HDR(off_dt_strings, 0xffffffff);
    BAD_HDR(size_dt_strings, total - off_strings + 1);
    BAD_HDR(size_dt_strings, 0xffffffff);
    BAD_HDR(off_mem_rsvmap, total);
    BAD_HDR(off_mem_rsvmap, 0xfffffff8);
    BAD_HDR(off_mem_rsvmap, 44);         /* misaligned */
    BAD_HDR(off_mem_rsvmap, off_struct); /* inside the struct block */
    BAD_HDR(off_mem_rsvmap, 0);
    /* The strings block starting inside the struct block. */
    BAD_HDR(off_dt_strings, off_struct + 8);
    /* The struct block reaching into the strings block. */
    BAD_HDR(size_dt_struct, off_strings - off_struct + 4);
#undef BAD_HDR

    /* Version 16 has no size_dt_struct; it ends where the strings begin. */
    blob = dup_blob(good, size);
    SET_HDR(blob, version, 16);
    SET_HDR(blob, size_dt_struct, 0xdeadbeef);
    CHECK_EQ(fdt_check(blob, size), 0);
    CHECK(fdt_path_offset(blob, "/intc/its") > 0);
    free(blob);

    free(good);
}

TEST(check_truncated)
{
    size_t size, len;
    uint8_t *good = sample_blob(&size), *blob;

    for ( len = 0; len < size; len++ )
    {
        /* As is: the header claims more than the buffer holds. */
        blob = dup_blob(good, len);
        CHECK_EQ(fdt_check(blob, len), -EINVAL);
        free(blob);

        /* With a header made to agree, the blocks no longer fit. */
        if ( len < sizeof(struct fdt_header) )
            continue;
        blob = dup_blob(good, len);
        SET_HDR(blob, totalsize, len);
        CHECK_EQ(fdt_check(blob, len), -EINVAL);
        walk_everything(blob, len);
        free(blob);
    }

    free(good);
}

/* ------------------------------------------------------------------ */
/* Reader: the QEMU virt tree                                           */

TEST(virt_paths)
{
    size_t size;
    void *fdt = load_virt(&size);
    int root, chosen, uart, node, len;
    const char *str;

    if ( !fdt )
        return;

    root = fdt_path_offset(fdt, "/");
    CHECK(root >= 0);
    str = fdt_node_name(fdt, root, &len);
    CHECK(str && !strcmp(str, "") && len == 0);

    chosen = path_node(fdt, "/chosen");
    CHECK(chosen > root);
    str = fdt_node_name(fdt, chosen, &len);
    CHECK(str && !strcmp(str, "chosen") && len == 6);
    str = fdt_getprop_string(fdt, chosen, "stdout-path", &len);
    CHECK(str && !strcmp(str, "/pl011@9000000") && len == 14);

    /* The stdout-path leads to the UART, with or without unit address. */
    uart = path_node(fdt, str);
    CHECK(uart > 0);
    CHECK_EQ(fdt_path_offset(fdt, "/pl011"), uart);
    CHECK_EQ(fdt_path_offset(fdt, "/pl011@9000000/"), uart);
    CHECK_EQ(fdt_path_offset(fdt, "//pl011@9000000"), uart);
    CHECK_EQ(fdt_path_offset(fdt, "/pl011@9000001"), -ENOENT);
    CHECK_EQ(fdt_path_offset(fdt, "/pl01"), -ENOENT);
    CHECK_EQ(fdt_path_offset(fdt, "/pl011@"), -ENOENT);
    CHECK_EQ(fdt_path_offset(fdt, "/nonexistent"), -ENOENT);
    CHECK_EQ(fdt_path_offset(fdt, "/chosen/nonexistent"), -ENOENT);
    CHECK_EQ(fdt_path_offset(fdt, ""), -EINVAL);
    CHECK_EQ(fdt_path_offset(fdt, NULL), -EINVAL);

    /* Nested, mixing forms. */
    node = path_node(fdt, "/intc@8000000/its@8080000");
    CHECK(node > 0);
    CHECK_EQ(fdt_path_offset(fdt, "/intc/its"), node);
    CHECK_EQ(fdt_path_offset(fdt, "/intc@8000000/its"), node);
    CHECK_EQ(fdt_path_offset(fdt, "/its"), -ENOENT);
    node = path_node(fdt, "/cpus/cpu-map/socket0/cluster0/core0");
    CHECK(node > 0);

    /* Without a unit address, the first "memory@..." wins. */
    CHECK_EQ(fdt_path_offset(fdt, "/memory"),
             fdt_path_offset(fdt, "/memory@40000000"));

    /* Aliases, alone, with a subpath, and cut short by _namelen. */
    CHECK_EQ(fdt_path_offset(fdt, "serial0"), uart);
    node = fdt_path_offset(fdt, "/intc/its");
    CHECK_EQ(fdt_path_offset(fdt, "gic/its"), node);
    CHECK_EQ(fdt_path_offset_namelen(fdt, "serial0:115200n8", 7), uart);
    CHECK_EQ(fdt_path_offset_namelen(fdt, "/chosenXYZ", 7), chosen);
    CHECK_EQ(fdt_path_offset(fdt, "serial1"), -ENOENT);

    free(fdt);
}

TEST(virt_compatible_and_reg)
{
    size_t size;
    void *fdt = load_virt(&size);
    int uart, gic, its, flash, node, count;
    paddr_t addr, rsize;

    if ( !fdt )
        return;

    uart = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
    CHECK_EQ(uart, fdt_path_offset(fdt, "/pl011@9000000"));
    CHECK(fdt_node_is_compatible(fdt, uart, "arm,primecell"));
    CHECK(!fdt_node_is_compatible(fdt, uart, "arm,pl01"));
    CHECK(!fdt_node_is_compatible(fdt, uart, "arm,pl0111"));
    CHECK(!fdt_node_is_compatible(fdt, uart, ""));
    CHECK_EQ(fdt_node_offset_by_compatible(fdt, uart, "arm,pl011"), -ENOENT);
    CHECK_EQ(fdt_get_reg(fdt, uart, 0, &addr, &rsize), 0);
    CHECK_EQ(addr, 0x9000000);
    CHECK_EQ(rsize, 0x1000);
    CHECK_EQ(fdt_get_reg(fdt, uart, 1, &addr, &rsize), -ENOENT);

    /* The GICv3: distributor and redistributor regions. */
    gic = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
    CHECK_EQ(gic, fdt_path_offset(fdt, "/intc@8000000"));
    CHECK_EQ(fdt_get_reg(fdt, gic, 0, &addr, &rsize), 0);
    CHECK_EQ(addr, 0x8000000);
    CHECK_EQ(rsize, 0x10000);
    CHECK_EQ(fdt_get_reg(fdt, gic, 1, &addr, NULL), 0);
    CHECK_EQ(addr, 0x80a0000);
    CHECK_EQ(fdt_get_reg(fdt, gic, 1, NULL, &rsize), 0);
    CHECK_EQ(rsize, 0xf60000);
    CHECK_EQ(fdt_get_reg(fdt, gic, 2, &addr, &rsize), -ENOENT);
    CHECK(fdt_getprop(fdt, gic, "interrupt-controller", &count) &&
          count == 0);

    its = fdt_node_offset_by_compatible(fdt, gic, "arm,gic-v3-its");
    CHECK_EQ(its, fdt_first_subnode(fdt, gic));
    CHECK_EQ(fdt_get_reg(fdt, its, 0, &addr, &rsize), 0);
    CHECK_EQ(addr, 0x8080000);
    CHECK_EQ(rsize, 0x20000);

    flash = fdt_node_offset_by_compatible(fdt, -1, "cfi-flash");
    CHECK_EQ(fdt_get_reg(fdt, flash, 0, &addr, &rsize), 0);
    CHECK(addr == 0 && rsize == 0x4000000);
    CHECK_EQ(fdt_get_reg(fdt, flash, 1, &addr, &rsize), 0);
    CHECK(addr == 0x4000000 && rsize == 0x4000000);

    /* Walking by compatible finds each match once, in order. */
    count = 0;
    for ( node = fdt_node_offset_by_compatible(fdt, -1, "arm,primecell");
          node >= 0;
          node = fdt_node_offset_by_compatible(fdt, node, "arm,primecell") )
        count++;
    CHECK_EQ(node, -ENOENT);
    CHECK_EQ(count, 3); /* pl061, pl031, pl011 */
    count = 0;
    for ( node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio");
          node >= 0;
          node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio") )
        count++;
    CHECK_EQ(count, 2);
    /* The root itself is a candidate. */
    CHECK_EQ(fdt_node_offset_by_compatible(fdt, -1, "linux,dummy-virt"),
             fdt_path_offset(fdt, "/"));

    free(fdt);
}

TEST(virt_memory)
{
    size_t size;
    void *fdt = load_virt(&size);
    paddr_t banks[4][2], addr, rsize;
    int node, nr = 0, len;
    const char *type;

    if ( !fdt )
        return;

    for ( node = fdt_next_node(fdt, -1, NULL); node >= 0;
          node = fdt_next_node(fdt, node, NULL) )
    {
        type = fdt_getprop_string(fdt, node, "device_type", &len);
        if ( !type || strcmp(type, "memory") )
            continue;
        CHECK(nr < 4);
        CHECK_EQ(fdt_get_reg(fdt, node, 0, &banks[nr][0], &banks[nr][1]), 0);
        nr++;
    }
    CHECK_EQ(node, -ENOENT);
    CHECK_EQ(nr, 2);
    CHECK(banks[0][0] == 0x40000000 && banks[0][1] == 0x40000000);
    CHECK(banks[1][0] == 0x100000000ULL && banks[1][1] == 0x20000000);

    CHECK_EQ(fdt_num_mem_rsv(fdt), 1);
    CHECK_EQ(fdt_get_mem_rsv(fdt, 0, &addr, &rsize), 0);
    CHECK(addr == 0x48000000 && rsize == 0x100000);
    CHECK_EQ(fdt_get_mem_rsv(fdt, 1, &addr, &rsize), -ENOENT);

    free(fdt);
}

TEST(virt_cells)
{
    size_t size;
    void *fdt = load_virt(&size);
    int root, cpus, cpu, bus, sram, part, dev, pcie;
    paddr_t addr, rsize;

    if ( !fdt )
        return;

    root = fdt_path_offset(fdt, "/");
    CHECK_EQ(fdt_address_cells(fdt, root), 2);
    CHECK_EQ(fdt_size_cells(fdt, root), 2);

    /* cpus: 1 address cell, no size: reg is the MPIDR. */
    cpus = path_node(fdt, "/cpus");
    CHECK_EQ(fdt_address_cells(fdt, cpus), 1);
    CHECK_EQ(fdt_size_cells(fdt, cpus), 0);
    cpu = path_node(fdt, "/cpus/cpu@0");
    CHECK_EQ(fdt_get_reg(fdt, cpu, 0, &addr, &rsize), 0);
    CHECK(addr == 0 && rsize == 0);

    /* A 1/1-cell bus. */
    bus = path_node(fdt, "/platform-bus");
    CHECK_EQ(fdt_address_cells(fdt, bus), 1);
    CHECK_EQ(fdt_size_cells(fdt, bus), 1);
    sram = path_node(fdt, "/platform-bus/sram@1000");
    CHECK_EQ(fdt_get_reg(fdt, sram, 0, &addr, &rsize), 0);
    CHECK(addr == 0x1000 && rsize == 0x100);

    /*
     * sram has no #address-cells: its children get the defaults 2/1, not
     * the bus's 1/1.  And so on down: partition has none either.
     */
    CHECK_EQ(fdt_address_cells(fdt, sram), 2);
    CHECK_EQ(fdt_size_cells(fdt, sram), 1);
    part = path_node(fdt, "/platform-bus/sram/partition");
    dev = path_node(fdt, "/platform-bus/sram/partition/dev@2");
    CHECK_EQ(fdt_address_cells(fdt, part), 2);
    CHECK_EQ(fdt_get_reg(fdt, dev, 0, &addr, &rsize), 0);
    CHECK(addr == 2 && rsize == 0x10);
    /* partition has no reg at all. */
    CHECK_EQ(fdt_get_reg(fdt, part, 0, &addr, &rsize), -ENOENT);

    /* PCI's 3 address cells are beyond fdt_get_reg; its own reg is not. */
    pcie = path_node(fdt, "/pcie@10000000");
    CHECK_EQ(fdt_address_cells(fdt, pcie), 3);
    CHECK_EQ(fdt_get_reg(fdt, pcie, 0, &addr, &rsize), 0);
    CHECK(addr == 0x4010000000ULL && rsize == 0x10000000);
    /* The root has no parent whose cells could apply. */
    CHECK_EQ(fdt_get_reg(fdt, root, 0, &addr, &rsize), -ENOENT);

    free(fdt);
}

TEST(virt_phandle_and_parent)
{
    size_t size;
    void *fdt = load_virt(&size);
    int root, gic, its, cluster, core, cpus;
    uint32_t val;

    if ( !fdt )
        return;

    root = fdt_path_offset(fdt, "/");
    gic = path_node(fdt, "/intc");
    its = path_node(fdt, "/intc/its");
    CHECK_EQ(fdt_get_phandle(fdt, gic), 0x8002);
    CHECK_EQ(fdt_get_phandle(fdt, root), 0);
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, 0x8002), gic);
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, 0x8003), its);
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, 0x1234), -ENOENT);
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, 0), -EINVAL);
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, ~0U), -EINVAL);

    /* interrupt-parent resolves to the GIC. */
    CHECK_EQ(fdt_getprop_u32(fdt, root, "interrupt-parent", &val), 0);
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, val), gic);

    CHECK_EQ(fdt_parent_offset(fdt, its), gic);
    CHECK_EQ(fdt_parent_offset(fdt, gic), root);
    CHECK_EQ(fdt_parent_offset(fdt, root), -ENOENT);
    cluster = path_node(fdt, "/cpus/cpu-map/socket0/cluster0");
    core = path_node(fdt, "/cpus/cpu-map/socket0/cluster0/core0");
    CHECK_EQ(fdt_parent_offset(fdt, core), cluster);
    /* cpu@0 follows the deep cpu-map subtree. */
    cpus = path_node(fdt, "/cpus");
    CHECK_EQ(fdt_parent_offset(fdt, fdt_path_offset(fdt, "/cpus/cpu@0")),
             cpus);
    /* Offsets that are no node. */
    CHECK_EQ(fdt_parent_offset(fdt, gic + 4), -EINVAL);
    CHECK_EQ(fdt_parent_offset(fdt, -1), -EINVAL);
    CHECK_EQ(fdt_parent_offset(fdt, 0x7ffffff0), -EINVAL);

    free(fdt);
}

TEST(virt_iteration)
{
    static const char *const cpus_subtree[] = {
        "cpu-map", "socket0", "cluster0", "core0", "cpu@0",
    };
    static const char *const gic_props[] = {
        "phandle", "interrupts", "reg", "#redistributor-regions",
        "compatible", "ranges", "#size-cells", "#address-cells",
        "interrupt-controller", "#interrupt-cells",
    };
    size_t size;
    void *fdt = load_virt(&size);
    int root, node, depth, prop, len, count;
    unsigned int i;
    const char *name, *first = NULL, *last = NULL;

    if ( !fdt )
        return;

    /* The root's children, in order. */
    root = fdt_path_offset(fdt, "/");
    count = 0;
    for ( node = fdt_first_subnode(fdt, root); node >= 0;
          node = fdt_next_subnode(fdt, node) )
    {
        name = fdt_node_name(fdt, node, &len);
        if ( !count )
            first = name;
        last = name;
        count++;
    }
    CHECK_EQ(node, -ENOENT);
    CHECK_EQ(count, 20);
    CHECK(first && !strcmp(first, "aliases"));
    CHECK(last && !strcmp(last, "chosen"));

    /* A subtree walk with depth visits exactly the subtree. */
    node = fdt_path_offset(fdt, "/cpus");
    depth = 0;
    for ( i = 0; (node = fdt_next_node(fdt, node, &depth)) >= 0; i++ )
    {
        CHECK(i < sizeof(cpus_subtree) / sizeof(cpus_subtree[0]));
        if ( i >= sizeof(cpus_subtree) / sizeof(cpus_subtree[0]) )
            break;
        name = fdt_node_name(fdt, node, NULL);
        CHECK(name && !strcmp(name, cpus_subtree[i]));
    }
    CHECK_EQ(i, 5);
    CHECK_EQ(node, -ENOENT);
    CHECK_EQ(depth, -1);

    /* Leaves and the last node have no subnodes / next siblings. */
    CHECK_EQ(fdt_first_subnode(fdt, fdt_path_offset(fdt, "/pmu")), -ENOENT);
    CHECK_EQ(fdt_next_subnode(fdt, fdt_path_offset(fdt, "/chosen")),
             -ENOENT);
    CHECK_EQ(fdt_next_subnode(fdt, fdt_path_offset(fdt, "/intc/its")),
             -ENOENT);

    /* Properties in blob order, with names and lengths. */
    node = fdt_path_offset(fdt, "/intc");
    i = 0;
    for ( prop = fdt_first_property(fdt, node); prop >= 0;
          prop = fdt_next_property(fdt, prop), i++ )
    {
        CHECK(fdt_property_at(fdt, prop, &name, &len) != NULL);
        CHECK(i < sizeof(gic_props) / sizeof(gic_props[0]));
        if ( i < sizeof(gic_props) / sizeof(gic_props[0]) )
            CHECK(!strcmp(name, gic_props[i]));
        if ( !strcmp(name, "reg") )
            CHECK_EQ(len, 32);
    }
    CHECK_EQ(prop, -ENOENT);
    CHECK_EQ(i, sizeof(gic_props) / sizeof(gic_props[0]));
    /* A node with subnodes but no properties. */
    node = fdt_path_offset(fdt, "/cpus/cpu-map");
    CHECK_EQ(fdt_first_property(fdt, node), -ENOENT);
    /* Handles of the wrong kind. */
    CHECK_EQ(fdt_first_property(fdt, fdt_first_property(fdt, root)),
             -EINVAL);
    CHECK_EQ(fdt_next_property(fdt, root), -EINVAL);
    CHECK(!fdt_property_at(fdt, root, &name, &len));
    CHECK_EQ(len, -EINVAL);
    CHECK(!fdt_node_name(fdt, fdt_first_property(fdt, root), &len));
    CHECK_EQ(len, -EINVAL);
    CHECK_EQ(fdt_next_node(fdt, root + 2, NULL), -EINVAL);
    CHECK_EQ(fdt_next_node(fdt, (int)size, NULL), -EINVAL);

    free(fdt);
}

/* What else dtc can emit: version 16, padding, a boot CPU, no /memreserve/. */
TEST(virt_dtc_variants)
{
    static const char *const opts[] = {
        "-V 16", "-p 4096", "-S 8192 -a 64", "-b 3", "-V 16 -p 100",
    };
    size_t size, var_size;
    void *fdt = load_virt(&size), *var;
    unsigned int i;

    if ( !fdt )
        return;

    for ( i = 0; i < sizeof(opts) / sizeof(opts[0]); i++ )
    {
        var = compile_dts("qemu-virt.dts", opts[i], &var_size);
        if ( !var )
            continue;
        CHECK_EQ(fdt_check(var, var_size), 0);
        CHECK(trees_equal(fdt, var));
        CHECK(fdt_path_offset(var, "serial0") > 0);
        walk_everything(var, var_size);
        free(var);
    }

    free(fdt);
}

TEST(getprop_helpers)
{
    size_t size;
    void *fdt = sample_blob(&size);
    int chosen, cpus, psci, len;
    uint32_t val = 0xdead;
    const char *str;

    chosen = path_node(fdt, "/chosen");
    cpus = path_node(fdt, "/cpus");
    psci = path_node(fdt, "/psci");

    CHECK_EQ(fdt_getprop_u32(fdt, cpus, "#address-cells", &val), 0);
    CHECK_EQ(val, 1);
    CHECK_EQ(fdt_getprop_u32(fdt, cpus, "#size-cells", &val), 0);
    CHECK_EQ(val, 0);
    CHECK_EQ(fdt_getprop_u32(fdt, cpus, "nope", &val), -ENOENT);
    /* Wrong sizes: 8 bytes, and a string. */
    CHECK_EQ(fdt_getprop_u32(fdt, chosen, "linux,initrd-end", &val), -EINVAL);
    CHECK_EQ(fdt_getprop_u32(fdt, chosen, "bootargs", &val), -EINVAL);

    str = fdt_getprop_string(fdt, chosen, "bootargs", &len);
    CHECK(str && !strcmp(str, "console=hvc0 earlycon"));
    CHECK_EQ(len, 21);
    /* A string list gives its first string. */
    str = fdt_getprop_string(fdt, psci, "compatible", &len);
    CHECK(str && !strcmp(str, "arm,psci-1.0") && len == 12);
    /* Not strings: cells whose bytes hold no NUL, and an empty value. */
    CHECK(!fdt_getprop_string(fdt, chosen, "kaslr-seed", &len));
    CHECK_EQ(len, -EINVAL);
    CHECK(!fdt_getprop_string(fdt, path_node(fdt, "/intc"), "ranges", &len));
    CHECK_EQ(len, -EINVAL);
    CHECK(!fdt_getprop_string(fdt, chosen, "nope", &len));
    CHECK_EQ(len, -ENOENT);
    CHECK(!fdt_getprop(fdt, chosen, NULL, &len));
    CHECK_EQ(len, -EINVAL);

    CHECK(fdt_stringlist_contains("a\0bc\0", 5, "bc"));
    CHECK(fdt_stringlist_contains("a\0bc\0", 5, "a"));
    CHECK(!fdt_stringlist_contains("a\0bc\0", 5, "b"));
    CHECK(!fdt_stringlist_contains("a\0bc\0", 5, "c"));
    CHECK(!fdt_stringlist_contains("a\0bc\0", 5, "abc"));
    CHECK(fdt_stringlist_contains("a\0\0bc\0", 6, ""));
    CHECK(!fdt_stringlist_contains("a\0bc", 4, "bc")); /* unterminated */
    CHECK(!fdt_stringlist_contains("a\0bc\0", 0, "a"));
    CHECK(!fdt_stringlist_contains("a\0bc\0", -22, "a"));
    CHECK(!fdt_stringlist_contains(NULL, 5, "a"));
    CHECK(fdt_node_is_compatible(fdt, psci, "arm,psci-0.2"));
    CHECK(!fdt_node_is_compatible(fdt, psci, "arm,psci"));
    CHECK(!fdt_node_is_compatible(fdt, chosen, "arm,psci-0.2"));

    CHECK_EQ(fdt_read_cells((const uint32_t *)"\x12\x34\x56\x78", 1),
             0x12345678);
    CHECK_EQ(fdt_read_cells((const uint32_t *)"\x01\x02\x03\x04\xa0\xb0\xc0\xd0",
                            2), 0x01020304a0b0c0d0ULL);
    CHECK_EQ(fdt_read_cells((const uint32_t *)"\x01", 0), 0);

    free(fdt);
}

/* ------------------------------------------------------------------ */
/* Writer                                                               */

TEST(writer_roundtrip)
{
    size_t size;
    uint8_t *fdt = sample_blob(&size);
    const uint8_t *strings;
    const char *names[64];
    int node, len, i, hits, prop, nr_names;
    size_t names_size, all_size;
    const uint8_t *val;
    paddr_t addr, rsize;
    size_t strings_size;
    const char *p;

    CHECK_EQ(fdt_check(fdt, size), 0);
    CHECK_EQ(HDR(fdt, off_mem_rsvmap), 40);
    CHECK_EQ(HDR(fdt, off_dt_strings),
             HDR(fdt, off_dt_struct) + HDR(fdt, size_dt_struct));
    CHECK_EQ(size, HDR(fdt, off_dt_strings) + HDR(fdt, size_dt_strings));

    CHECK_EQ(fdt_num_mem_rsv(fdt), 2);
    CHECK_EQ(fdt_get_mem_rsv(fdt, 1, &addr, &rsize), 0);
    CHECK(addr == 0x8000000000ULL && rsize == 0x1000);

    /* u64 */
    node = path_node(fdt, "/chosen");
    val = fdt_getprop(fdt, node, "linux,initrd-end", &len);
    CHECK(val && len == 8 &&
          fdt_read_cells((const uint32_t *)val, 2) == 0x480fffff);
    /* placeholder + write_cells */
    node = path_node(fdt, "/memory");
    CHECK_EQ(fdt_get_reg(fdt, node, 1, &addr, &rsize), 0);
    CHECK(addr == 0x100000000ULL && rsize == 0x80000000);
    /* cells, reg and empty properties */
    node = path_node(fdt, "/intc");
    CHECK_EQ(fdt_get_reg(fdt, node, 1, &addr, &rsize), 0);
    CHECK(addr == 0x80a0000 && rsize == 0xf60000);
    CHECK(fdt_getprop(fdt, node, "interrupt-controller", &len) && len == 0);
    node = path_node(fdt, "/intc/its");
    CHECK_EQ(fdt_get_reg(fdt, node, 0, &addr, &rsize), 0);
    CHECK(addr == 0x8080000 && rsize == 0x20000);
    node = path_node(fdt, "/cpus/cpu@1");
    CHECK_EQ(fdt_get_reg(fdt, node, 0, &addr, &rsize), 0);
    CHECK(addr == 1 && rsize == 0);
    val = fdt_getprop(fdt, node, "reg", &len);
    CHECK(val && len == 4);
    node = path_node(fdt, "/soc/sram");
    CHECK_EQ(fdt_get_reg(fdt, node, 0, &addr, &rsize), 0);
    CHECK(addr == 0x1000 && rsize == 0x100);
    CHECK(fdt_getprop(fdt, node, "empty-cells", &len) && len == 0);
    node = path_node(fdt, "/hypervisor");
    CHECK(fdt_node_is_compatible(fdt, node, "xen,xen"));
    val = fdt_getprop(fdt, node, "interrupts", &len);
    CHECK(val && len == 12 &&
          fdt_read_cells((const uint32_t *)val + 2, 1) == 0xf08);
    CHECK_EQ(fdt_node_offset_by_compatible(fdt, -1, "arm,pl011"),
             fdt_path_offset(fdt, "serial0"));
    CHECK_EQ(fdt_node_offset_by_phandle(fdt, 0x8003),
             fdt_path_offset(fdt, "/intc/its"));

    /*
     * Each name is stored once; "method" shares the tail of the earlier
     * "enable-method".
     */
    strings = fdt + HDR(fdt, off_dt_strings);
    strings_size = HDR(fdt, size_dt_strings);
    for ( p = "compatible\0#address-cells\0phandle\0device_type\0method\0";
          *p; p += strlen(p) + 1 )
    {
        for ( i = 0, hits = 0; i + strlen(p) < strings_size; i++ )
            hits += !memcmp(strings + i, p, strlen(p) + 1);
        CHECK_EQ(hits, 1);
    }
    CHECK(memmem(strings, strings_size, "enable-method", 14) != NULL);
    CHECK(!memmem(strings, strings_size, "\0method", 8));
    /* Distinct names: their lengths, NULs included, bound the block. */
    nr_names = 0;
    names_size = 0;
    all_size = 0;
    for ( node = fdt_next_node(fdt, -1, NULL); node >= 0;
          node = fdt_next_node(fdt, node, NULL) )
        for ( prop = fdt_first_property(fdt, node); prop >= 0;
              prop = fdt_next_property(fdt, prop) )
        {
            CHECK(fdt_property_at(fdt, prop, &p, &len) != NULL);
            all_size += strlen(p) + 1;
            for ( i = 0; i < nr_names && strcmp(names[i], p); i++ )
                ;
            if ( i == nr_names && nr_names < 64 )
            {
                names[nr_names++] = p;
                names_size += strlen(p) + 1;
            }
        }
    CHECK_EQ(strings_size, names_size - strlen("method") - 1);
    CHECK(strings_size < all_size);

    free(fdt);
}

TEST(writer_dtc_roundtrip)
{
    size_t size, back_size;
    void *fdt = sample_blob(&size), *back;
    char dtb[256], dts[256], dtb2[256], args[1024];

    if ( !have_dtc() )
    {
        skip("dtc not installed; case not run");
        free(fdt);
        return;
    }

    /* dtc must read our blob and, written back, give the same tree. */
    tmp_name(dtb, sizeof(dtb), "in");
    tmp_name(dts, sizeof(dts), "dts");
    tmp_name(dtb2, sizeof(dtb2), "out");
    CHECK_EQ(write_file(dtb, fdt, size), 0);
    snprintf(args, sizeof(args), "-I dtb -O dts -o %s %s", dts, dtb);
    CHECK_EQ(run_dtc(args), 0);
    snprintf(args, sizeof(args), "-q -I dts -O dtb -o %s %s", dtb2, dts);
    CHECK_EQ(run_dtc(args), 0);
    back = read_file(dtb2, &back_size);
    CHECK(back != NULL);
    if ( back )
    {
        CHECK_EQ(fdt_check(back, back_size), 0);
        CHECK(trees_equal(fdt, back));
    }
    if ( getenv("HARNESS_VERBOSE") )
        fprintf(stderr, "  dtc's view kept in %s\n", dts);
    else
        unlink(dts);
    unlink(dtb);
    unlink(dtb2);
    free(back);
    free(fdt);
}

TEST(writer_sequence_errors)
{
    uint8_t buf[1024] __attribute__((aligned(8)));
    uint8_t cells[8];
    uint32_t u32;
    void *val;

    CHECK_EQ(fdt_create(NULL, sizeof(buf)), -EINVAL);
    CHECK_EQ(fdt_create(buf + 2, sizeof(buf) - 2), -EINVAL);
    CHECK_EQ(fdt_create(buf, 39), -ENOSPC);

    /* Nothing before fdt_create(). */
    memset(buf, 0, sizeof(buf));
    CHECK_EQ(fdt_begin_node(buf, ""), -EINVAL);
    CHECK_EQ(fdt_finish(buf), -EINVAL);

    CHECK_EQ(fdt_create(buf, sizeof(buf)), 0);
    CHECK_EQ(fdt_check(buf, sizeof(buf)), -EINVAL); /* not finished */
    CHECK_EQ(fdt_add_mem_rsv(buf, 0x1000, 0), -EINVAL);
    CHECK_EQ(fdt_property_u32(buf, "x", 1), -EINVAL);  /* no node open */
    CHECK_EQ(fdt_end_node(buf), -EINVAL);
    CHECK_EQ(fdt_finish(buf), -EINVAL);                /* no root */
    CHECK_EQ(fdt_begin_node(buf, "root"), -EINVAL);    /* root is "" */
    CHECK_EQ(fdt_begin_node(buf, NULL), -EINVAL);
    CHECK_EQ(fdt_begin_node(buf, ""), 0);              /* closes the map */
    CHECK_EQ(fdt_add_mem_rsv(buf, 0x1000, 0x1000), -EINVAL);
    CHECK_EQ(fdt_finish_mem_rsv(buf), -EINVAL);
    CHECK_EQ(fdt_property(buf, "", "x", 1), -EINVAL);
    CHECK_EQ(fdt_property(buf, NULL, "x", 1), -EINVAL);
    CHECK_EQ(fdt_property(buf, "x", NULL, 1), -EINVAL);
    CHECK_EQ(fdt_property(buf, "x", "x", -1), -EINVAL);
    CHECK_EQ(fdt_property_string(buf, "x", NULL), -EINVAL);
    CHECK_EQ(fdt_property_placeholder(buf, "x", 4, NULL), -EINVAL);
    CHECK_EQ(fdt_property_reg(buf, 1, 1, 0x100000000ULL, 1), -EINVAL);
    CHECK_EQ(fdt_property_reg(buf, 2, 1, 0, 0x100000000ULL), -EINVAL);
    CHECK_EQ(fdt_property_reg(buf, 0, 1, 0, 1), -EINVAL);
    CHECK_EQ(fdt_property_reg(buf, 3, 1, 0, 1), -EINVAL);
    CHECK_EQ(fdt_property_reg(buf, 2, 3, 0, 1), -EINVAL);
    CHECK_EQ(fdt_property_u32(buf, "a", 1), 0);
    CHECK_EQ(fdt_begin_node(buf, ""), -EINVAL);        /* only the root */
    CHECK_EQ(fdt_begin_node(buf, "a/b"), -EINVAL);
    CHECK_EQ(fdt_begin_node(buf, "child"), 0);
    CHECK_EQ(fdt_finish(buf), -EINVAL);                /* nodes open */
    CHECK_EQ(fdt_end_node(buf), 0);
    /* Properties must precede subnodes. */
    CHECK_EQ(fdt_property_u32(buf, "late", 1), -EINVAL);
    CHECK_EQ(fdt_property_placeholder(buf, "late", 4, &val), -EINVAL);
    CHECK_EQ(fdt_begin_node(buf, "child2"), 0);
    CHECK_EQ(fdt_property_u32(buf, "a", 2), 0);
    CHECK_EQ(fdt_end_node(buf), 0);
    CHECK_EQ(fdt_end_node(buf), 0);
    CHECK_EQ(fdt_end_node(buf), -EINVAL);              /* root closed */
    CHECK_EQ(fdt_begin_node(buf, "x"), -EINVAL);       /* a second tree */
    CHECK_EQ(fdt_finish(buf), 0);
    CHECK_EQ(fdt_check(buf, sizeof(buf)), 0);
    CHECK_EQ(fdt_finish(buf), -EINVAL);                /* finished twice */
    CHECK_EQ(fdt_end_node(buf), -EINVAL);
    CHECK_EQ(fdt_num_mem_rsv(buf), 0);
    CHECK_EQ(fdt_getprop_u32(buf, fdt_path_offset(buf, "/child2"), "a",
                             &u32), 0);
    CHECK_EQ(u32, 2);

    /* A writer state made inconsistent is refused, not followed. */
    CHECK_EQ(fdt_create(buf, sizeof(buf)), 0);
    CHECK_EQ(fdt_begin_node(buf, ""), 0);
    SET_HDR(buf, size_dt_struct, 0x10000);
    CHECK_EQ(fdt_property_u32(buf, "a", 1), -EINVAL);
    SET_HDR(buf, size_dt_struct, 12);
    SET_HDR(buf, totalsize, 0x80000000);
    CHECK_EQ(fdt_end_node(buf), -EINVAL);

    /* The cells helper. */
    CHECK_EQ(fdt_write_cells(cells, 0, 0), 0);
    CHECK_EQ(fdt_write_cells(cells, 0, 1), -EINVAL);
    CHECK_EQ(fdt_write_cells(cells, 1, 0xffffffff), 0);
    CHECK(!memcmp(cells, "\xff\xff\xff\xff", 4));
    CHECK_EQ(fdt_write_cells(cells, 1, 0x100000000ULL), -EINVAL);
    CHECK_EQ(fdt_write_cells(cells, 2, 0x0102030405060708ULL), 0);
    CHECK(!memcmp(cells, "\x01\x02\x03\x04\x05\x06\x07\x08", 8));
    CHECK_EQ(fdt_write_cells(cells, 3, 0), -EINVAL);
}

TEST(writer_enospc_every_size)
{
    struct builder b;
    size_t need, size;
    uint8_t *ref = sample_blob(&need);
    int ok = 0, nospc = 0;

    /* Every buffer size up to and past the need, each exactly allocated. */
    for ( size = 0; size <= need + 16; size++ )
    {
        b.buf = malloc(size ? size : 1);
        b.snap = malloc(size ? size : 1);
        b.size = size;
        b.err = 0;
        build_sample(&b);
        if ( size < need )
        {
            CHECK_EQ(b.err, -ENOSPC);
            nospc += b.err == -ENOSPC;
        }
        else
        {
            CHECK_EQ(b.err, 0);
            /* Identical output, whatever the slack. */
            CHECK(!b.err && fdt_totalsize(b.buf) == need &&
                  !memcmp(b.buf, ref, need));
            ok++;
        }
        free(b.buf);
        free(b.snap);
    }
    CHECK_EQ(nospc, (int)need);
    CHECK_EQ(ok, 17);
    free(ref);
}

TEST(writer_copy_virt)
{
    size_t size, copy_size;
    void *fdt = load_virt(&size);
    uint8_t *buf, *copy;

    if ( !fdt )
        return;

    /* The whole tree through the writer, then compared node by node. */
    buf = malloc(size);
    CHECK_EQ(fdt_create(buf, size), 0);
    CHECK_EQ(copy_tree(buf, fdt), 0);
    copy_size = fdt_totalsize(buf);
    CHECK(copy_size <= size);
    copy = dup_blob(buf, copy_size);
    CHECK_EQ(fdt_check(copy, copy_size), 0);
    CHECK(trees_equal(fdt, copy));

    /* Too small by a byte: fails cleanly. */
    free(buf);
    buf = malloc(copy_size - 1);
    CHECK_EQ(fdt_create(buf, copy_size - 1), 0);
    CHECK_EQ(copy_tree(buf, fdt), -ENOSPC);

    free(copy);
    free(buf);
    free(fdt);
}

/*
 * How a dom0 tree is made from the host's: copy what stays, drop what
 * the hypervisor keeps (here: a memory node), replace /chosen, add
 * /hypervisor.
 */
TEST(writer_dom0_like)
{
    size_t size, out_size;
    void *host = sample_blob(&size);
    uint8_t *out = malloc(size + 512);
    int node, depth = 0, open = 0, skip_depth = -1, prop, len, rc = 0;
    const char *name;
    const void *val;

    CHECK_EQ(fdt_create(out, size + 512), 0);
    CHECK_EQ(fdt_finish_mem_rsv(out), 0);
    for ( node = fdt_next_node(host, -1, &depth); node >= 0 && !rc;
          node = fdt_next_node(host, node, &depth) )
    {
        if ( skip_depth >= 0 && depth > skip_depth )
            continue; /* inside a dropped subtree */
        skip_depth = -1;
        for ( ; open > depth; open-- )
            rc |= fdt_end_node(out);

        name = fdt_node_name(host, node, NULL);
        if ( depth == 1 && (!strcmp(name, "chosen") ||
                            !strcmp(name, "hypervisor") ||
                            !strncmp(name, "memory", 6)) )
        {
            skip_depth = depth;
            continue;
        }
        rc |= fdt_begin_node(out, name);
        open++;
        for ( prop = fdt_first_property(host, node); prop >= 0;
              prop = fdt_next_property(host, prop) )
        {
            val = fdt_property_at(host, prop, &name, &len);
            rc |= fdt_property(out, name, val, len);
        }
    }
    CHECK_EQ(node, -ENOENT);
    for ( ; open > 1; open-- )
        rc |= fdt_end_node(out);
    rc |= fdt_begin_node(out, "chosen");
    rc |= fdt_property_string(out, "bootargs", "console=hvc0");
    rc |= fdt_end_node(out);
    rc |= fdt_begin_node(out, "hypervisor");
    rc |= fdt_property(out, "compatible", xen_compat, sizeof(xen_compat));
    rc |= fdt_end_node(out);
    rc |= fdt_end_node(out);
    rc |= fdt_finish(out);
    CHECK_EQ(rc, 0);

    out_size = fdt_totalsize(out);
    CHECK_EQ(fdt_check(out, out_size), 0);
    CHECK_EQ(fdt_path_offset(out, "/memory"), -ENOENT);
    CHECK_EQ(fdt_num_mem_rsv(out), 0);
    node = fdt_path_offset(out, "/chosen");
    name = fdt_getprop_string(out, node, "bootargs", &len);
    CHECK(name && !strcmp(name, "console=hvc0"));
    CHECK(!fdt_getprop(out, node, "linux,initrd-start", &len));
    CHECK(fdt_node_is_compatible(out, fdt_path_offset(out, "/hypervisor"),
                                 "xen,xen"));
    CHECK(fdt_path_offset(out, "/intc/its") > 0);
    CHECK_EQ(fdt_next_subnode(out, fdt_path_offset(out, "/hypervisor")),
             -ENOENT);

    free(out);
    free(host);
}

/* ------------------------------------------------------------------ */
/* Reader: malformed structure                                          */

/* Absolute offset in the blob of a node's token or a property's. */
static uint32_t abs_off(const void *fdt, int off)
{
    return HDR(fdt, off_dt_struct) + off;
}

/* A sample copy that must fail fdt_check() yet be safe to walk. */
static void expect_invalid(uint8_t *blob, size_t size)
{
    CHECK_EQ(fdt_check(blob, size), -EINVAL);
    walk_everything(blob, size);
}

TEST(malformed_structure)
{
    size_t size;
    uint8_t *good = sample_blob(&size), *blob;
    int root, chosen, its, prop, last_end, len;
    uint32_t pos, struct_end;
    const char *name;

    root = fdt_path_offset(good, "/");
    CHECK_EQ(root, 0);
    chosen = fdt_path_offset(good, "/chosen");
    its = fdt_path_offset(good, "/intc/its");
    prop = fdt_first_property(good, chosen);
    struct_end = HDR(good, off_dt_struct) + HDR(good, size_dt_struct);
    last_end = HDR(good, size_dt_struct) - 8; /* the root's END_NODE */

    /* A node name without NUL before the struct block ends. */
    blob = dup_blob(good, size);
    pos = abs_off(blob, its) + 4;
    SET_HDR(blob, size_dt_struct, pos + 4 - HDR(blob, off_dt_struct));
    expect_invalid(blob, size);
    CHECK(!fdt_node_name(blob, its, &len));
    CHECK_EQ(len, -EINVAL);
    CHECK_EQ(fdt_parent_offset(blob, its), -EINVAL);
    free(blob);

    /* ... and one running to the end of the whole blob. */
    blob = dup_blob(good, size);
    SET_HDR(blob, off_dt_strings, size);
    SET_HDR(blob, size_dt_strings, 0);
    SET_HDR(blob, size_dt_struct, size - HDR(blob, off_dt_struct));
    memset(blob + abs_off(blob, its) + 4, 'x', size - abs_off(blob, its) - 4);
    expect_invalid(blob, size);
    CHECK(!fdt_node_name(blob, its, &len));
    free(blob);

    /* Property lengths past the block, by a little and by a lot. */
    blob = dup_blob(good, size);
    pos = abs_off(blob, prop) + 4;
    fdt_be32_store(blob + pos, struct_end - (pos + 8) + 1);
    expect_invalid(blob, size);
    CHECK(!fdt_property_at(blob, prop, &name, &len));
    CHECK_EQ(len, -EINVAL);
    CHECK(!fdt_getprop(blob, chosen, "bootargs", &len));
    CHECK_EQ(len, -EINVAL);
    fdt_be32_store(blob + pos, 0xfffffff8);
    expect_invalid(blob, size);
    fdt_be32_store(blob + pos, 0x7ffffffe);
    expect_invalid(blob, size);
    free(blob);

    /* A length that swallows the following tokens but stays inside. */
    blob = dup_blob(good, size);
    fdt_be32_store(blob + abs_off(blob, prop) + 4, 64);
    CHECK_EQ(fdt_check(blob, size), -EINVAL);
    walk_everything(blob, size);
    free(blob);

    /* Name offsets past the strings block, and onto an unterminated one. */
    blob = dup_blob(good, size);
    pos = abs_off(blob, prop) + 8;
    fdt_be32_store(blob + pos, HDR(blob, size_dt_strings));
    expect_invalid(blob, size);
    CHECK(!fdt_property_at(blob, prop, &name, &len));
    CHECK_EQ(len, -EINVAL);
    fdt_be32_store(blob + pos, 0xffffffff);
    expect_invalid(blob, size);
    free(blob);
    /* The first name added ("#address-cells") ends the strings block. */
    blob = dup_blob(good, size);
    blob[size - 1] = 'x';
    CHECK_EQ(fdt_check(blob, size), -EINVAL);
    CHECK(!fdt_getprop(blob, root, "#address-cells", &len));
    CHECK_EQ(len, -EINVAL);
    CHECK_EQ(fdt_address_cells(blob, root), -EINVAL);
    walk_everything(blob, size);
    free(blob);

    /* Nesting: the root never closed. */
    blob = dup_blob(good, size);
    fdt_be32_store(blob + abs_off(blob, last_end), FDT_NOP);
    expect_invalid(blob, size);
    free(blob);
    /* ... /soc never closed, so /apb-pclk lands inside it. */
    blob = dup_blob(good, size);
    pos = abs_off(blob, fdt_path_offset(blob, "/apb-pclk")) - 4;
    CHECK_EQ(fdt_be32_load(blob + pos), FDT_END_NODE);
    fdt_be32_store(blob + pos, FDT_NOP);
    expect_invalid(blob, size);
    CHECK(fdt_path_offset(blob, "/soc/apb-pclk") > 0);
    free(blob);
    /* ... one END_NODE too many instead of FDT_END. */
    blob = dup_blob(good, size);
    fdt_be32_store(blob + struct_end - 4, FDT_END_NODE);
    expect_invalid(blob, size);
    free(blob);
    /* ... no FDT_END at all. */
    blob = dup_blob(good, size);
    SET_HDR(blob, size_dt_struct, HDR(blob, size_dt_struct) - 4);
    expect_invalid(blob, size);
    free(blob);

    /* An unknown token. */
    blob = dup_blob(good, size);
    fdt_be32_store(blob + abs_off(blob, prop), 0x5);
    expect_invalid(blob, size);
    CHECK_EQ(fdt_first_property(blob, chosen), -EINVAL);
    free(blob);

    /* A reservation map without terminator runs into the struct block. */
    blob = dup_blob(good, size);
    memset(blob + 40 + 32, 0xff, 16);
    expect_invalid(blob, size);
    CHECK_EQ(fdt_num_mem_rsv(blob), -EINVAL);
    CHECK_EQ(fdt_get_mem_rsv(blob, 0, NULL, NULL), -EINVAL);
    free(blob);

    /* An empty struct block. */
    blob = dup_blob(good, size);
    SET_HDR(blob, size_dt_struct, 0);
    expect_invalid(blob, size);
    CHECK_EQ(fdt_next_node(blob, -1, NULL), -EINVAL);
    CHECK_EQ(fdt_path_offset(blob, "/"), -EINVAL);
    free(blob);

    free(good);
}

/*
 * A blob around hand-written struct words and strings, with an empty
 * reservation map.  Node names are spelt as big-endian words: "a" is
 * NAME('a', 0, 0, 0).
 */
#define NAME(a, b, c, d) \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static uint8_t *raw_blob(const uint32_t *words, size_t nr_words,
                         const char *strings, size_t strings_size,
                         size_t *sizep)
{
    size_t off_struct = sizeof(struct fdt_header) + 16, i;
    size_t off_strings = off_struct + nr_words * 4;
    uint8_t *blob;

    *sizep = off_strings + strings_size;
    blob = calloc(1, *sizep);
    if ( !blob )
        abort();
    SET_HDR(blob, magic, FDT_MAGIC);
    SET_HDR(blob, totalsize, *sizep);
    SET_HDR(blob, off_dt_struct, off_struct);
    SET_HDR(blob, off_dt_strings, off_strings);
    SET_HDR(blob, off_mem_rsvmap, sizeof(struct fdt_header));
    SET_HDR(blob, version, 17);
    SET_HDR(blob, last_comp_version, 16);
    SET_HDR(blob, size_dt_strings, strings_size);
    SET_HDR(blob, size_dt_struct, nr_words * 4);
    for ( i = 0; i < nr_words; i++ )
        fdt_be32_store(blob + off_struct + i * 4, words[i]);
    memcpy(blob + off_strings, strings, strings_size);

    return blob;
}

#define RAW_CHECK(expect, ...)                                             \
    do {                                                                   \
        static const uint32_t words[] = { __VA_ARGS__ };                   \
        size_t size_;                                                      \
        uint8_t *blob_ = raw_blob(words, sizeof(words) / 4, "p\0q", 4,     \
                                  &size_);                                 \
                                                                           \
        CHECK_EQ(fdt_check(blob_, size_), expect);                         \
        walk_everything(blob_, size_);                                     \
        free(blob_);                                                       \
    } while ( 0 )

TEST(malformed_raw)
{
    const uint32_t B = FDT_BEGIN_NODE, E = FDT_END_NODE, P = FDT_PROP;
    const uint32_t N = FDT_NOP, END = FDT_END;

    /* Well formed: / { p = <1>; a { }; }; with NOPs sprinkled in. */
    RAW_CHECK(0, B, 0, P, 4, 0, 1, B, NAME('a', 0, 0, 0), E, E, END);
    RAW_CHECK(0, N, B, 0, N, P, 4, 0, 1, N, B, NAME('a', 0, 0, 0), N, E, E,
              N, END);
    /* Trailing bytes after FDT_END are not looked at. */
    RAW_CHECK(0, B, 0, E, END, 0x12345678);
    /* A name padded to the next word, and one filling it exactly. */
    RAW_CHECK(0, B, 0, B, NAME('a', 'b', 'c', 0), E, B,
              NAME('a', 'b', 'c', 'd'), 0, E, E, END);

    /* A property after a subnode, and outside any node. */
    RAW_CHECK(-EINVAL, B, 0, B, NAME('a', 0, 0, 0), E, P, 4, 0, 1, E, END);
    RAW_CHECK(-EINVAL, P, 4, 0, 1, B, 0, E, END);
    RAW_CHECK(-EINVAL, B, 0, E, P, 4, 0, 1, END);
    /* Two roots; no root; END_NODE first. */
    RAW_CHECK(-EINVAL, B, 0, E, B, 0, E, END);
    RAW_CHECK(-EINVAL, END);
    RAW_CHECK(-EINVAL, N, N, END);
    RAW_CHECK(-EINVAL, E, END);
    /* Nesting without END_NODE, with and without FDT_END. */
    RAW_CHECK(-EINVAL, B, 0, B, NAME('a', 0, 0, 0), B, NAME('b', 0, 0, 0),
              E, END);
    RAW_CHECK(-EINVAL, B, 0, B, NAME('a', 0, 0, 0), B, NAME('b', 0, 0, 0));
    RAW_CHECK(-EINVAL, B, 0, E);
    /* A name whose NUL is past the block. */
    RAW_CHECK(-EINVAL, B, NAME('a', 'b', 'c', 'd'));
    /* Property header or value cut by the block end. */
    RAW_CHECK(-EINVAL, B, 0, P, 4);
    RAW_CHECK(-EINVAL, B, 0, P, 8, 0, 1);
    RAW_CHECK(-EINVAL, B, 0, P, 5, 0, 1, E, END); /* padding eats END_NODE */
    /* Name offsets: the last string is "q" at 2; 4 is past the end. */
    RAW_CHECK(0, B, 0, P, 0, 2, E, END);
    RAW_CHECK(-EINVAL, B, 0, P, 0, 4, E, END);
    RAW_CHECK(-EINVAL, B, 0, P, 0, 0x80000000, E, END);
    /* Unknown tokens. */
    RAW_CHECK(-EINVAL, B, 0, 0, E, END);
    RAW_CHECK(-EINVAL, B, 0, 5, E, END);
    RAW_CHECK(-EINVAL, B, 0, 0x01000000, E, END);
}

TEST(nop_tokens)
{
    size_t size;
    uint8_t *blob = sample_blob(&size);
    int chosen, prop, next, i, len;
    uint32_t pos, end;

    /* Turning a property into NOPs (how in-place editors delete) hides it. */
    chosen = fdt_path_offset(blob, "/chosen");
    prop = fdt_first_property(blob, chosen);
    next = fdt_next_property(blob, prop);
    for ( pos = abs_off(blob, prop); pos < abs_off(blob, next); pos += 4 )
        fdt_be32_store(blob + pos, FDT_NOP);
    CHECK_EQ(fdt_check(blob, size), 0);
    CHECK_EQ(fdt_first_property(blob, chosen), next);
    CHECK(!fdt_getprop(blob, chosen, "bootargs", &len));
    CHECK_EQ(len, -ENOENT);
    CHECK(fdt_getprop(blob, chosen, "stdout-path", &len) != NULL);

    /* So does a whole node; its siblings are still found. */
    end = abs_off(blob, fdt_path_offset(blob, "/aliases"));
    for ( pos = abs_off(blob, chosen), i = 0; pos < end; pos += 4, i++ )
        fdt_be32_store(blob + pos, FDT_NOP);
    CHECK(i > 4);
    CHECK_EQ(fdt_check(blob, size), 0);
    CHECK_EQ(fdt_path_offset(blob, "/chosen"), -ENOENT);
    CHECK(fdt_path_offset(blob, "serial0") > 0);
    CHECK_EQ(fdt_parent_offset(blob, fdt_path_offset(blob, "/intc/its")),
             fdt_path_offset(blob, "/intc"));
    walk_everything(blob, size);
    free(blob);
}

/* ------------------------------------------------------------------ */
/* Random corruption                                                    */

static uint64_t rng_state;

static uint64_t rng(void)
{
    /* xorshift64*: reproducible and good enough to pick bytes. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static void seed_rng(void)
{
    const char *env = getenv("FDT_FUZZ_SEED");

    rng_state = env ? strtoull(env, NULL, 0) : 0x5eed0fd7ULL;
    if ( !rng_state )
        rng_state = 1;
}

static void fuzz_alarm(int sig)
{
    static const char msg[] = "  fuzz: timed out (endless loop?)\n";

    (void)sig;
    if ( write(2, msg, sizeof(msg) - 1) < 0 )
        _exit(3);
    _exit(2);
}

/* One mutation: a few random bytes, or an interesting word somewhere. */
static void mutate(uint8_t *blob, size_t size)
{
    static const uint32_t words[] = {
        0, 1, 2, 3, 4, 9, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff,
        FDT_MAGIC, 16, 17, 40,
    };
    unsigned int i, n = 1 + rng() % 4;
    size_t pos;
    uint32_t word;

    for ( i = 0; i < n; i++ )
    {
        switch ( rng() % 4 )
        {
        case 0: /* any byte */
            blob[rng() % size] = rng();
            break;
        case 1: /* a header field */
            pos = (rng() % 10) * 4;
            word = fdt_be32_load(blob + pos);
            fdt_be32_store(blob + pos, rng() % 2 ? word + (int)(rng() % 17) - 8
                                                  : words[rng() % 14]);
            break;
        default: /* a token, length or name offset */
            pos = (rng() % (size / 4)) * 4;
            word = rng() % 3 ? words[rng() % 14] : size + rng() % 64 - 32;
            fdt_be32_store(blob + pos, word);
            break;
        }
    }
}

static unsigned int fuzz(const uint8_t *good, size_t size,
                         unsigned int rounds)
{
    unsigned int round, valid = 0;
    int before = harness_failures;
    size_t len;
    uint8_t *blob;

    for ( round = 0; round < rounds && harness_failures == before; round++ )
    {
        /* A tenth of the time, also cut the buffer short. */
        len = rng() % 10 ? size : rng() % size;
        blob = dup_blob(good, len);
        if ( len >= sizeof(struct fdt_header) )
            mutate(blob, len);
        if ( !fdt_check(blob, len) )
            valid++;
        /*
         * Readers only rely on totalsize fitting the buffer; everything
         * else in the header may be wrong and must still be safe.
         */
        if ( len >= sizeof(struct fdt_header) && fdt_totalsize(blob) <= len )
            walk_everything(blob, len);
        free(blob);
    }
    if ( harness_failures != before )
        fprintf(stderr, "  fuzz: failed in round %u (FDT_FUZZ_SEED to "
                "reproduce the run)\n", round - 1);

    return valid;
}

TEST(random_corruption)
{
    size_t size;
    uint8_t *sample = sample_blob(&size), *virt;
    unsigned int valid;

    seed_rng();
    signal(SIGALRM, fuzz_alarm);
    alarm(300);

    valid = fuzz(sample, size, 20000);
    if ( getenv("HARNESS_VERBOSE") )
        fprintf(stderr, "  sample: %u of 20000 mutants still valid\n", valid);

    /* QEMU's tree as well, if dtc can make it. */
    virt = have_dtc() ? load_virt(&size) : NULL;
    if ( virt )
    {
        valid = fuzz(virt, size, 10000);
        if ( getenv("HARNESS_VERBOSE") )
            fprintf(stderr, "  virt: %u of 10000 mutants still valid\n",
                    valid);
    }

    alarm(0);
    free(virt);
    free(sample);
}

/* Random writer call sequences into small buffers: no overflow, ever. */
TEST(writer_random_calls)
{
    static const char *const names[] = {
        "", "a", "node@1", "compatible", "reg", "x/y", "chosen",
        "a-much-longer-property-name-than-usual",
    };
    uint8_t value[64];
    unsigned int round, step, finished = 0;
    size_t size;
    uint8_t *buf;
    int rc;

    seed_rng();
    memset(value, 0xa5, sizeof(value));
    for ( round = 0; round < 3000; round++ )
    {
        size = 40 + rng() % 400;
        buf = malloc(size);
        CHECK_EQ(fdt_create(buf, size), 0);
        for ( step = 0, rc = 0; step < 40; step++ )
        {
            const char *name = names[rng() % 8];

            switch ( rng() % 8 )
            {
            case 0: rc = fdt_add_mem_rsv(buf, rng(), rng() | 1); break;
            case 1: rc = fdt_finish_mem_rsv(buf); break;
            case 2: case 3: rc = fdt_begin_node(buf, name); break;
            case 4: rc = fdt_end_node(buf); break;
            case 5: rc = fdt_property(buf, name, value, rng() % 64); break;
            case 6: rc = fdt_property_u64(buf, name, rng()); break;
            default: rc = fdt_finish(buf); break;
            }
            CHECK(rc == 0 || rc == -EINVAL || rc == -ENOSPC);
            if ( !rc && HDR(buf, magic) == FDT_MAGIC )
            {
                CHECK_EQ(fdt_check(buf, size), 0);
                walk_everything(buf, size);
                finished++;
                break;
            }
        }
        free(buf);
    }
    if ( getenv("HARNESS_VERBOSE") )
        fprintf(stderr, "  %u of 3000 random trees finished\n", finished);
    CHECK(finished > 0);
}

TESTS(T(check_header), T(check_truncated), T(virt_paths),
      T(virt_compatible_and_reg), T(virt_memory), T(virt_cells),
      T(virt_phandle_and_parent), T(virt_iteration), T(virt_dtc_variants),
      T(getprop_helpers),
      T(writer_roundtrip), T(writer_dtc_roundtrip), T(writer_sequence_errors),
      T(writer_enospc_every_size), T(writer_copy_virt), T(writer_dom0_like),
      T(malformed_structure), T(malformed_raw), T(nop_tokens), T(random_corruption),
      T(writer_random_calls))
