/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xl create: read the config, make the domain (xenstore, the builder,
 * the introduction to xenstored), unpause it, leave a process watching
 * it (xl_monitor.c), and attach to its console with -c.  Any failure
 * takes away what was made: no half-built domain stays behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenguest.h>

#include "xl.h"
#include "xl_dom_xs.h"
#include "xl_parse.h"

/* Room above maxmem for the magic pages, as libxl's MAXMEM_CONSTANT. */
#define MAXMEM_SLACK_KIB    1024
#define EVTCHN_MAX_PORT     1023
#define GRANT_FRAMES        64
#define MAPTRACK_FRAMES     1024

struct create_opts {
    bool console, paused, no_monitor, foreground, dryrun, quiet;
};

static int random_uuid(uint8_t uuid[16], char text[37])
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? -1 : read(fd, uuid, 16);

    if ( fd >= 0 )
        close(fd);
    if ( n != 16 )
        return -1;
    uuid[6] = (uuid[6] & 0x0f) | 0x40;      /* version 4: random */
    uuid[8] = (uuid[8] & 0x3f) | 0x80;
    snprintf(text, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x", uuid[0], uuid[1], uuid[2], uuid[3],
             uuid[4], uuid[5], uuid[6], uuid[7], uuid[8], uuid[9], uuid[10],
             uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
    return 0;
}

/* What the host can give, checked before anything is made. */
static int check_resources(const XLU_Config *cfg,
                           const struct xl_guest_config *gc)
{
    xc_physinfo_t pi;
    uint64_t free_mib;

    if ( xc_physinfo(xch, &pi) ) {
        fprintf(stderr, "xl: cannot read the host's free memory: %s\n",
                strerror(errno));
        return -1;
    }
    free_mib = pi.free_pages >> (20 - 12);
    if ( gc->memory_mib > free_mib ) {
        xlu_cfg_report(cfg, "memory", "memory = %lu MiB is more than the "
                       "host's free memory (%llu MiB)", gc->memory_mib,
                       (unsigned long long)free_mib);
        return -1;
    }
    if ( domain_by_name(gc->name) >= 0 ) {
        xlu_cfg_report(cfg, "name", "a domain named '%s' already exists",
                       gc->name);
        return -1;
    }
    return 0;
}

/* Makes and builds the domain; on failure *domid_r names what to undo. */
static int make_domain(const struct xl_guest_config *gc, uint32_t *domid_r,
                       int64_t *made)
{
    struct xen_domctl_createdomain config = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = gc->maxvcpus,
        .max_evtchn_port = EVTCHN_MAX_PORT,
        .max_grant_frames = GRANT_FRAMES,
        .max_maptrack_frames = MAPTRACK_FRAMES,
        .arch.gic_version = XEN_DOMCTL_CONFIG_GIC_NATIVE,
        .arch.tee_type = XEN_DOMCTL_CONFIG_TEE_NONE,
    };
    struct xg_guest_spec spec = {
        .mem_kib = (uint64_t)gc->memory_mib << 10,
        .nr_vcpus = gc->maxvcpus,
        .kernel_path = gc->kernel, .ramdisk_path = gc->ramdisk,
        .cmdline = gc->cmdline,
    };
    struct xg_guest_built built;
    char uuid_text[37], err[256];
    struct xl_dom_xs xs = {
        .name = gc->name, .uuid = uuid_text,
        .max_memkb = (uint64_t)gc->maxmem_mib << 10,
        .target_memkb = (uint64_t)gc->memory_mib << 10,
        .vcpus = gc->vcpus, .max_vcpus = gc->maxvcpus,
    };
    uint32_t domid = 0;

    if ( random_uuid(config.handle, uuid_text) ) {
        fprintf(stderr, "xl: cannot read /dev/urandom for a UUID\n");
        return -1;
    }
    if ( xc_domain_create(xch, &domid, &config) ) {
        fprintf(stderr, "xl: the hypervisor refused to create domain %s: "
                "%s\n", gc->name, strerror(errno));
        return -1;
    }
    *made = domid;
    *domid_r = xs.domid = spec.domid = domid;
    if ( xs_domain_make(&xs) ) {
        fprintf(stderr, "xl: writing domain %s's xenstore nodes: %s\n",
                gc->name, strerror(errno));
        return -1;
    }
    if ( xc_domain_max_vcpus(xch, domid, gc->maxvcpus) ||
         xc_domain_setmaxmem(xch, domid, xs.max_memkb + MAXMEM_SLACK_KIB) ) {
        fprintf(stderr, "xl: setting domain %s's vCPUs and memory limit: "
                "%s\n", gc->name, strerror(errno));
        return -1;
    }
    if ( xg_arm_build(xch, &spec, &built, err, sizeof(err)) ) {
        fprintf(stderr, "xl: building domain %s: %s\n", gc->name, err);
        return -1;
    }
    xs.console_gfn = built.console_gfn;
    xs.console_port = built.console_port;
    xs.store_gfn = built.store_gfn;
    xs.store_port = built.store_port;
    if ( xs_domain_introduce(&xs) ) {
        fprintf(stderr, "xl: introducing domain %s to xenstored: %s\n",
                gc->name, strerror(errno));
        return -1;
    }
    return 0;
}

static int parse_opts(int argc, char **argv, struct create_opts *o,
                      int *rc_r)
{
    int opt;

    while ( (opt = def_getopt(argc, argv, "+cpeFnqh", "create", 1, rc_r)) != -1 ) {
        switch ( opt ) {
        case 0:
            return -1;
        case 'c': o->console = true; break;
        case 'p': o->paused = true; break;
        case 'e': o->no_monitor = true; break;
        case 'F': o->foreground = true; break;
        case 'n': o->dryrun = true; break;
        case 'q': o->quiet = true; break;
        }
    }
    return 0;
}

static void print_dryrun(const struct xl_guest_config *gc)
{
    printf("name: %s\nmemory: %lu MiB (max %lu MiB)\nvcpus: %u (max %u)\n"
           "kernel: %s\nramdisk: %s\ncmdline: %s\n"
           "on_poweroff: %s\non_reboot: %s\non_crash: %s\n",
           gc->name, gc->memory_mib, gc->maxmem_mib, gc->vcpus, gc->maxvcpus,
           gc->kernel, gc->ramdisk ? gc->ramdisk : "(none)",
           gc->cmdline ? gc->cmdline : "",
           xl_action_on_shutdown_name(gc->on_poweroff),
           xl_action_on_shutdown_name(gc->on_reboot),
           xl_action_on_shutdown_name(gc->on_crash));
}

/* Reads the config: the file, then the KEY=VALUE arguments after it. */
static XLU_Config *read_config(const char *path, int n, char **overrides,
                               struct xl_guest_config *gc)
{
    XLU_Config *cfg = xlu_cfg_init(stderr, path);
    int rc;

    memset(gc, 0, sizeof(*gc));
    if ( !cfg ) {
        fprintf(stderr, "xl: out of memory\n");
        return NULL;
    }
    rc = xlu_cfg_readfile(cfg, path);
    if ( !rc )
        rc = xl_parse_overrides(cfg, n, (const char *const *)overrides);
    if ( !rc )
        rc = xl_check_keys(cfg);
    if ( !rc )
        rc = xl_guest_config_from_cfg(cfg, gc);
    if ( !rc && (rc = xl_check_boot_files(cfg, gc)) )
        xl_guest_config_dispose(gc);
    if ( rc ) {
        xlu_cfg_destroy(cfg);
        return NULL;
    }
    return cfg;
}

int main_create(int argc, char **argv)
{
    struct create_opts o = { 0 };
    struct xl_guest_config gc;
    XLU_Config *cfg;
    int64_t made = -1;
    uint32_t domid = 0;
    int rc = EXIT_FAILURE;

    if ( parse_opts(argc, argv, &o, &rc) )
        return rc;
    fprintf(stderr, "Parsing config from %s\n", argv[optind]);
    cfg = read_config(argv[optind], argc - optind - 1, argv + optind + 1, &gc);
    if ( !cfg )
        return EXIT_FAILURE;
    if ( o.dryrun ) {
        print_dryrun(&gc);
        rc = EXIT_SUCCESS;
        goto out;
    }
    if ( check_resources(cfg, &gc) )
        goto out;
    if ( make_domain(&gc, &domid, &made) ) {
        if ( made >= 0 )
            domain_destroy_all(made);
        goto out;
    }
    if ( !o.paused && xc_domain_unpause(xch, domid) ) {
        fprintf(stderr, "xl: unpausing domain %s: %s\n", gc.name,
                strerror(errno));
        domain_destroy_all(domid);
        goto out;
    }
    rc = EXIT_SUCCESS;
    if ( o.foreground )
        rc = monitor_domain(domid, &gc) ? EXIT_FAILURE : EXIT_SUCCESS;
    else if ( !o.no_monitor && monitor_in_background(domid, &gc) )
        rc = EXIT_FAILURE;
    if ( o.console && !o.foreground )
        console_exec(domid, 0, "pv");
 out:
    xl_guest_config_dispose(&gc);
    xlu_cfg_destroy(cfg);
    return rc;
}
