/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains coming and going. */
#include <string.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

/*
 * Without /dev/xen the ring cannot be mapped: an error, and no domain
 * (4.17 answers whatever errno the mapping failed with).
 */
static void introduce_fails(void)
{
    struct client *c0 = client_open(DAEMON());
    const struct msg *m = call(c0, XS_INTRODUCE, 0, ARGS("3", "1", "7"));

    CHECK(m->hdr.type == XS_ERROR, "introduced without Xen");
    expect_string(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("3")), "F");
}

static void is_introduced(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d);

    /* DOMID_SELF always is; dom0 is not with -D. */
    expect_string(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("32752")), "T");
    expect_string(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("0")), "F");
    expect_string(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("5")), "F");
    client_as(d, 5);
    expect_string(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("5")), "T");
    expect_error(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("5", "6")),
                 "EINVAL");
}

static void unknown_domains(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d);

    expect_error(call(c0, XS_RELEASE, 0, ARGS("9")), "ENOENT");
    expect_error(call(c0, XS_RESUME, 0, ARGS("9")), "ENOENT");
    expect_error(call(c0, XS_SET_TARGET, 0, ARGS("9", "0")), "ENOENT");
    client_as(d, 5);
    expect_ok(call(c0, XS_RESUME, 0, ARGS("5")));
    expect_error(call(c0, XS_SET_TARGET, 0, ARGS("5", "9")), "ENOENT");
    expect_error(call(c0, XS_SET_TARGET, 0, ARGS("5")), "EINVAL");
}

/* Release removes what the domain owns, wherever it is (4.17). */
static void release_removes_owned(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u5;
    struct msg m;

    make_home(c0, 5);
    u5 = client_as(d, 5);
    xs_write(u5, "data/x", "1");
    xs_mkdir(c0, "/elsewhere/owned");
    SET_PERMS(c0, "/elsewhere/owned", "n5");
    xs_write(c0, "/elsewhere/owned/child", "");
    xs_write(c0, "/keep", "k");
    SET_PERMS(c0, "/keep", "n0", "r5");
    xs_watch(c0, "@releaseDomain", "r");
    expect_event(c0, "@releaseDomain", "r");
    xs_watch(c0, "/elsewhere", "e");
    expect_event(c0, "/elsewhere", "e");

    expect_ok(call(c0, XS_RELEASE, 0, ARGS("5")));
    CHECK(recv_msg(u5, &m, REPLY_WAIT_MS) < 0, "connection kept");
    /* The child's event is exact: a watch above it does not see it. */
    expect_event(c0, "/elsewhere/owned", "e");
    expect_event(c0, "@releaseDomain", "r");
    CHECK(!strcmp(try_read(c0, "/local/domain/5"), "ENOENT"), "home kept");
    CHECK(!strcmp(try_read(c0, "/elsewhere/owned"), "ENOENT"), "owned kept");
    CHECK(!strcmp(xs_read(c0, "/keep"), "k"), "dom0's node removed");
    expect_body(call(c0, XS_DIRECTORY, 0, ARGS("/elsewhere")), "", 0);
    expect_string(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("5")), "F");
    expect_error(call(c0, XS_CONTROL, 0, ARGS("quota", "5")), "ENOENT");
    expect_string(call(c0, XS_CONTROL, 0, ARGS("check")), "OK");
    CHECK(daemon_logged(d, "check: 0 problems"), "store inconsistent");
}

static void keep_orphans(void)
{
    struct daemon *d = DAEMON("-K");
    struct client *c0 = client_open(d), *u5;

    make_home(c0, 5);
    u5 = client_as(d, 5);
    xs_write(u5, "data", "1");
    expect_ok(call(c0, XS_RELEASE, 0, ARGS("5")));
    CHECK(!strcmp(xs_read(c0, "/local/domain/5/data"), "1"), "removed");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/local/domain/5/data")),
                  "n0");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/local/domain/5")), "n0");
}

/* Even if dom0 gave a domain the root, the root stays. */
static void release_owning_root(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d);

    SET_PERMS(c0, "/", "n5");
    client_as(d, 5);
    expect_ok(call(c0, XS_RELEASE, 0, ARGS("5")));
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/")), "n0");
    expect_string(call(c0, XS_DIRECTORY, 0, ARGS("/")), "tool");
    expect_error(call(c0, XS_RM, 0, ARGS("/")), "EINVAL");
    control(c0, "check", NULL);
    CHECK(daemon_logged(d, "check: 0 problems"), "store inconsistent");
}

/* A domain whose connection goes is released. */
static void disconnect_releases(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u5;

    xs_watch(c0, "@releaseDomain", "r");
    expect_event(c0, "@releaseDomain", "r");
    u5 = client_as(d, 5);
    client_close(u5);
    expect_event(c0, "@releaseDomain", "r");
    expect_string(call(c0, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("5")), "F");
}

static void become_rules(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *x;

    client_as(d, 5);
    expect_error(call(c, XS_CONTROL, 0, ARGS("become", "5")), "EEXIST");
    expect_error(call(c, XS_CONTROL, 0, ARGS("become", "0")), "EINVAL");
    expect_error(call(c, XS_CONTROL, 0, ARGS("become", "32752")), "EINVAL");
    x = client_open(d);
    xs_watch(x, "/w", "t");
    expect_event(x, "/w", "t");
    expect_error(call(x, XS_CONTROL, 0, ARGS("become", "6")), "EBUSY");
}

/* Without --test-become there is no such command. */
static void become_needs_test_mode(void)
{
    struct client *c = client_open(PLAIN_DAEMON());

    expect_error(call(c, XS_CONTROL, 0, ARGS("become", "5")), "EINVAL");
    CHECK(!strstr(control(c, "help", NULL), "become"), "listed in help");
}

SUITE(suite_domain, "domain",
      { "introduce_fails", introduce_fails },
      { "is_introduced", is_introduced },
      { "unknown_domains", unknown_domains },
      { "release_removes_owned", release_removes_owned },
      { "keep_orphans", keep_orphans },
      { "release_owning_root", release_owning_root },
      { "disconnect_releases", disconnect_releases },
      { "become_rules", become_rules },
      { "become_needs_test_mode", become_needs_test_mode });
