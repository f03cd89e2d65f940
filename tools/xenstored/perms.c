/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/xen.h>

#include "conn.h"
#include "domain.h"
#include "perms.h"

#define PERM_ALL (PERM_READ | PERM_WRITE | PERM_OWNER)

static bool is_conn(const struct connection *conn, unsigned int domid)
{
    return domid == conn->id || (conn->has_target && domid == conn->target);
}

unsigned int perm_for_conn(const struct connection *conn,
                           unsigned int nr, const struct perm *perms)
{
    unsigned int i;

    if ( conn_privileged(conn) || is_conn(conn, perms[0].id) )
        return PERM_ALL;
    for ( i = 1; i < nr; i++ )
        if ( !(perms[i].perms & PERM_IGNORE) && is_conn(conn, perms[i].id) )
            return perms[i].perms & PERM_ALL;
    return perms[0].perms & PERM_ALL;
}

static int parse_one(const char *s, struct perm *p)
{
    char *end;

    switch ( s[0] ) {
    case 'n': p->perms = PERM_NONE; break;
    case 'r': p->perms = PERM_READ; break;
    case 'w': p->perms = PERM_WRITE; break;
    case 'b': p->perms = PERM_READ | PERM_WRITE; break;
    default:
        return EINVAL;
    }
    /* Like 4.17: any base strtol takes, and domids wrap as unsigned. */
    p->id = strtol(s + 1, &end, 0);
    return !s[1] || *end ? EINVAL : 0;
}

int perms_parse(struct arena *a, const char *strings, unsigned int nr,
                struct perm **out)
{
    struct perm *perms = arena_alloc(a, nr * sizeof(*perms));
    unsigned int i;

    if ( !perms )
        return ENOMEM;
    for ( i = 0; i < nr; i++ ) {
        if ( parse_one(strings, &perms[i]) )
            return EINVAL;
        strings += strlen(strings) + 1;
    }
    *out = perms;
    return 0;
}

static char perm_letter(unsigned int perms)
{
    switch ( perms & ~PERM_IGNORE ) {
    case PERM_READ: return 'r';
    case PERM_WRITE: return 'w';
    case PERM_READ | PERM_WRITE: return 'b';
    default: return 'n';
    }
}

char *perms_format(struct arena *a, unsigned int nr, const struct perm *perms,
                   unsigned int *len)
{
    /* A letter, a signed domid as 4.17 prints it, and a NUL. */
    char *s = arena_alloc(a, nr * 13), *p = s;
    unsigned int i;

    if ( !s )
        return NULL;
    for ( i = 0; i < nr; i++ )
        p += sprintf(p, "%c%d", perm_letter(perms[i].perms),
                     (int)perms[i].id) + 1;
    *len = p - s;
    return s;
}

int perms_ref_domains(unsigned int nr, struct perm *perms)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ ) {
        if ( perms[i].id >= DOMID_FIRST_RESERVED )
            perms[i].perms |= PERM_IGNORE;
        else if ( !domain_get(perms[i].id) )
            return ENOMEM;
    }
    return 0;
}

void perms_drop_stale(struct node *n)
{
    unsigned int i;

    for ( i = 1; i < n->nr_perms; i++ )
        if ( !domain_known_since(n->perms[i].id, n->generation) )
            n->perms[i].perms |= PERM_IGNORE;
}
