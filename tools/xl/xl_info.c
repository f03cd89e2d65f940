/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xl info: the host and the hypervisor, one "name : value" line each in
 * the order and layout of Xen's xl (scripts read free_memory and
 * friends).  Lines whose facts this hypervisor does not keep (NUMA
 * claims, sharing, its scheduler's Xen name) are left out rather than
 * invented.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <xen/version.h>

#include "xl.h"

#define LINE(name, fmt, ...) printf("%-23s: " fmt "\n", name, __VA_ARGS__)

static void node_info(void)
{
    struct utsname u;

    if ( uname(&u) < 0 )
        return;
    LINE("host", "%s", u.nodename);
    LINE("release", "%s", u.release);
    LINE("version", "%s", u.version);
    LINE("machine", "%s", u.machine);
}

static int phys_info(void)
{
    xc_physinfo_t pi;
    const uint64_t pages_per_mib = (1 << 20) / 4096;

    if ( xc_physinfo(xch, &pi) ) {
        perror("xl info: physinfo");
        return -1;
    }
    LINE("nr_cpus", "%u", pi.nr_cpus);
    LINE("max_cpu_id", "%u", pi.max_cpu_id);
    LINE("nr_nodes", "%u", pi.nr_nodes);
    LINE("cores_per_socket", "%u", pi.cores_per_socket);
    LINE("threads_per_core", "%u", pi.threads_per_core);
    LINE("cpu_mhz", "%u.%03u", pi.cpu_khz / 1000, pi.cpu_khz % 1000);
    LINE("hw_caps", "%08x:%08x:%08x:%08x:%08x:%08x:%08x:%08x",
         pi.hw_cap[0], pi.hw_cap[1], pi.hw_cap[2], pi.hw_cap[3],
         pi.hw_cap[4], pi.hw_cap[5], pi.hw_cap[6], pi.hw_cap[7]);
    LINE("virt_caps", "%s%s",
         pi.capabilities & XEN_SYSCTL_PHYSCAP_hvm ? " hvm" : "",
         pi.capabilities & XEN_SYSCTL_PHYSCAP_hap ? " hap" : "");
    LINE("total_memory", "%llu",
         (unsigned long long)(pi.total_pages / pages_per_mib));
    LINE("free_memory", "%llu",
         (unsigned long long)(pi.free_pages / pages_per_mib));
    return 0;
}

static void xen_info(void)
{
    xen_extraversion_t extra = "";
    xen_capabilities_info_t caps = "";
    xen_changeset_info_t changeset = "";
    xen_commandline_t cmdline = "";
    struct xen_compile_info ci = { 0 };
    int v = xc_version(xch, XENVER_version, NULL);
    int pagesize = xc_version(xch, XENVER_pagesize, NULL);

    xc_version(xch, XENVER_extraversion, extra);
    xc_version(xch, XENVER_capabilities, caps);
    xc_version(xch, XENVER_changeset, changeset);
    xc_version(xch, XENVER_commandline, cmdline);
    xc_version(xch, XENVER_compile_info, &ci);
    extra[sizeof(extra) - 1] = caps[sizeof(caps) - 1] = 0;
    changeset[sizeof(changeset) - 1] = cmdline[sizeof(cmdline) - 1] = 0;
    ci.compiler[sizeof(ci.compiler) - 1] = 0;
    ci.compile_by[sizeof(ci.compile_by) - 1] = 0;
    ci.compile_domain[sizeof(ci.compile_domain) - 1] = 0;
    ci.compile_date[sizeof(ci.compile_date) - 1] = 0;

    LINE("xen_major", "%d", v >> 16);
    LINE("xen_minor", "%d", v & 0xffff);
    LINE("xen_extra", "%s", extra);
    LINE("xen_version", "%d.%d%s", v >> 16, v & 0xffff, extra);
    LINE("xen_caps", "%s", caps);
    LINE("xen_pagesize", "%d", pagesize);
    LINE("xen_changeset", "%s", changeset);
    LINE("xen_commandline", "%s", cmdline);
    LINE("cc_compiler", "%s", ci.compiler);
    LINE("cc_compile_by", "%s", ci.compile_by);
    LINE("cc_compile_domain", "%s", ci.compile_domain);
    LINE("cc_compile_date", "%s", ci.compile_date);
}

int main_info(int argc, char **argv)
{
    int opt, rc;

    while ( (opt = def_getopt(argc, argv, "h", "info", 0, &rc)) != -1 )
        if ( !opt )
            return rc;
    node_info();
    if ( phys_info() )
        return EXIT_FAILURE;
    xen_info();
    LINE("xend_config_format", "%d", 4);
    return EXIT_SUCCESS;
}
