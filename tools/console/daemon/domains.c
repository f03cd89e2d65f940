/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "domains.h"
#include "domlist.h"
#include "log.h"

static struct console *consoles;

static struct console **find(unsigned int domid)
{
    struct console **pp;

    for ( pp = &consoles; *pp; pp = &(*pp)->next )
        if ( (*pp)->domid == domid )
            break;
    return pp;
}

static void try_connect(struct console *c)
{
    int rc = console_connect(c);

    /* ENOENT: the builder has not written the nodes yet; the watch waits. */
    if ( rc && rc != ENOENT )
        log_msg(LOG_DEBUG, "domain %u: console not set up: %s", c->domid,
                strerror(rc));
}

static void add(unsigned int domid)
{
    struct console *c = console_new(domid);

    if ( !c ) {
        log_msg(LOG_ERR, "domain %u: watching its console: %m", domid);
        return;
    }
    c->next = consoles;
    consoles = c;
    try_connect(c);
}

static void drop(struct console **pp)
{
    struct console *c = *pp;

    *pp = c->next;
    console_free(c);
}

static int by_value(const void *key, const void *elem)
{
    unsigned int x = *(const unsigned int *)key;
    unsigned int y = *(const unsigned int *)elem;

    return x < y ? -1 : x > y;
}

void domains_scan(void)
{
    unsigned int *ids, nr, i;
    struct console **pp;
    int rc = domlist_get(&ids, &nr);

    if ( rc ) {
        log_msg(LOG_ERR, "listing domains: %s", strerror(rc));
        return;
    }
    for ( pp = &consoles; *pp; ) {
        if ( bsearch(&(*pp)->domid, ids, nr, sizeof(*ids), by_value) )
            pp = &(*pp)->next;
        else
            drop(pp);
    }
    for ( i = 0; i < nr; i++ )
        if ( !*find(ids[i]) )
            add(ids[i]);
    free(ids);
}

void domains_watch_fired(const char *token)
{
    struct console **pp;
    unsigned int domid;
    int end = 0;

    if ( !strcmp(token, DOMLIST_TOKEN) ) {
        domains_scan();
        return;
    }
    if ( sscanf(token, "dom%u%n", &domid, &end) != 1 || token[end] )
        return;
    /* Events of a console already freed find nothing here. */
    pp = find(domid);
    if ( !*pp )
        return;
    if ( domlist_exists(domid) )
        try_connect(*pp);
    else
        drop(pp);
}

void domains_prepare(struct poller *p, uint64_t now, int *timeout_ms)
{
    struct console *c;

    for ( c = consoles; c; c = c->next )
        console_prepare(c, p, now, timeout_ms);
}

void domains_service(const struct poller *p)
{
    struct console *c;

    for ( c = consoles; c; c = c->next )
        console_service(c, p);
}

void domains_reopen_logs(void)
{
    struct console *c;

    for ( c = consoles; c; c = c->next )
        console_reopen_log(c);
}

void domains_destroy(void)
{
    while ( consoles )
        drop(&consoles);
}
