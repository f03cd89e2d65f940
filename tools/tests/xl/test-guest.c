/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xl's guest configuration: defaults, bounds, the command line built
 * from root and extra, key checks, command-line overrides and the boot
 * files, with every message.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests.h"
#include "xl_keys.h"
#include "xl_parse.h"

/* The case's guest: disposed after each case, as is the run. */
static struct xl_guest_config gc;

void guest_cleanup(void)
{
    xl_guest_config_dispose(&gc);
}

/* What xl create does with a file's text, up to the boot files. */
static int guest_from(const char *text)
{
    int rc = run_parse(text, strlen(text));

    xl_guest_config_dispose(&gc);
    if ( !rc )
        rc = xl_check_keys(run_config());
    if ( !rc )
        rc = xl_guest_config_from_cfg(run_config(), &gc);
    return rc;
}

/* NULL when text is refused with exactly report. */
static const char *guest_fails(const char *text, const char *report)
{
    int rc = guest_from(text);

    if ( rc != EINVAL )
        return test_fail("\"%s\" returned %d, not EINVAL (%s)", text, rc,
                         run_report());
    return report_is(report);
}

#define MINIMAL "name = 'guest'\nkernel = '/boot/vmlinuz'\n"

static const char *defaults(void)
{
    CHECK(!guest_from(MINIMAL));
    CHECK(!strcmp(gc.name, "guest") && !strcmp(gc.kernel, "/boot/vmlinuz"));
    CHECK(gc.type == XL_GUEST_PVH);
    CHECK(gc.memory_mib == 32 && gc.maxmem_mib == 32);
    CHECK(gc.vcpus == 1 && gc.maxvcpus == 1);
    CHECK(!gc.ramdisk && !gc.cmdline);
    CHECK(gc.on_poweroff == XL_ACTION_DESTROY);
    CHECK(gc.on_reboot == XL_ACTION_RESTART);
    CHECK(gc.on_crash == XL_ACTION_DESTROY);
    CHECK_OK(report_is(""));
    return NULL;
}

static const char *full(void)
{
    CHECK(!guest_from("name = \"web-1\"\ntype = 'pvh'\nmemory = 512\n"
                      "maxmem = 0x400\nvcpus = 2\nmaxvcpus = 4\n"
                      "kernel = '/k'\nramdisk = '/r'\n"
                      "cmdline = 'console=hvc0'\n"
                      "on_poweroff = 'preserve'\non_reboot = 'rename-restart'\n"
                      "on_crash = 'coredump-restart'\n"));
    CHECK(!strcmp(gc.name, "web-1"));
    CHECK(gc.memory_mib == 512 && gc.maxmem_mib == 1024);
    CHECK(gc.vcpus == 2 && gc.maxvcpus == 4);
    CHECK(!strcmp(gc.ramdisk, "/r") && !strcmp(gc.cmdline, "console=hvc0"));
    CHECK(gc.on_poweroff == XL_ACTION_PRESERVE);
    CHECK(gc.on_reboot == XL_ACTION_RENAME_RESTART);
    CHECK(gc.on_crash == XL_ACTION_COREDUMP_RESTART);
    CHECK_OK(report_is(""));
    return NULL;
}

static const char *cmdline_from_root_and_extra(void)
{
    CHECK(!guest_from(MINIMAL "root = '/dev/xvda1 ro'\n"));
    CHECK(!strcmp(gc.cmdline, "root=/dev/xvda1 ro"));
    CHECK(!guest_from(MINIMAL "extra = 'console=hvc0'\n"));
    CHECK(!strcmp(gc.cmdline, "console=hvc0"));
    CHECK(!guest_from(MINIMAL "extra = 'console=hvc0'\nroot = '/dev/xvda1'\n"));
    CHECK(!strcmp(gc.cmdline, "root=/dev/xvda1 console=hvc0"));
    CHECK(!guest_from(MINIMAL "root = ''\n"));
    CHECK(!strcmp(gc.cmdline, "root="));
    CHECK_OK(report_is(""));
    CHECK(!guest_from(MINIMAL "root = '/dev/xvda1'\ncmdline = 'quiet'\n"));
    CHECK(!strcmp(gc.cmdline, "quiet"));
    CHECK_OK(report_is("test.cfg:4: warning: 'root' and 'extra' are "
                       "ignored, as 'cmdline' is set\n"));
    CHECK_OK(guest_fails(MINIMAL "extra = [ 'x' ]\n",
                         "test.cfg:3: 'extra' should be a single value, not "
                         "a list\n"));
    return NULL;
}

static const char *memory(void)
{
    CHECK(!guest_from(MINIMAL "memory = 256\n"));
    CHECK(gc.memory_mib == 256 && gc.maxmem_mib == 256);
    CHECK(!guest_from(MINIMAL "maxmem = 2048\n"));
    CHECK(gc.memory_mib == 2048 && gc.maxmem_mib == 2048);
    CHECK(!guest_from(MINIMAL "memory = '128'\nmaxmem = 128\n"));
    CHECK(gc.memory_mib == 128 && gc.maxmem_mib == 128);
    CHECK(!guest_from(MINIMAL "memory = 1043456\n"));

    CHECK_OK(guest_fails(MINIMAL "memory = 0\n",
                         "test.cfg:3: 'memory' must be at least 1, not 0\n"));
    CHECK_OK(guest_fails(MINIMAL "memory = '-5'\n",
                         "test.cfg:3: 'memory' must be at least 1, not -5\n"));
    CHECK_OK(guest_fails(MINIMAL "memory = 1043457\n",
                         "test.cfg:3: 'memory' must be at most 1043456, not "
                         "1043457\n"));
    CHECK_OK(guest_fails(MINIMAL "memory = 99999999999999999999\n",
                         "test.cfg:3: 'memory' is out of range: "
                         "99999999999999999999\n"));
    CHECK_OK(guest_fails(MINIMAL "memory = 512\nmaxmem = 256\n",
                         "test.cfg:4: 'maxmem' (256) is less than 'memory' "
                         "(512)\n"));
    CHECK_OK(guest_fails(MINIMAL "maxmem = '1G'\n",
                         "test.cfg:3: 'maxmem' should be a number, not "
                         "'1G'\n"));
    return NULL;
}

static const char *vcpus(void)
{
    CHECK(!guest_from(MINIMAL "vcpus = 4\n"));
    CHECK(gc.vcpus == 4 && gc.maxvcpus == 4);
    CHECK(!guest_from(MINIMAL "maxvcpus = 8\n"));
    CHECK(gc.vcpus == 1 && gc.maxvcpus == 8);
    CHECK(!guest_from(MINIMAL "vcpus = 128\n"));

    CHECK_OK(guest_fails(MINIMAL "vcpus = 0\n",
                         "test.cfg:3: 'vcpus' must be at least 1, not 0\n"));
    CHECK_OK(guest_fails(MINIMAL "vcpus = 129\n",
                         "test.cfg:3: 'vcpus' must be at most 128, not "
                         "129\n"));
    CHECK_OK(guest_fails(MINIMAL "maxvcpus = 0\n",
                         "test.cfg:3: 'maxvcpus' must be at least 1, not "
                         "0\n"));
    CHECK_OK(guest_fails(MINIMAL "vcpus = 4\nmaxvcpus = 2\n",
                         "test.cfg:4: 'maxvcpus' (2) is less than 'vcpus' "
                         "(4)\n"));
    return NULL;
}

static const char *guest_type(void)
{
    CHECK(!guest_from(MINIMAL "type = 'pvh'\n"));
    CHECK(gc.type == XL_GUEST_PVH);
    CHECK_OK(guest_fails(MINIMAL "type = 'pv'\n",
                         "test.cfg:3: type 'pv' is not supported on Arm: "
                         "only 'pvh' is\n"));
    CHECK_OK(guest_fails(MINIMAL "type = 'hvm'\n",
                         "test.cfg:3: type 'hvm' is not supported on Arm: "
                         "only 'pvh' is\n"));
    CHECK_OK(guest_fails(MINIMAL "type = 'p'\n",
                         "test.cfg:3: type 'p' (xl reads it as 'pv') is not "
                         "supported on Arm: only 'pvh' is\n"));
    CHECK_OK(guest_fails(MINIMAL "type = ''\n",
                         "test.cfg:3: type '' (xl reads it as 'hvm') is not "
                         "supported on Arm: only 'pvh' is\n"));
    CHECK_OK(guest_fails(MINIMAL "type = 'pvhx'\n",
                         "test.cfg:3: unknown type 'pvhx': the types are pv, "
                         "pvh and hvm, and Arm has only pvh\n"));
    CHECK_OK(guest_fails(MINIMAL "type = 'p\\nv'\n",
                         "test.cfg:3: unknown type 'p\\x0av': the types are "
                         "pv, pvh and hvm, and Arm has only pvh\n"));
    CHECK_OK(guest_fails(MINIMAL "type = ['pvh']\n",
                         "test.cfg:3: 'type' should be a single value, not "
                         "a list\n"));
    return NULL;
}

static const char *actions(void)
{
    static const char *const names[] = {
        "destroy",          "restart",          "rename-restart", "preserve",
        "coredump-destroy", "coredump-restart", "soft-reset",
    };
    char text[256];
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(names); i++ ) {
        snprintf(text, sizeof(text),
                 MINIMAL "on_poweroff = '%s'\non_reboot = '%s'\n"
                         "on_crash = '%s'\n",
                 names[i], names[i], names[i]);
        CHECK(!guest_from(text));
        CHECK(gc.on_poweroff == XL_ACTION_DESTROY + i);
        CHECK(gc.on_reboot == gc.on_poweroff && gc.on_crash == gc.on_poweroff);
        CHECK(!strcmp(xl_action_on_shutdown_name(gc.on_crash), names[i]));
    }
    CHECK(!xl_action_on_shutdown_name(0));
    CHECK(!xl_action_on_shutdown_name(XL_ACTION_SOFT_RESET + 1));

    CHECK_OK(guest_fails(MINIMAL "on_crash = 'explode'\n",
                         "test.cfg:3: unknown on_crash action 'explode': the "
                         "actions are destroy, restart, rename-restart, "
                         "preserve, coredump-destroy, coredump-restart and "
                         "soft-reset\n"));
    CHECK_OK(guest_fails(MINIMAL "on_reboot = 'Restart'\n",
                         "test.cfg:3: unknown on_reboot action 'Restart': "
                         "the actions are destroy, restart, rename-restart, "
                         "preserve, coredump-destroy, coredump-restart and "
                         "soft-reset\n"));
    return NULL;
}

static const char *names(void)
{
    char text[512];

    CHECK(!guest_from("kernel = '/k'\nname = 'a.b_c-1@x'\n"));
    CHECK_OK(guest_fails("kernel = '/k'\n",
                         "test.cfg: 'name' is not set, and a guest needs "
                         "it\n"));
    CHECK_OK(guest_fails("kernel = '/k'\nname = ''\n",
                         "test.cfg:2: 'name' is empty\n"));
    CHECK_OK(guest_fails("kernel = '/k'\nname = '0123'\n",
                         "test.cfg:2: 'name' cannot be all digits: xl would "
                         "take '0123' for a domain id\n"));
    CHECK_OK(guest_fails("kernel = '/k'\nname = 'a b'\n",
                         "test.cfg:2: 'name' cannot hold blanks or control "
                         "characters (byte 0x20 at 2)\n"));
    CHECK_OK(guest_fails("kernel = '/k'\nname = 'ab\\t'\n",
                         "test.cfg:2: 'name' cannot hold blanks or control "
                         "characters (byte 0x09 at 3)\n"));
    CHECK_OK(guest_fails("kernel = '/k'\nname = '-v'\n",
                         "test.cfg:2: 'name' cannot start with '-'\n"));
    snprintf(text, sizeof(text), "kernel = '/k'\nname = '%0255d'\n", 7);
    text[22] = 'x'; /* not all digits */
    CHECK(!guest_from(text));
    snprintf(text, sizeof(text), "kernel = '/k'\nname = 'x%0255d'\n", 7);
    CHECK_OK(guest_fails(text, "test.cfg:2: 'name' is longer than 255 "
                               "characters\n"));
    return NULL;
}

static const char *kernel_required(void)
{
    CHECK_OK(guest_fails("name = 'g'\n",
                         "test.cfg: 'kernel' is not set, and a guest needs "
                         "it\n"));
    CHECK_OK(guest_fails("name = 'g'\nkernel = ''\nramdisk = ''\n",
                         "test.cfg:2: 'kernel' is empty\n"
                         "test.cfg:3: 'ramdisk' is empty\n"));
    return NULL;
}

/* Several problems: all reported, in one run. */
static const char *all_problems_reported(void)
{
    CHECK_OK(guest_fails("memory = 0\nvcpus = 0\non_crash = 'x'\n",
                         "test.cfg: 'name' is not set, and a guest needs it\n"
                         "test.cfg:1: 'memory' must be at least 1, not 0\n"
                         "test.cfg:2: 'vcpus' must be at least 1, not 0\n"
                         "test.cfg: 'kernel' is not set, and a guest needs "
                         "it\n"
                         "test.cfg:3: unknown on_crash action 'x': the "
                         "actions are destroy, restart, rename-restart, "
                         "preserve, coredump-destroy, coredump-restart and "
                         "soft-reset\n"));
    CHECK(!gc.name && !gc.kernel);
    return NULL;
}

static const char *unknown_and_unsupported_keys(void)
{
    CHECK_OK(guest_fails(MINIMAL
                         "disk = [ 'phy:/dev/sda,xvda,w' ]\n"
                         "foo = 1\n\nvif = []\non_watchdog = 'destroy'\n"
                         "memroy = 64\n",
                         "test.cfg:3: 'disk' is not supported yet\n"
                         "test.cfg:4: unknown key 'foo'\n"
                         "test.cfg:6: 'vif' is not supported yet\n"
                         "test.cfg:7: 'on_watchdog' is not supported yet\n"
                         "test.cfg:8: unknown key 'memroy'\n"));
    return NULL;
}

static const char *key_table(void)
{
    static const char *const supported[] = {
        "name",     "type",        "memory",    "maxmem",   "vcpus",
        "maxvcpus", "kernel",      "ramdisk",   "cmdline",  "extra",
        "root",     "on_poweroff", "on_reboot", "on_crash",
    };
    static const char *const documented[] = {
        "acpi",
        "bootloader",
        "builder",
        "channel",
        "cpus",
        "device_model_args_hvm",
        "device_tree",
        "dtdev",
        "gic_version",
        "iomem",
        "irqs",
        "on_soft_reset",
        "p9",
        "pci",
        "pool",
        "seclabel",
        "tee",
        "uuid",
        "vdispl",
        "vfb",
        "vkb",
        "vsnd",
        "vtpm",
        "vuart",
        "xen_platform_pci",
    };
    const char *const *keys;
    size_t i, n;

    for ( i = 0; i < ARRAY_SIZE(supported); i++ )
        CHECK(xl_key_kind(supported[i]) == XL_KEY_SUPPORTED);
    for ( i = 0; i < ARRAY_SIZE(documented); i++ )
        if ( xl_key_kind(documented[i]) != XL_KEY_NOT_YET )
            return test_fail("'%s' is not a known key", documented[i]);
    /* Sorted (bsearch needs it), and each one found. */
    keys = xl_keys_not_yet(&n);
    CHECK(n > 100);
    for ( i = 0; i < n; i++ ) {
        if ( i && strcmp(keys[i - 1], keys[i]) >= 0 )
            return test_fail("'%s' before '%s'", keys[i - 1], keys[i]);
        if ( xl_key_kind(keys[i]) != XL_KEY_NOT_YET )
            return test_fail("'%s' not found", keys[i]);
    }
    CHECK(xl_key_kind("nosuchkey") == XL_KEY_UNKNOWN);
    CHECK(xl_key_kind("") == XL_KEY_UNKNOWN);
    return NULL;
}

static const char *overrides(void)
{
    static const char *const good[] = { "memory=256", "name=\"other\"",
                                        "vcpus = 2 ; maxvcpus = 3" };
    static const char *const unknown[] = { "memory=256", "foo=1" };
    static const char *const broken[] = { "name=\"x" };
    static const char *const list[] = { "extra=[", "'x']" };

    CHECK(!PARSE(MINIMAL "memory = 128\nvcpus = 1\n"));
    CHECK(!xl_parse_overrides(run_config(), 3, good));
    CHECK(!xl_check_keys(run_config()));
    CHECK(!xl_guest_config_from_cfg(run_config(), &gc));
    CHECK(gc.memory_mib == 256 && !strcmp(gc.name, "other"));
    CHECK(gc.vcpus == 2 && gc.maxvcpus == 3);
    CHECK(!strcmp(gc.kernel, "/boot/vmlinuz"));
    CHECK_OK(report_is(""));
    xl_guest_config_dispose(&gc);
    CHECK(!xl_parse_overrides(run_config(), 0, NULL));

    CHECK(!PARSE(MINIMAL));
    CHECK(!xl_parse_overrides(run_config(), 2, unknown));
    CHECK(xl_check_keys(run_config()) == EINVAL);
    CHECK_OK(report_is("command line:2: unknown key 'foo'\n"));

    CHECK(!PARSE(MINIMAL));
    CHECK(xl_parse_overrides(run_config(), 1, broken) == EINVAL);
    CHECK_OK(report_is("command line:1: unterminated string\n"));

    /* A list may go on over arguments, as in xl, which joins them. */
    CHECK(!PARSE(MINIMAL));
    CHECK(!xl_parse_overrides(run_config(), 2, list));

    /* Bounds and values from the command line name it too. */
    CHECK(!PARSE(MINIMAL "vcpus = 2\n"));
    CHECK(!xl_parse_overrides(run_config(), 1,
                              (const char *const[]){ "vcpus=0" }));
    CHECK(xl_guest_config_from_cfg(run_config(), &gc) == EINVAL);
    CHECK_OK(report_is("command line:1: 'vcpus' must be at least 1, not "
                       "0\n"));
    return NULL;
}

/* The whole of xl create's parsing, with real files. */
static const char *boot_files(void)
{
    char cfg_text[1024], want[1024], kernel[256], ramdisk[256], empty[256];
    static const char *const over[] = { "memory=64" };
    const char *cfg;

    CHECK(tmp_file("Image", "kernel", 6));
    snprintf(kernel, sizeof(kernel), "%s", tmp_path("Image"));
    CHECK(tmp_file("initrd", "ramdisk", 7));
    snprintf(ramdisk, sizeof(ramdisk), "%s", tmp_path("initrd"));
    CHECK(tmp_file("empty", "", 0));
    snprintf(empty, sizeof(empty), "%s", tmp_path("empty"));

    snprintf(cfg_text, sizeof(cfg_text),
             "name = 'g'\nkernel = '%s'\nramdisk = '%s'\n", kernel, ramdisk);
    cfg = tmp_file("g.cfg", cfg_text, strlen(cfg_text));
    CHECK(cfg && run_start("unused"));
    CHECK(!xl_parse_guest_config(run_stream(), cfg, "g.cfg", 1, over, &gc));
    CHECK(gc.memory_mib == 64 && !strcmp(gc.kernel, kernel));
    CHECK(!strcmp(gc.ramdisk, ramdisk));
    CHECK_OK(report_is(""));
    xl_guest_config_dispose(&gc);

    snprintf(cfg_text, sizeof(cfg_text),
             "name = 'g'\n\nkernel = '%s/nope'\nramdisk = '%s'\n", tmp_dir,
             tmp_dir);
    cfg = tmp_file("g.cfg", cfg_text, strlen(cfg_text));
    CHECK(cfg && run_start("unused"));
    CHECK(xl_parse_guest_config(run_stream(), cfg, NULL, 0, NULL, &gc) ==
          ENOENT);
    CHECK(!gc.name);
    snprintf(want, sizeof(want),
             "%s:3: cannot read kernel '%s/nope': No such file or "
             "directory\n%s:4: ramdisk '%s' is not a regular file\n",
             cfg, tmp_dir, cfg, tmp_dir);
    CHECK_OK(report_is(want));

    snprintf(cfg_text, sizeof(cfg_text), "name = 'g'\nkernel = '%s'\n", empty);
    cfg = tmp_file("g.cfg", cfg_text, strlen(cfg_text));
    CHECK(cfg && run_start("unused"));
    CHECK(xl_parse_guest_config(run_stream(), cfg, "g.cfg", 0, NULL, &gc) ==
          EINVAL);
    snprintf(want, sizeof(want), "g.cfg:2: kernel '%s' is empty\n", empty);
    CHECK_OK(report_is(want));

    /* A FIFO is refused without being opened, which would block. */
    CHECK(!mkfifo(tmp_path("fifo"), 0600));
    snprintf(cfg_text, sizeof(cfg_text), "name = 'g'\nkernel = '%s'\n",
             tmp_path("fifo"));
    cfg = tmp_file("g.cfg", cfg_text, strlen(cfg_text));
    CHECK(cfg && run_start("unused"));
    CHECK(xl_parse_guest_config(run_stream(), cfg, "g.cfg", 0, NULL, &gc) ==
          EINVAL);
    snprintf(want, sizeof(want),
             "g.cfg:2: kernel '%s' is not a regular "
             "file\n",
             tmp_path("fifo"));
    CHECK_OK(report_is(want));

    /* Each stage's failure stops it, with its message. */
    cfg = tmp_file("g.cfg", "name = 'g'\nfoo = 1\n", 19);
    CHECK(cfg && run_start("unused"));
    CHECK(xl_parse_guest_config(run_stream(), cfg, "g.cfg", 0, NULL, &gc) ==
          EINVAL);
    CHECK_OK(report_is("g.cfg:2: unknown key 'foo'\n"));
    CHECK(run_start("unused"));
    CHECK(xl_parse_guest_config(run_stream(), tmp_path("none.cfg"), "x.cfg", 0,
                                NULL, &gc) == ENOENT);
    return NULL;
}

const struct test_case guest_cases[] = {
    TEST(defaults),
    TEST(full),
    TEST(cmdline_from_root_and_extra),
    TEST(memory),
    TEST(vcpus),
    TEST(guest_type),
    TEST(actions),
    TEST(names),
    TEST(kernel_required),
    TEST(all_problems_reported),
    TEST(unknown_and_unsupported_keys),
    TEST(key_table),
    TEST(overrides),
    TEST(boot_files),
};
const size_t guest_ncases = ARRAY_SIZE(guest_cases);
