/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An Arm guest's description from its xl.cfg, with the defaults and the
 * rules of Xen 4.17's xl and libxl, and this project's stricter checks:
 * keys nobody reads are errors, and values are bounded.  It carries on
 * after a problem, so that one run reports them all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xen/xen.h>

#include "xl_keys.h"
#include "xl_parse.h"

/* What the guest memory map of the public headers has room for. */
#define MAX_MEMORY_MIB ((long)((GUEST_RAM0_SIZE + GUEST_RAM1_SIZE) >> 20))
/* Longer names would not fit xenstore's paths and messages well. */
#define MAX_NAME_LEN     255
#define OVERRIDES_SOURCE "command line"

static const char *const action_names[] = {
    [XL_ACTION_DESTROY] = "destroy",
    [XL_ACTION_RESTART] = "restart",
    [XL_ACTION_RENAME_RESTART] = "rename-restart",
    [XL_ACTION_PRESERVE] = "preserve",
    [XL_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
    [XL_ACTION_COREDUMP_RESTART] = "coredump-restart",
    [XL_ACTION_SOFT_RESET] = "soft-reset",
};

#define NR_ACTIONS (sizeof(action_names) / sizeof(action_names[0]))

const char *xl_action_on_shutdown_name(enum xl_action_on_shutdown action)
{
    if ( (unsigned int)action >= NR_ACTIONS )
        return NULL;
    return action_names[action];
}

/* Keeps the first failure of several steps. */
static int first_error(int rc, int new_rc)
{
    return rc ? rc : new_rc;
}

/* For a setting that may be absent. */
static int optional(int rc)
{
    return rc == ESRCH ? 0 : rc;
}

int xl_parse_overrides(XLU_Config *cfg, int n, const char *const *args)
{
    size_t len = 0;
    char *text, *p;
    int i, rc;

    if ( n <= 0 )
        return 0;
    /* One line each, as xl joins them, so that line N is argument N. */
    for ( i = 0; i < n; i++ ) {
        len += strlen(args[i]) + 1;
        if ( len > XLU_CFG_MAX_FILE ) {
            xlu_cfg_report(cfg, NULL, "%s: longer than %d bytes",
                           OVERRIDES_SOURCE, XLU_CFG_MAX_FILE);
            return EFBIG;
        }
    }
    text = malloc(len);
    if ( !text )
        return ENOMEM;
    for ( p = text, i = 0; i < n; i++ ) {
        size_t l = strlen(args[i]);

        memcpy(p, args[i], l);
        p[l] = '\n';
        p += l + 1;
    }
    rc = xlu_cfg_readdata_from(cfg, OVERRIDES_SOURCE, text, len);
    free(text);
    return rc;
}

int xl_check_keys(const XLU_Config *cfg)
{
    const XLU_ConfigSetting *set;
    int rc = 0;

    for ( set = xlu_cfg_first_setting(cfg); set;
          set = xlu_cfg_next_setting(set) ) {
        const char *name = xlu_cfg_setting_name(set);

        switch ( xl_key_kind(name) ) {
        case XL_KEY_SUPPORTED: continue;
        case XL_KEY_NOT_YET:
            xlu_cfg_report(cfg, name, "'%s' is not supported yet", name);
            break;
        case XL_KEY_UNKNOWN:
            xlu_cfg_report(cfg, name, "unknown key '%s'", name);
            break;
        }
        rc = EINVAL;
    }
    return rc;
}

/*
 * xl takes any name and libxl only wants it unique; these rules keep
 * names usable by xl's own commands and by scripts reading "xl list":
 * no blanks or control characters, no leading '-' (an option), not all
 * digits (xl would take it for a domain id).
 */
static int check_name(const XLU_Config *cfg, const char *name)
{
    size_t i, len = strlen(name), digits = 0;

    if ( !len ) {
        xlu_cfg_report(cfg, "name", "'name' is empty");
        return EINVAL;
    }
    if ( len > MAX_NAME_LEN ) {
        xlu_cfg_report(cfg, "name", "'name' is longer than %d characters",
                       MAX_NAME_LEN);
        return EINVAL;
    }
    for ( i = 0; i < len; i++ ) {
        unsigned char c = name[i];

        if ( c <= ' ' || c == 0x7f ) {
            xlu_cfg_report(cfg, "name",
                           "'name' cannot hold blanks or control "
                           "characters (byte 0x%02x at %zu)",
                           c, i + 1);
            return EINVAL;
        }
        digits += c >= '0' && c <= '9';
    }
    if ( name[0] == '-' ) {
        xlu_cfg_report(cfg, "name", "'name' cannot start with '-'");
        return EINVAL;
    }
    if ( digits == len ) {
        xlu_cfg_report(cfg, "name",
                       "'name' cannot be all digits: xl would take '%s' for "
                       "a domain id",
                       name);
        return EINVAL;
    }
    return 0;
}

/* A string setting that must be there (or absent, when optional). */
static int get_string(const XLU_Config *cfg, const char *key, bool required,
                      char **out)
{
    const char *value;
    int rc = xlu_cfg_get_string(cfg, key, &value, 0);

    *out = NULL;
    if ( rc == ESRCH && !required )
        return 0;
    if ( rc == ESRCH ) {
        xlu_cfg_report(cfg, NULL, "'%s' is not set, and a guest needs it", key);
        return EINVAL;
    }
    if ( rc )
        return rc;
    if ( !*value ) {
        xlu_cfg_report(cfg, key, "'%s' is empty", key);
        return EINVAL;
    }
    *out = strdup(value);
    return *out ? 0 : ENOMEM;
}

/*
 * xl picks the type by prefix ("h" is hvm, "p" pv), so say which type an
 * abbreviation meant; libxl on Arm then refuses all but pvh.
 */
static int parse_type(const XLU_Config *cfg, struct xl_guest_config *gc)
{
    static const char *const others[] = { "hvm", "pv" };
    char quoted[XLU_CFG_ESCAPE_SIZE];
    const char *value;
    size_t i;
    int rc = xlu_cfg_get_string(cfg, "type", &value, 0);

    gc->type = XL_GUEST_PVH;
    if ( rc == ESRCH )
        return 0;
    if ( rc )
        return rc;
    if ( !strcmp(value, "pvh") )
        return 0;
    xlu_cfg_escape(value, quoted, sizeof(quoted));
    for ( i = 0; i < sizeof(others) / sizeof(others[0]); i++ ) {
        if ( strncmp(value, others[i], strlen(value)) )
            continue;
        if ( strcmp(value, others[i]) )
            xlu_cfg_report(cfg, "type",
                           "type '%s' (xl reads it as '%s') is not "
                           "supported on Arm: only 'pvh' is",
                           quoted, others[i]);
        else
            xlu_cfg_report(cfg, "type",
                           "type '%s' is not supported on Arm: only 'pvh' "
                           "is",
                           quoted);
        return EINVAL;
    }
    xlu_cfg_report(cfg, "type",
                   "unknown type '%s': the types are pv, pvh "
                   "and hvm, and Arm has only pvh",
                   quoted);
    return EINVAL;
}

/* memory and maxmem: either gives the other when it is alone. */
static int parse_memory(const XLU_Config *cfg, struct xl_guest_config *gc)
{
    long memory, maxmem;
    int rc_mem, rc_max;

    rc_mem =
        xlu_cfg_get_bounded_long(cfg, "memory", 1, MAX_MEMORY_MIB, &memory, 0);
    rc_max =
        xlu_cfg_get_bounded_long(cfg, "maxmem", 1, MAX_MEMORY_MIB, &maxmem, 0);
    if ( (rc_mem && rc_mem != ESRCH) || (rc_max && rc_max != ESRCH) )
        return EINVAL;

    if ( rc_mem == ESRCH && rc_max == ESRCH )
        memory = maxmem = XL_DEFAULT_MEMORY_MIB;
    else if ( rc_mem == ESRCH )
        memory = maxmem;
    else if ( rc_max == ESRCH )
        maxmem = memory;

    if ( maxmem < memory ) {
        xlu_cfg_report(cfg, "maxmem",
                       "'maxmem' (%ld) is less than 'memory' (%ld)", maxmem,
                       memory);
        return EINVAL;
    }
    gc->memory_mib = memory;
    gc->maxmem_mib = maxmem;
    return 0;
}

/* vcpus are online at start; maxvcpus, as many as vcpus by default. */
static int parse_vcpus(const XLU_Config *cfg, struct xl_guest_config *gc)
{
    long vcpus, maxvcpus;
    int rc_vcpus, rc_max;

    rc_vcpus =
        xlu_cfg_get_bounded_long(cfg, "vcpus", 1, GUEST_MAX_VCPUS, &vcpus, 0);
    rc_max = xlu_cfg_get_bounded_long(cfg, "maxvcpus", 1, GUEST_MAX_VCPUS,
                                      &maxvcpus, 0);
    if ( (rc_vcpus && rc_vcpus != ESRCH) || (rc_max && rc_max != ESRCH) )
        return EINVAL;

    if ( rc_vcpus == ESRCH )
        vcpus = XL_DEFAULT_VCPUS;
    if ( rc_max == ESRCH )
        maxvcpus = vcpus;
    if ( maxvcpus < vcpus ) {
        xlu_cfg_report(cfg, "maxvcpus",
                       "'maxvcpus' (%ld) is less than 'vcpus' (%ld)", maxvcpus,
                       vcpus);
        return EINVAL;
    }
    gc->vcpus = vcpus;
    gc->maxvcpus = maxvcpus;
    return 0;
}

static int parse_action(const XLU_Config *cfg, const char *key,
                        enum xl_action_on_shutdown fallback,
                        enum xl_action_on_shutdown *out)
{
    char quoted[XLU_CFG_ESCAPE_SIZE];
    const char *value;
    unsigned int i;
    int rc = xlu_cfg_get_string(cfg, key, &value, 0);

    *out = fallback;
    if ( rc == ESRCH )
        return 0;
    if ( rc )
        return rc;
    for ( i = 0; i < NR_ACTIONS; i++ ) {
        if ( action_names[i] && !strcmp(value, action_names[i]) ) {
            *out = i;
            return 0;
        }
    }
    xlu_cfg_report(cfg, key,
                   "unknown %s action '%s': the actions are destroy, "
                   "restart, rename-restart, preserve, coredump-destroy, "
                   "coredump-restart and soft-reset",
                   key, xlu_cfg_escape(value, quoted, sizeof(quoted)));
    return EINVAL;
}

/*
 * cmdline as it is, else built from root and extra as xl builds it:
 * "root=ROOT EXTRA", "root=ROOT" or "EXTRA".
 */
static int parse_cmdline(const XLU_Config *cfg, struct xl_guest_config *gc)
{
    const char *cmdline = NULL, *root = NULL, *extra = NULL;
    int rc = 0;

    rc = optional(xlu_cfg_get_string(cfg, "cmdline", &cmdline, 0));
    rc = first_error(rc, optional(xlu_cfg_get_string(cfg, "root", &root, 0)));
    rc = first_error(rc, optional(xlu_cfg_get_string(cfg, "extra", &extra, 0)));
    if ( rc )
        return rc;

    gc->cmdline = NULL;
    if ( cmdline ) {
        if ( root || extra )
            xlu_cfg_report(cfg, "cmdline",
                           "warning: 'root' and 'extra' are ignored, as "
                           "'cmdline' is set");
        gc->cmdline = strdup(cmdline);
    } else if ( root && extra ) {
        if ( asprintf(&gc->cmdline, "root=%s %s", root, extra) < 0 )
            gc->cmdline = NULL;
    } else if ( root ) {
        if ( asprintf(&gc->cmdline, "root=%s", root) < 0 )
            gc->cmdline = NULL;
    } else if ( extra ) {
        gc->cmdline = strdup(extra);
    } else {
        return 0;
    }
    return gc->cmdline ? 0 : ENOMEM;
}

int xl_guest_config_from_cfg(const XLU_Config *cfg, struct xl_guest_config *gc)
{
    int rc = 0;

    memset(gc, 0, sizeof(*gc));
    rc = first_error(rc, get_string(cfg, "name", true, &gc->name));
    if ( gc->name )
        rc = first_error(rc, check_name(cfg, gc->name));
    rc = first_error(rc, parse_type(cfg, gc));
    rc = first_error(rc, parse_memory(cfg, gc));
    rc = first_error(rc, parse_vcpus(cfg, gc));
    rc = first_error(rc, get_string(cfg, "kernel", true, &gc->kernel));
    rc = first_error(rc, get_string(cfg, "ramdisk", false, &gc->ramdisk));
    rc = first_error(rc, parse_cmdline(cfg, gc));
    rc = first_error(rc, parse_action(cfg, "on_poweroff", XL_ACTION_DESTROY,
                                      &gc->on_poweroff));
    rc = first_error(
        rc, parse_action(cfg, "on_reboot", XL_ACTION_RESTART, &gc->on_reboot));
    rc = first_error(
        rc, parse_action(cfg, "on_crash", XL_ACTION_DESTROY, &gc->on_crash));
    if ( rc )
        xl_guest_config_dispose(gc);
    return rc;
}

/*
 * Readable, a regular file, and not empty: a boot file worth loading.
 * stat comes first so that a FIFO or a device is never opened: opening
 * one can block or have effects.
 */
static int check_boot_file(const XLU_Config *cfg, const char *key,
                           const char *path)
{
    char quoted[XLU_CFG_ESCAPE_SIZE * 2];
    struct stat st;
    int fd, rc;

    /* Paths are long: a longer cut than other values. */
    xlu_cfg_escape(path, quoted, sizeof(quoted));

    if ( stat(path, &st) ) {
        rc = errno;
        xlu_cfg_report(cfg, key, "cannot read %s '%s': %s", key, quoted,
                       strerror(rc));
        return rc;
    }
    if ( !S_ISREG(st.st_mode) ) {
        xlu_cfg_report(cfg, key, "%s '%s' is not a regular file", key, quoted);
        return EINVAL;
    }
    if ( !st.st_size ) {
        xlu_cfg_report(cfg, key, "%s '%s' is empty", key, quoted);
        return EINVAL;
    }
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if ( fd < 0 ) {
        rc = errno;
        xlu_cfg_report(cfg, key, "cannot read %s '%s': %s", key, quoted,
                       strerror(rc));
        return rc;
    }
    close(fd);
    return 0;
}

int xl_check_boot_files(const XLU_Config *cfg, const struct xl_guest_config *gc)
{
    int rc = check_boot_file(cfg, "kernel", gc->kernel);

    if ( gc->ramdisk )
        rc = first_error(rc, check_boot_file(cfg, "ramdisk", gc->ramdisk));
    return rc;
}

void xl_guest_config_dispose(struct xl_guest_config *gc)
{
    free(gc->name);
    free(gc->kernel);
    free(gc->ramdisk);
    free(gc->cmdline);
    memset(gc, 0, sizeof(*gc));
}

int xl_parse_guest_config(FILE *report, const char *path,
                          const char *report_name, int n,
                          const char *const *overrides,
                          struct xl_guest_config *gc)
{
    XLU_Config *cfg = xlu_cfg_init(report, report_name ? report_name : path);
    int rc;

    memset(gc, 0, sizeof(*gc));
    if ( !cfg )
        return ENOMEM;
    rc = xlu_cfg_readfile(cfg, path);
    if ( !rc )
        rc = xl_parse_overrides(cfg, n, overrides);
    if ( !rc )
        rc = xl_check_keys(cfg);
    if ( !rc )
        rc = xl_guest_config_from_cfg(cfg, gc);
    if ( !rc ) {
        rc = xl_check_boot_files(cfg, gc);
        if ( rc )
            xl_guest_config_dispose(gc);
    }
    xlu_cfg_destroy(cfg);
    return rc;
}
