/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * From an xl.cfg file (and xl create's KEY=VALUE arguments) to the
 * description of an Arm guest that xl's commands build.
 *
 * Functions return 0 or an errno value (EINVAL for a configuration that
 * is wrong, ENOMEM); every problem is reported first on the stream given
 * to xlu_cfg_init, one line each, "FILE:LINE: problem".
 */
#ifndef XL_PARSE_H
#define XL_PARSE_H

#include <stdio.h>

#include <libxlutil.h>

/* What happens when a guest stops, with libxl's numbering. */
enum xl_action_on_shutdown {
    XL_ACTION_DESTROY = 1,
    XL_ACTION_RESTART,
    XL_ACTION_RENAME_RESTART,
    XL_ACTION_PRESERVE,
    XL_ACTION_COREDUMP_DESTROY,
    XL_ACTION_COREDUMP_RESTART,
    XL_ACTION_SOFT_RESET,
};

/* Only PVH runs on Arm; the others exist to name them in messages. */
enum xl_guest_type {
    XL_GUEST_PVH = 1,
};

/* xl's defaults (libxl's, for memory) for what a file leaves out. */
#define XL_DEFAULT_MEMORY_MIB 32
#define XL_DEFAULT_VCPUS      1

struct xl_guest_config {
    char *name;
    enum xl_guest_type type;
    unsigned long memory_mib; /* at start */
    unsigned long maxmem_mib; /* at most, >= memory_mib */
    unsigned int vcpus;       /* online at start */
    unsigned int maxvcpus;    /* >= vcpus */
    char *kernel;
    char *ramdisk; /* NULL: none */
    char *cmdline; /* NULL: none; from root and extra without cmdline */
    enum xl_action_on_shutdown on_poweroff;
    enum xl_action_on_shutdown on_reboot;
    enum xl_action_on_shutdown on_crash;
};

/* The name xl uses for an action ("rename-restart"), or NULL. */
const char *xl_action_on_shutdown_name(enum xl_action_on_shutdown action);

/*
 * Parses args[0..n-1], xl create's KEY=VALUE arguments, into cfg after
 * its file, as xl does; later settings replace the file's.  Messages
 * name them "command line:N", N counting the arguments from 1.
 */
int xl_parse_overrides(XLU_Config *cfg, int n, const char *const *args);

/*
 * Checks every key set: one this parser knows is fine; one xl.cfg
 * documents but this toolstack does not handle yet is reported as
 * "'disk' is not supported yet"; anything else "unknown key 'foo'".
 * Reports them all, then fails if there was one.
 */
int xl_check_keys(const XLU_Config *cfg);

/*
 * Builds gc from cfg, with xl's defaults for what is not set.  On
 * failure gc holds nothing to free.
 */
int xl_guest_config_from_cfg(const XLU_Config *cfg, struct xl_guest_config *gc);

/*
 * Checks that gc's kernel and ramdisk are readable files, reporting at
 * the line of their keys in cfg.
 */
int xl_check_boot_files(const XLU_Config *cfg,
                        const struct xl_guest_config *gc);

void xl_guest_config_dispose(struct xl_guest_config *gc);

/*
 * All of the above for xl create: reads the file at path (named
 * report_name in messages, path when NULL), then the n overrides, checks
 * the keys, builds gc and checks its files.  Messages go to report.
 */
int xl_parse_guest_config(FILE *report, const char *path,
                          const char *report_name, int n,
                          const char *const *overrides,
                          struct xl_guest_config *gc);

#endif /* XL_PARSE_H */
