/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Reading settings, with Xen's return values: ESRCH when a key is not
 * set, EINVAL when its value is of the wrong kind or does not convert.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

#define warn(cfg, dont_warn, set, ...)                                     \
    do {                                                                   \
        if ( !(dont_warn) ) {                                              \
            fprintf((cfg)->report, "%s:%d: ", (set)->source, (set)->line); \
            fprintf((cfg)->report, __VA_ARGS__);                           \
            fputc('\n', (cfg)->report);                                    \
        }                                                                  \
    } while ( 0 )

/* A setting that must be a single value. */
static int find_single(const XLU_Config *cfg, const char *n,
                       const XLU_ConfigSetting **set_r, int dont_warn)
{
    const XLU_ConfigSetting *set = xlu__find(cfg, n);

    if ( !set )
        return ESRCH;
    if ( set->value->type != XLU_STRING ) {
        warn(cfg, dont_warn, set, "'%s' should be a single value, not a list",
             n);
        return EINVAL;
    }
    *set_r = set;
    return 0;
}

int xlu_cfg_get_string(const XLU_Config *cfg, const char *n,
                       const char **value_r, int dont_warn)
{
    const XLU_ConfigSetting *set;
    int rc = find_single(cfg, n, &set, dont_warn);

    if ( rc )
        return rc;
    *value_r = set->value->u.string;
    return 0;
}

int xlu_cfg_replace_string(const XLU_Config *cfg, const char *n, char **value_r,
                           int dont_warn)
{
    const XLU_ConfigSetting *set;
    int rc = find_single(cfg, n, &set, dont_warn);
    char *copy;

    if ( rc )
        return rc;
    copy = strdup(set->value->u.string);
    if ( !copy )
        return ENOMEM;
    free(*value_r);
    *value_r = copy;
    return 0;
}

int xlu_cfg_get_bounded_long(const XLU_Config *cfg, const char *n, long min,
                             long max, long *value_r, int dont_warn)
{
    const XLU_ConfigSetting *set;
    char quoted[XLU_CFG_ESCAPE_SIZE];
    const char *text;
    char *end;
    long l;
    int rc = find_single(cfg, n, &set, dont_warn);

    if ( rc )
        return rc;
    if ( set->added ) {
        /* Xen refuses these too: "1" += "2" is "12", hardly meant. */
        warn(cfg, dont_warn, set, "'%s' is a number, which += cannot set", n);
        return EINVAL;
    }
    text = set->value->u.string;
    errno = 0;
    l = strtol(text, &end, 0);
    if ( errno == ERANGE ) {
        warn(cfg, dont_warn, set, "'%s' is out of range: %s", n,
             xlu_cfg_escape(text, quoted, sizeof(quoted)));
        return ERANGE;
    }
    if ( end == text || *end ) {
        warn(cfg, dont_warn, set, "'%s' should be a number, not '%s'", n,
             xlu_cfg_escape(text, quoted, sizeof(quoted)));
        return EINVAL;
    }
    if ( l < min ) {
        warn(cfg, dont_warn, set, "'%s' must be at least %ld, not %ld", n, min,
             l);
        return EINVAL;
    }
    if ( l > max ) {
        warn(cfg, dont_warn, set, "'%s' must be at most %ld, not %ld", n, max,
             l);
        return EINVAL;
    }
    *value_r = l;
    return 0;
}

int xlu_cfg_get_long(const XLU_Config *cfg, const char *n, long *value_r,
                     int dont_warn)
{
    return xlu_cfg_get_bounded_long(cfg, n, LONG_MIN, LONG_MAX, value_r,
                                    dont_warn);
}

int xlu_cfg_get_list(const XLU_Config *cfg, const char *n,
                     XLU_ConfigList **list_r, int *entries_r, int dont_warn)
{
    XLU_ConfigSetting *set = xlu__find(cfg, n);

    if ( !set )
        return ESRCH;
    if ( set->value->type != XLU_LIST ) {
        warn(cfg, dont_warn, set, "'%s' should be a list, not a single value",
             n);
        return EINVAL;
    }
    if ( list_r )
        *list_r = &set->value->u.list;
    if ( entries_r )
        *entries_r = set->value->u.list.nvalues;
    return 0;
}

void xlu_string_list_free(xlu_string_list *list)
{
    char **s;

    if ( !*list )
        return;
    for ( s = *list; *s; s++ )
        free(*s);
    free(*list);
    *list = NULL;
}

/*
 * Unlike Xen, which leaves a NULL hole for an item that is a list (and
 * so cuts the list short for its users), such an item is refused.
 */
int xlu_cfg_get_list_as_string_list(const XLU_Config *cfg, const char *n,
                                    xlu_string_list *list_r, int dont_warn)
{
    const XLU_ConfigSetting *set;
    XLU_ConfigList *list;
    xlu_string_list strings;
    int i, nr, rc;

    rc = xlu_cfg_get_list(cfg, n, &list, &nr, dont_warn);
    if ( rc )
        return rc;
    set = xlu__find(cfg, n);
    for ( i = 0; i < nr; i++ ) {
        if ( list->values[i]->type != XLU_STRING ) {
            warn(cfg, dont_warn, set,
                 "'%s' should be a list of strings, but item %d is a list", n,
                 i + 1);
            return EINVAL;
        }
    }

    strings = calloc(nr + 1, sizeof(*strings));
    if ( !strings )
        return ENOMEM;
    for ( i = 0; i < nr; i++ ) {
        strings[i] = strdup(list->values[i]->u.string);
        if ( !strings[i] ) {
            xlu_string_list_free(&strings);
            return ENOMEM;
        }
    }
    *list_r = strings;
    return 0;
}

XLU_ConfigValue *xlu_cfg_get_listitem2(const XLU_ConfigList *list, int entry)
{
    if ( entry < 0 || entry >= list->nvalues )
        return NULL;
    return list->values[entry];
}

const char *xlu_cfg_get_listitem(const XLU_ConfigList *list, int entry)
{
    const XLU_ConfigValue *value = xlu_cfg_get_listitem2(list, entry);

    if ( !value || value->type != XLU_STRING )
        return NULL;
    return value->u.string;
}

enum XLU_ConfigValueType xlu_cfg_value_type(const XLU_ConfigValue *value)
{
    return value->type;
}

int xlu_cfg_value_get_string(const XLU_Config *cfg, XLU_ConfigValue *value,
                             char **value_r, int dont_warn)
{
    if ( value->type != XLU_STRING ) {
        warn(cfg, dont_warn, value, "expected a string, not a list");
        *value_r = NULL;
        return EINVAL;
    }
    *value_r = value->u.string;
    return 0;
}

int xlu_cfg_value_get_list(const XLU_Config *cfg, XLU_ConfigValue *value,
                           XLU_ConfigList **value_r, int dont_warn)
{
    if ( value->type != XLU_LIST ) {
        warn(cfg, dont_warn, value, "expected a list, not a string");
        *value_r = NULL;
        return EINVAL;
    }
    *value_r = &value->u.list;
    return 0;
}
