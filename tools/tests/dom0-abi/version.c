/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen_version: every sub-op, against what Linux shows in /sys/hypervisor
 * from the same calls, and its errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/features.h>
#include <xen/version.h>

#include "dom0-abi.h"

static long xen_version(unsigned int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_xen_version, cmd, HC_PTR(arg), 0);
}

/* The first line of a sysfs file, without its newline; "" if unreadable. */
static const char *sysfs_line(const char *path)
{
    static char line[256];
    FILE *f = fopen(path, "r");

    line[0] = '\0';
    if ( f ) {
        if ( !fgets(line, sizeof(line), f) )
            line[0] = '\0';
        fclose(f);
    }
    line[strcspn(line, "\n")] = '\0';
    return line;
}

static bool terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

static void check_version_numbers(void)
{
    long v = xen_version(XENVER_version, NULL);
    long major = -1, minor = -1;

    sysfs_read_long("/sys/hypervisor/version/major", &major);
    sysfs_read_long("/sys/hypervisor/version/minor", &minor);
    check("xen_version-version", v > 0 && (v >> 16) == major &&
          (v & 0xffff) == minor, "%ld.%ld (sysfs says %ld.%ld)",
          v >> 16, v & 0xffff, major, minor);
}

static void check_strings(void)
{
    xen_extraversion_t extra;
    static xen_capabilities_info_t caps;
    xen_changeset_info_t changeset;
    static xen_commandline_t cmdline;
    struct xen_compile_info info;
    long rc;

    memset(extra, 0xff, sizeof(extra));
    rc = xen_version(XENVER_extraversion, extra);
    check("xen_version-extraversion", !rc && terminated(extra, sizeof(extra)) &&
          !strcmp(extra, sysfs_line("/sys/hypervisor/version/extra")),
          "rc %ld, \"%.16s\"", rc, rc ? "" : extra);

    memset(&info, 0xff, sizeof(info));
    rc = xen_version(XENVER_compile_info, &info);
    check("xen_version-compile_info", !rc &&
          terminated(info.compiler, sizeof(info.compiler)) && info.compiler[0] &&
          terminated(info.compile_date, sizeof(info.compile_date)),
          "rc %ld, compiler \"%.64s\"", rc, rc ? "" : info.compiler);

    rc = xen_version(XENVER_capabilities, caps);
    check("xen_version-capabilities", !rc && strstr(caps, "xen-3.0-aarch64") &&
          !strcmp(caps, sysfs_line("/sys/hypervisor/properties/capabilities")),
          "rc %ld, \"%.80s\"", rc, rc ? "" : caps);

    rc = xen_version(XENVER_changeset, changeset);
    check("xen_version-changeset", !rc && terminated(changeset, sizeof(changeset)),
          "rc %ld, \"%.64s\"", rc, rc ? "" : changeset);

    rc = xen_version(XENVER_commandline, cmdline);
    check("xen_version-commandline", !rc && terminated(cmdline, sizeof(cmdline)) &&
          strstr(cmdline, "dom0_mem="), "rc %ld, \"%.200s\"", rc,
          rc ? "" : cmdline);
}

static void check_features(void)
{
    struct xen_feature_info fi = { .submap_idx = 0 };
    const uint32_t need = (1u << XENFEAT_auto_translated_physmap) |
                          (1u << XENFEAT_dom0) | (1u << XENFEAT_direct_mapped);
    unsigned long sysfs_map;
    long rc;

    rc = xen_version(XENVER_get_features, &fi);
    sysfs_map = strtoul(sysfs_line("/sys/hypervisor/properties/features"),
                        NULL, 16);
    check("xen_version-get_features", !rc && (fi.submap & need) == need &&
          !(fi.submap & (1u << XENFEAT_not_direct_mapped)) &&
          fi.submap == sysfs_map, "rc %ld, submap 0 = %#x (sysfs %#lx)",
          rc, fi.submap, sysfs_map);

    fi.submap_idx = XENFEAT_NR_SUBMAPS;
    check_rc("xen_version-get_features-bad-submap",
             xen_version(XENVER_get_features, &fi), -EINVAL);
}

static void check_numbers(void)
{
    struct xen_platform_parameters pp;
    unsigned char handle[16];
    struct {
        struct xen_build_id id;
        unsigned char buf[64];
    } build;
    long rc;

    check_rc("xen_version-pagesize", xen_version(XENVER_pagesize, NULL), 4096);
    check_rc("xen_version-platform_parameters",
             xen_version(XENVER_platform_parameters, &pp), 0);

    rc = xen_version(XENVER_guest_handle, handle);
    check("xen_version-guest_handle", !rc, "rc %ld", rc);

    build.id.len = sizeof(build.buf);
    rc = xen_version(XENVER_build_id, &build);
    check("xen_version-build_id", rc >= 16 && rc <= (long)sizeof(build.buf),
          "rc %ld (bytes of the id)", rc);
    build.id.len = 1;
    check_rc("xen_version-build_id-small-buffer",
             xen_version(XENVER_build_id, &build), -ENOBUFS);
}

static void check_errors(void)
{
    check_rc("xen_version-unknown-subop", xen_version(64, NULL), -ENOSYS);
    check_rc("xen_version-extraversion-bad-pointer",
             xen_version(XENVER_extraversion, (void *)BAD_PTR), -EFAULT);
    check_rc("xen_version-get_features-bad-pointer",
             xen_version(XENVER_get_features, (void *)BAD_PTR), -EFAULT);
    check_rc("xen_version-build_id-bad-pointer",
             xen_version(XENVER_build_id, (void *)BAD_PTR), -EFAULT);
}

void test_version(void)
{
    check_version_numbers();
    check_strings();
    check_features();
    check_numbers();
    check_errors();
}
