/* SPDX-License-Identifier: LGPL-2.1-only */
/* Values of settings: strings and lists of values. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "cfg.h"

/* Takes string, which is freed if this fails. */
XLU_ConfigValue *xlu__value_string(char *string, const char *source, int line)
{
    XLU_ConfigValue *value = malloc(sizeof(*value));

    if ( !value ) {
        free(string);
        return NULL;
    }
    value->type = XLU_STRING;
    value->source = source;
    value->line = line;
    value->u.string = string;
    return value;
}

XLU_ConfigValue *xlu__value_list(const char *source, int line)
{
    XLU_ConfigValue *value = calloc(1, sizeof(*value));

    if ( !value )
        return NULL;
    value->type = XLU_LIST;
    value->source = source;
    value->line = line;
    return value;
}

/* Takes item, which is freed if this fails. */
int xlu__list_append(XLU_ConfigValue *list, XLU_ConfigValue *item)
{
    XLU_ConfigList *l = &list->u.list;

    if ( l->nvalues == l->avalues ) {
        XLU_ConfigValue **values;
        int avalues;

        /* Cannot happen within XLU_CFG_MAX_FILE, but += adds up lists. */
        if ( l->avalues > INT_MAX / 2 ) {
            xlu__value_free(item);
            return ERANGE;
        }
        avalues = l->avalues ? l->avalues * 2 : 4;
        values = realloc(l->values, avalues * sizeof(*values));
        if ( !values ) {
            xlu__value_free(item);
            return ENOMEM;
        }
        l->values = values;
        l->avalues = avalues;
    }
    l->values[l->nvalues++] = item;
    return 0;
}

void xlu__value_free(XLU_ConfigValue *value)
{
    int i;

    if ( !value )
        return;
    if ( value->type == XLU_STRING ) {
        free(value->u.string);
    } else {
        for ( i = 0; i < value->u.list.nvalues; i++ )
            xlu__value_free(value->u.list.values[i]);
        free(value->u.list.values);
    }
    free(value);
}
