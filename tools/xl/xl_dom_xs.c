/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * A new domain's xenstore records, laid out as libxl lays them out
 * (scripts and the guest's drivers read them): /local/domain/<id> with
 * its directories and their permissions, /vm/<uuid>, /libxl/<id>, the
 * primary console's frontend and backend, then the store ring, and the
 * introduction to xenstored.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"
#include "xl_dom_xs.h"

#define CONSOLE_LIMIT       1048576     /* bytes xenconsoled may buffer */
#define XENBUS_STATE_INITIALISING 1

struct xs_batch {
    xs_transaction_t t;
    int err;            /* the first failure's errno, or 0 */
};

static void mknod_perms(struct xs_batch *b, const char *path,
                        struct xs_permissions *perms, unsigned int nr)
{
    if ( b->err )
        return;
    if ( !xs_write(xsh, b->t, path, "", 0) ||
         !xs_set_permissions(xsh, b->t, path, perms, nr) )
        b->err = errno;
}

static void writef(struct xs_batch *b, const char *path, const char *fmt, ...)
{
    char value[256];
    va_list ap;

    if ( b->err )
        return;
    va_start(ap, fmt);
    vsnprintf(value, sizeof(value), fmt, ap);
    va_end(ap);
    if ( !xs_write(xsh, b->t, path, value, strlen(value)) )
        b->err = errno;
}

static const char *pathf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return buf;
}

/* Runs fill in a transaction, again while xenstored says EAGAIN. */
static int in_transaction(const struct xl_dom_xs *x,
                          void (*fill)(struct xs_batch *, const struct xl_dom_xs *))
{
    struct xs_batch b;

    do {
        b.err = 0;
        b.t = xs_transaction_start(xsh);
        if ( b.t == XBT_NULL )
            return -1;
        fill(&b, x);
        if ( b.err ) {
            xs_transaction_end(xsh, b.t, true);
            errno = b.err;
            return -1;
        }
    } while ( !xs_transaction_end(xsh, b.t, false) && errno == EAGAIN );
    return b.err || errno == EAGAIN ? -1 : 0;
}

static void fill_make(struct xs_batch *b, const struct xl_dom_xs *x)
{
    /* dom0 owns; the guest reads (ro), or the guest owns (rw). */
    struct xs_permissions ro[2] = {
        { .id = 0, .perms = XS_PERM_NONE },
        { .id = x->domid, .perms = XS_PERM_READ },
    };
    struct xs_permissions rw[1] = {
        { .id = x->domid, .perms = XS_PERM_NONE },
    };
    struct xs_permissions none[1] = {
        { .id = 0, .perms = XS_PERM_NONE },
    };
    static const char *const ro_dirs[] = { "", "/cpu", "/memory", "/control" };
    static const char *const rw_dirs[] = {
        "/device", "/control/shutdown", "/control/feature-poweroff",
        "/control/feature-reboot", "/control/feature-suspend",
        "/control/sysrq", "/data", "/drivers", "/feature", "/attr", "/error",
    };
    char dom[64], p[128];
    unsigned int i;

    snprintf(dom, sizeof(dom), "/local/domain/%u", x->domid);
    xs_rm(xsh, b->t, dom);
    for ( i = 0; i < sizeof(ro_dirs) / sizeof(ro_dirs[0]); i++ )
        mknod_perms(b, pathf(p, sizeof(p), "%s%s", dom, ro_dirs[i]), ro, 2);
    for ( i = 0; i < sizeof(rw_dirs) / sizeof(rw_dirs[0]); i++ )
        mknod_perms(b, pathf(p, sizeof(p), "%s%s", dom, rw_dirs[i]), rw, 1);
    mknod_perms(b, pathf(p, sizeof(p), "/vm/%s", x->uuid), ro, 2);
    mknod_perms(b, pathf(p, sizeof(p), "/libxl/%u", x->domid), none, 1);
    mknod_perms(b, pathf(p, sizeof(p), "/libxl/%u/device", x->domid), none, 1);

    writef(b, pathf(p, sizeof(p), "%s/vm", dom), "/vm/%s", x->uuid);
    writef(b, pathf(p, sizeof(p), "%s/name", dom), "%s", x->name);
    writef(b, pathf(p, sizeof(p), "/vm/%s/uuid", x->uuid), "%s", x->uuid);
    writef(b, pathf(p, sizeof(p), "/vm/%s/name", x->uuid), "%s", x->name);
    writef(b, pathf(p, sizeof(p),
                    "%s/control/platform-feature-xs_reset_watches", dom), "1");
    writef(b, pathf(p, sizeof(p), "/libxl/%u/type", x->domid), "pvh");
}

int xs_domain_make(const struct xl_dom_xs *x)
{
    return in_transaction(x, fill_make);
}

static void fill_console(struct xs_batch *b, const struct xl_dom_xs *x)
{
    struct xs_permissions ro[2] = {
        { .id = 0, .perms = XS_PERM_NONE },
        { .id = x->domid, .perms = XS_PERM_READ },
    };
    struct xs_permissions rw[2] = {
        { .id = x->domid, .perms = XS_PERM_NONE },
        { .id = 0, .perms = XS_PERM_READ },
    };
    char front[64], back[64], p[128];

    snprintf(front, sizeof(front), "/local/domain/%u/console", x->domid);
    snprintf(back, sizeof(back), "/local/domain/0/backend/console/%u/0",
             x->domid);
    mknod_perms(b, front, rw, 2);
    mknod_perms(b, back, ro, 2);
    writef(b, pathf(p, sizeof(p), "%s/frontend", back), "%s", front);
    writef(b, pathf(p, sizeof(p), "%s/frontend-id", back), "%u", x->domid);
    writef(b, pathf(p, sizeof(p), "%s/online", back), "1");
    writef(b, pathf(p, sizeof(p), "%s/state", back), "%d",
           XENBUS_STATE_INITIALISING);
    writef(b, pathf(p, sizeof(p), "%s/protocol", back), "vt100");
    writef(b, pathf(p, sizeof(p), "%s/backend", front), "%s", back);
    writef(b, pathf(p, sizeof(p), "%s/backend-id", front), "0");
    /* What xenconsoled reads: the guest may not change these. */
    mknod_perms(b, pathf(p, sizeof(p), "%s/limit", front), ro, 2);
    writef(b, p, "%d", CONSOLE_LIMIT);
    mknod_perms(b, pathf(p, sizeof(p), "%s/type", front), ro, 2);
    writef(b, p, "xenconsoled");
    mknod_perms(b, pathf(p, sizeof(p), "%s/output", front), ro, 2);
    writef(b, p, "pty");
    mknod_perms(b, pathf(p, sizeof(p), "%s/tty", front), ro, 2);
    mknod_perms(b, pathf(p, sizeof(p), "%s/port", front), ro, 2);
    writef(b, p, "%u", x->console_port);
    mknod_perms(b, pathf(p, sizeof(p), "%s/ring-ref", front), ro, 2);
    writef(b, p, "%llu", (unsigned long long)x->console_gfn);
}

static void fill_post(struct xs_batch *b, const struct xl_dom_xs *x)
{
    char dom[64], p[128];
    unsigned int i;

    snprintf(dom, sizeof(dom), "/local/domain/%u", x->domid);
    writef(b, pathf(p, sizeof(p), "%s/memory/static-max", dom), "%llu",
           (unsigned long long)x->max_memkb);
    writef(b, pathf(p, sizeof(p), "%s/memory/target", dom), "%llu",
           (unsigned long long)x->target_memkb);
    writef(b, pathf(p, sizeof(p), "%s/memory/videoram", dom), "0");
    writef(b, pathf(p, sizeof(p), "%s/domid", dom), "%u", x->domid);
    writef(b, pathf(p, sizeof(p), "%s/store/port", dom), "%u", x->store_port);
    writef(b, pathf(p, sizeof(p), "%s/store/ring-ref", dom), "%llu",
           (unsigned long long)x->store_gfn);
    for ( i = 0; i < x->max_vcpus; i++ )
        writef(b, pathf(p, sizeof(p), "%s/cpu/%u/availability", dom, i),
               i < x->vcpus ? "online" : "offline");
    fill_console(b, x);
}

int xs_domain_introduce(const struct xl_dom_xs *x)
{
    if ( in_transaction(x, fill_post) )
        return -1;
    return xs_introduce_domain(xsh, x->domid, x->store_gfn, x->store_port)
           ? 0 : -1;
}
