/* SPDX-License-Identifier: LGPL-2.1-only */
/* What a parsed configuration holds, shared by the files of libxlutil. */
#ifndef XLU_CFG_H
#define XLU_CFG_H

#include <stdbool.h>
#include <stddef.h>

#include "libxlutil.h"

struct XLU_ConfigList {
    int nvalues;
    int avalues;
    XLU_ConfigValue **values;
};

struct XLU_ConfigValue {
    enum XLU_ConfigValueType type;
    const char *source;
    int line;
    union {
        char *string;
        XLU_ConfigList list;
    } u;
};

/*
 * The names of where settings came from: the file, then any sources of
 * xlu_cfg_readdata_from.  Settings point into these, so they live as
 * long as the configuration.
 */
struct xlu_source {
    struct xlu_source *next;
    char name[];
};

struct XLU_ConfigSetting {
    XLU_ConfigSetting *next;
    char *name;
    XLU_ConfigValue *value;
    const char *source;
    int line;
    /* Set with +=: xl refuses to read such a setting as a number. */
    bool added;
};

struct XLU_Config {
    FILE *report;
    char *filename;
    struct xlu_source *sources;
    /* In the order set; the last is where new settings go. */
    XLU_ConfigSetting *settings;
    XLU_ConfigSetting **tail;
};

/* cfg_value.c */
XLU_ConfigValue *xlu__value_string(char *string, const char *source, int line);
XLU_ConfigValue *xlu__value_list(const char *source, int line);
int xlu__list_append(XLU_ConfigValue *list, XLU_ConfigValue *item);
void xlu__value_free(XLU_ConfigValue *value);

/* cfg_store.c */
XLU_ConfigSetting *xlu__find(const XLU_Config *cfg, const char *name);
const char *xlu__add_source(XLU_Config *cfg, const char *name);
/*
 * Stores a setting, taking name and value: replaces any earlier setting
 * of the name, or (with add) appends value to it.  Returns 0, EINVAL when
 * add mixes a string and a list, or ENOMEM; on failure name and value
 * are freed.
 */
int xlu__store(XLU_Config *cfg, char *name, XLU_ConfigValue *value,
               const char *source, int line, bool add);

/* cfg_parse.c: parses text (not NUL-terminated) into cfg. */
int xlu__parse(XLU_Config *cfg, const char *source, const char *text,
               size_t len);

#endif /* XLU_CFG_H */
