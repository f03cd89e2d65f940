/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * A configuration's settings: one per key, in the order they were last
 * set, with where each was set.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

XLU_Config *xlu_cfg_init(FILE *report, const char *report_filename)
{
    XLU_Config *cfg = calloc(1, sizeof(*cfg));

    if ( !cfg )
        return NULL;
    cfg->report = report;
    cfg->filename = strdup(report_filename);
    if ( !cfg->filename ) {
        free(cfg);
        return NULL;
    }
    cfg->tail = &cfg->settings;
    return cfg;
}

static void setting_free(XLU_ConfigSetting *set)
{
    free(set->name);
    xlu__value_free(set->value);
    free(set);
}

void xlu_cfg_destroy(XLU_Config *cfg)
{
    XLU_ConfigSetting *set, *next_set;
    struct xlu_source *src, *next_src;

    if ( !cfg )
        return;
    for ( set = cfg->settings; set; set = next_set ) {
        next_set = set->next;
        setting_free(set);
    }
    for ( src = cfg->sources; src; src = next_src ) {
        next_src = src->next;
        free(src);
    }
    free(cfg->filename);
    free(cfg);
}

/* The name as kept by cfg, for settings to point at; NULL without memory. */
const char *xlu__add_source(XLU_Config *cfg, const char *name)
{
    struct xlu_source *src;
    size_t len = strlen(name);

    if ( !strcmp(name, cfg->filename) )
        return cfg->filename;
    for ( src = cfg->sources; src; src = src->next )
        if ( !strcmp(src->name, name) )
            return src->name;

    src = malloc(sizeof(*src) + len + 1);
    if ( !src )
        return NULL;
    memcpy(src->name, name, len + 1);
    src->next = cfg->sources;
    cfg->sources = src;
    return src->name;
}

XLU_ConfigSetting *xlu__find(const XLU_Config *cfg, const char *name)
{
    XLU_ConfigSetting *set;

    for ( set = cfg->settings; set; set = set->next )
        if ( !strcmp(set->name, name) )
            return set;
    return NULL;
}

static void unlink_setting(XLU_Config *cfg, XLU_ConfigSetting *set)
{
    XLU_ConfigSetting **link = &cfg->settings;

    while ( *link != set )
        link = &(*link)->next;
    *link = set->next;
    if ( cfg->tail == &set->next )
        cfg->tail = link;
}

/*
 * KEY += VALUE: the earlier value, then this one.  The earlier one is
 * about to be dropped, so its list items move rather than being copied.
 */
static int add_to_earlier(const XLU_Config *cfg, const char *source, int line,
                          XLU_ConfigValue *earlier, XLU_ConfigValue *value)
{
    XLU_ConfigList *from = &earlier->u.list, *to = &value->u.list;
    XLU_ConfigValue **values;
    size_t n;
    char *joined;

    if ( value->type == XLU_STRING ) {
        if ( strlen(earlier->u.string) + strlen(value->u.string) >
             XLU_CFG_MAX_STRING ) {
            fprintf(cfg->report, "%s:%d: string longer than %d bytes\n", source,
                    line, XLU_CFG_MAX_STRING);
            return EINVAL;
        }
        if ( asprintf(&joined, "%s%s", earlier->u.string, value->u.string) < 0 )
            return ENOMEM;
        free(value->u.string);
        value->u.string = joined;
        return 0;
    }

    n = (size_t)from->nvalues + to->nvalues;
    if ( n > INT_MAX )
        return ERANGE;
    if ( !n )
        return 0;
    values = malloc(n * sizeof(*values));
    if ( !values )
        return ENOMEM;
    memcpy(values, from->values, from->nvalues * sizeof(*values));
    memcpy(values + from->nvalues, to->values, to->nvalues * sizeof(*values));
    free(to->values);
    to->values = values;
    to->nvalues = to->avalues = (int)n;
    from->nvalues = 0;
    return 0;
}

int xlu__store(XLU_Config *cfg, char *name, XLU_ConfigValue *value,
               const char *source, int line, bool add)
{
    XLU_ConfigSetting *earlier = xlu__find(cfg, name);
    XLU_ConfigSetting *set;
    int rc;

    if ( add && earlier ) {
        if ( earlier->value->type != value->type ) {
            fprintf(cfg->report,
                    "%s:%d: cannot add a %s to '%s', which is a %s\n", source,
                    line, value->type == XLU_LIST ? "list" : "string", name,
                    earlier->value->type == XLU_LIST ? "list" : "string");
            rc = EINVAL;
            goto fail;
        }
        rc = add_to_earlier(cfg, source, line, earlier->value, value);
        if ( rc )
            goto fail;
    }

    set = malloc(sizeof(*set));
    if ( !set ) {
        rc = ENOMEM;
        goto fail;
    }
    set->next = NULL;
    set->name = name;
    set->value = value;
    set->source = source;
    set->line = line;
    set->added = add;

    if ( earlier ) {
        unlink_setting(cfg, earlier);
        setting_free(earlier);
    }
    *cfg->tail = set;
    cfg->tail = &set->next;
    return 0;

fail:
    free(name);
    xlu__value_free(value);
    return rc;
}

const XLU_ConfigSetting *xlu_cfg_first_setting(const XLU_Config *cfg)
{
    return cfg->settings;
}

const XLU_ConfigSetting *xlu_cfg_next_setting(const XLU_ConfigSetting *set)
{
    return set->next;
}

const char *xlu_cfg_setting_name(const XLU_ConfigSetting *set)
{
    return set->name;
}

const char *xlu_cfg_setting_source(const XLU_ConfigSetting *set)
{
    return set->source;
}

int xlu_cfg_setting_line(const XLU_ConfigSetting *set)
{
    return set->line;
}

int xlu_cfg_get_location(const XLU_Config *cfg, const char *n,
                         const char **source_r, int *line_r)
{
    const XLU_ConfigSetting *set = xlu__find(cfg, n);

    if ( !set )
        return ESRCH;
    if ( source_r )
        *source_r = set->source;
    if ( line_r )
        *line_r = set->line;
    return 0;
}

void xlu_cfg_report(const XLU_Config *cfg, const char *n, const char *fmt, ...)
{
    const XLU_ConfigSetting *set = n ? xlu__find(cfg, n) : NULL;
    va_list ap;

    if ( set )
        fprintf(cfg->report, "%s:%d: ", set->source, set->line);
    else
        fprintf(cfg->report, "%s: ", cfg->filename);
    va_start(ap, fmt);
    vfprintf(cfg->report, fmt, ap);
    va_end(ap);
    fputc('\n', cfg->report);
}
