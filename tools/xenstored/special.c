/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "perms.h"
#include "special.h"

static struct special {
    const char *name;
    unsigned int nr_perms;
    struct perm *perms;
} specials[] = {
    { .name = "@introduceDomain" },
    { .name = "@releaseDomain" },
};

#define NR_SPECIALS (sizeof(specials) / sizeof(specials[0]))

static struct special *find(const char *name)
{
    unsigned int i;

    for ( i = 0; i < NR_SPECIALS; i++ )
        if ( !strcmp(specials[i].name, name) )
            return &specials[i];
    return NULL;
}

static int assign(struct special *s, unsigned int nr, const struct perm *perms)
{
    struct perm *copy = malloc(nr * sizeof(*copy));

    if ( !copy )
        return ENOMEM;
    memcpy(copy, perms, nr * sizeof(*copy));
    free(s->perms);
    s->perms = copy;
    s->nr_perms = nr;
    return 0;
}

int special_init(void)
{
    const struct perm dom0_only = { .perms = PERM_NONE, .id = 0 };
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < NR_SPECIALS && !rc; i++ )
        rc = assign(&specials[i], 1, &dom0_only);
    return rc;
}

void special_destroy(void)
{
    unsigned int i;

    for ( i = 0; i < NR_SPECIALS; i++ ) {
        free(specials[i].perms);
        specials[i].perms = NULL;
    }
}

bool special_readable(const struct connection *conn, const char *name)
{
    const struct special *s = find(name);

    return s && (perm_for_conn(conn, s->nr_perms, s->perms) & PERM_READ);
}

int special_set_perms(const struct connection *conn, const char *name,
                      unsigned int nr, const struct perm *perms)
{
    struct special *s = find(name);
    unsigned int need = PERM_WRITE | PERM_OWNER;

    if ( !s )
        return EINVAL;
    if ( (perm_for_conn(conn, s->nr_perms, s->perms) & need) != need )
        return EACCES;
    return assign(s, nr, perms);
}

void special_forget(unsigned int domid, unsigned int owner)
{
    struct special *s;
    unsigned int i, kept;

    for ( s = specials; s < specials + NR_SPECIALS; s++ ) {
        if ( s->perms[0].id == domid )
            s->perms[0].id = owner;
        for ( i = kept = 1; i < s->nr_perms; i++ )
            if ( s->perms[i].id != domid )
                s->perms[kept++] = s->perms[i];
        s->nr_perms = kept;
    }
}
