/* SPDX-License-Identifier: GPL-2.0-only */
/* Watches: what fires, for whom, with which path and token. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

#define QUIET_MS 200

static void initial_event(void)
{
    struct client *c = client_open(DAEMON());

    xs_watch(c, "/w", "tok");
    expect_event(c, "/w", "tok");
    /* Relative watches report relative paths. */
    xs_watch(c, "rel", "tok2");
    expect_event(c, "rel", "tok2");
    xs_write(c, "/local/domain/0/rel/x", "");
    expect_event(c, "rel/x", "tok2");
    expect_no_event(c, QUIET_MS);
}

static void subtree(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *w = client_open(d);

    xs_watch(w, "/w", "t");
    expect_event(w, "/w", "t");
    xs_write(c, "/w/a/b", "");
    expect_event(w, "/w/a/b", "t");
    xs_write(c, "/wx", "");
    xs_write(c, "/other", "");
    expect_no_event(w, QUIET_MS);
    xs_write(c, "/w", "v");
    expect_event(w, "/w", "t");
    /* The whole tree. */
    xs_watch(w, "/", "root");
    expect_event(w, "/", "root");
    xs_write(c, "/z", "");
    expect_event(w, "/z", "root");
}

/*
 * Removing a subtree fires each removed node's own watches, and the
 * watches on the removed root and above it, children first (4.17).
 */
static void rm_subtree(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *w = client_open(d);

    xs_write(c, "/r/a/b", "");
    xs_watch(w, "/r", "t1");
    xs_watch(w, "/r/a", "t2");
    xs_watch(w, "/r/a/b", "t3");
    expect_event(w, "/r", "t1");
    expect_event(w, "/r/a", "t2");
    expect_event(w, "/r/a/b", "t3");
    xs_rm(c, "/r/a");
    expect_event(w, "/r/a/b", "t3");
    expect_event(w, "/r/a", "t1");
    expect_event(w, "/r/a", "t2");
    expect_no_event(w, QUIET_MS);
    /* Nothing to remove: nothing fires. */
    xs_rm(c, "/r/a");
    expect_no_event(w, QUIET_MS);
}

static void duplicates_and_unwatch(void)
{
    struct client *c = client_open(DAEMON());

    xs_watch(c, "/u", "t");
    expect_event(c, "/u", "t");
    expect_error(call(c, XS_WATCH, 0, ARGS("/u", "t")), "EEXIST");
    xs_watch(c, "/u", "t2");
    expect_event(c, "/u", "t2");
    expect_ok(call(c, XS_UNWATCH, 0, ARGS("/u", "t")));
    xs_write(c, "/u", "");
    expect_event(c, "/u", "t2");
    expect_no_event(c, QUIET_MS);
    expect_error(call(c, XS_UNWATCH, 0, ARGS("/u", "t")), "ENOENT");
    /* Relative and absolute name the same watch. */
    xs_watch(c, "rel", "t3");
    expect_event(c, "rel", "t3");
    expect_ok(call(c, XS_UNWATCH, 0, ARGS("/local/domain/0/rel", "t3")));
}

/* Events go to who may read the node or its parent, before or after. */
static void permissions(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u6 = client_as(d, 6);

    make_home(c0, 5);
    xs_write(c0, "/local/domain/5/x", "1");
    xs_watch(u6, "/local/domain/5/x", "t");
    expect_event(u6, "/local/domain/5/x", "t");
    xs_write(c0, "/local/domain/5/x", "2");
    expect_no_event(u6, QUIET_MS);
    SET_PERMS(c0, "/local/domain/5/x", "n5", "r6");
    expect_event(u6, "/local/domain/5/x", "t");
    xs_write(c0, "/local/domain/5/x", "3");
    expect_event(u6, "/local/domain/5/x", "t");
    SET_PERMS(c0, "/local/domain/5/x", "n5");
    expect_event(u6, "/local/domain/5/x", "t");
    xs_write(c0, "/local/domain/5/x", "4");
    expect_no_event(u6, QUIET_MS);
    SET_PERMS(c0, "/local/domain/5", "n5", "r6");
    xs_write(c0, "/local/domain/5/x", "5");
    expect_event(u6, "/local/domain/5/x", "t");
}

static void special(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u6;

    xs_watch(c0, "@introduceDomain", "i");
    xs_watch(c0, "@releaseDomain", "r");
    expect_event(c0, "@introduceDomain", "i");
    expect_event(c0, "@releaseDomain", "r");
    u6 = client_as(d, 6);
    expect_event(c0, "@introduceDomain", "i");
    xs_watch(u6, "@releaseDomain", "r6");
    expect_event(u6, "@releaseDomain", "r6");

    client_as(d, 7);
    expect_event(c0, "@introduceDomain", "i");
    expect_ok(call(c0, XS_RELEASE, 0, ARGS("7")));
    expect_event(c0, "@releaseDomain", "r");
    expect_no_event(u6, QUIET_MS);

    SET_PERMS(c0, "@releaseDomain", "n0", "r6");
    client_as(d, 7);
    expect_ok(call(c0, XS_RELEASE, 0, ARGS("7")));
    expect_event(u6, "@releaseDomain", "r6");
}

static void reset_watches(void)
{
    struct client *c = client_open(DAEMON());
    const struct msg *m;
    uint32_t tx;

    xs_watch(c, "/z", "t");
    expect_event(c, "/z", "t");
    m = call(c, XS_TRANSACTION_START, 0, ARGS(""));
    tx = strtoul(m->body, NULL, 10);
    expect_ok(call(c, XS_RESET_WATCHES, 0, ARGS("")));
    xs_write(c, "/z", "");
    expect_no_event(c, QUIET_MS);
    expect_error(call(c, XS_READ, tx, ARGS("/tool")), "ENOENT");
}

static void mkdir_and_perms_fire(void)
{
    struct client *c = client_open(DAEMON());

    xs_watch(c, "/e", "t");
    expect_event(c, "/e", "t");
    xs_mkdir(c, "/e/n");
    expect_event(c, "/e/n", "t");
    xs_mkdir(c, "/e/n");
    expect_no_event(c, QUIET_MS);
    SET_PERMS(c, "/e/n", "n0", "r1");
    expect_event(c, "/e/n", "t");
}

static void domain_relative(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u5;

    make_home(c0, 5);
    u5 = client_as(d, 5);
    xs_watch(u5, "data", "t");
    expect_event(u5, "data", "t");
    xs_write(c0, "/local/domain/5/data/x", "");
    expect_event(u5, "data/x", "t");
}

SUITE(suite_watch, "watch",
      { "initial_event", initial_event },
      { "subtree", subtree },
      { "rm_subtree", rm_subtree },
      { "duplicates_and_unwatch", duplicates_and_unwatch },
      { "permissions", permissions },
      { "special", special },
      { "reset_watches", reset_watches },
      { "mkdir_and_perms_fire", mkdir_and_perms_fire },
      { "domain_relative", domain_relative });
