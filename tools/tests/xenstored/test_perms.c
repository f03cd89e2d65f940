/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Permissions, with connections acting as domains through the daemon's
 * test mode (CONTROL become): owners, inheritance, hiding what exists,
 * SET_TARGET, and entries outliving their domain.
 */
#include <string.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

#define HOME5 "/local/domain/5"

static void needs_home(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u5 = client_as(d, 5);

    /* Nothing above the home is the domain's to write to. */
    CHECK(!strcmp(try_write(u5, "foo", "bar"), "EACCES"), "%s",
          u5->reply.body);
    make_home(c0, 5);
    xs_write(u5, "foo", "bar");
    expect_string(call(u5, XS_GET_PERMS, 0, ARGS("foo")), "n5");
    CHECK(!strcmp(xs_read(c0, HOME5 "/foo"), "bar"), "not in the home");
}

static void inheritance(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u5;

    make_home(c0, 5);
    u5 = client_as(d, 5);
    xs_write(c0, HOME5 "/shared", "");
    /* dom0 writing below a domain's node: the domain owns it (4.17). */
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS(HOME5 "/shared")), "n5");
    SET_PERMS(c0, HOME5 "/shared", "n5", "r6");
    xs_write(u5, "shared/x/y", "");
    expect_string(call(u5, XS_GET_PERMS, 0, ARGS("shared/x/y")),
                  "n5\0r6");
    /* A domain creating under someone else's node owns the new one. */
    xs_mkdir(c0, "/open");
    SET_PERMS(c0, "/open", "b0");
    xs_write(u5, "/open/mine", "");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/open/mine")), "b5");
    xs_write(c0, "/open/dom0s", "");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/open/dom0s")), "b0");
}

static void access_rights(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u6 = client_as(d, 6);

    make_home(c0, 5);
    xs_write(c0, HOME5 "/priv", "secret");
    CHECK(!strcmp(try_read(u6, HOME5 "/priv"), "EACCES"), "read allowed");
    SET_PERMS(c0, HOME5 "/priv", "n5", "r6");
    CHECK(!strcmp(xs_read(u6, HOME5 "/priv"), "secret"), "read refused");
    CHECK(!strcmp(try_write(u6, HOME5 "/priv", "x"), "EACCES"),
          "write allowed");
    SET_PERMS(c0, HOME5 "/priv", "n5", "w6");
    CHECK(!strcmp(try_read(u6, HOME5 "/priv"), "EACCES"), "read allowed");
    xs_write(u6, HOME5 "/priv", "x");
    SET_PERMS(c0, HOME5 "/priv", "n5", "b6");
    CHECK(!strcmp(xs_read(u6, HOME5 "/priv"), "x"), "read refused");
    /* The first entry is what domains without one of their own get. */
    SET_PERMS(c0, HOME5 "/priv", "r5");
    CHECK(!strcmp(xs_read(u6, HOME5 "/priv"), "x"), "read refused");
    SET_PERMS(c0, HOME5 "/priv", "r5", "n6");
    CHECK(!strcmp(try_read(u6, HOME5 "/priv"), "EACCES"), "read allowed");
}

/* Whether a node exists is told only to who may read its parent. */
static void existence_hidden(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u6 = client_as(d, 6);

    make_home(c0, 5);
    CHECK(!strcmp(try_read(u6, HOME5 "/missing"), "EACCES"), "%s",
          u6->reply.body);
    CHECK(!strcmp(try_read(u6, HOME5 "/a/b/c"), "EACCES"), "%s",
          u6->reply.body);
    SET_PERMS(c0, HOME5, "n5", "r6");
    CHECK(!strcmp(try_read(u6, HOME5 "/missing"), "ENOENT"), "%s",
          u6->reply.body);
    /* Creating needs write on the closest parent. */
    CHECK(!strcmp(try_write(u6, HOME5 "/new", "x"), "EACCES"), "%s",
          u6->reply.body);
}

static void changing_perms(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u5, *u6 = client_as(d, 6);
    const struct msg *m;

    make_home(c0, 5);
    u5 = client_as(d, 5);
    xs_write(u5, "foo", "");
    m = call(u5, XS_SET_PERMS, 0, ARGS("foo", "n6"));
    expect_error(m, "EPERM");
    SET_PERMS(u5, "foo", "n5", "r6");
    expect_error(call(u6, XS_SET_PERMS, 0, ARGS(HOME5 "/foo", "n5", "b6")),
                 "EACCES");
    SET_PERMS(c0, HOME5 "/foo", "n7");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS(HOME5 "/foo")), "n7");
    CHECK(!strcmp(try_read(u5, "foo"), "EACCES"), "old owner still reads");
}

static void privileged_only(void)
{
    static const uint32_t types[] = {
        XS_CONTROL, XS_INTRODUCE, XS_RELEASE, XS_IS_DOMAIN_INTRODUCED,
        XS_RESUME, XS_SET_TARGET,
    };
    struct client *u5 = client_as(DAEMON(), 5);
    unsigned int i;

    for ( i = 0; i < sizeof(types) / sizeof(types[0]); i++ )
        expect_error(call(u5, types[i], 0, ARGS("5", "1", "2")), "EACCES");
    expect_string(call(u5, XS_GET_DOMAIN_PATH, 0, ARGS("5")), HOME5);
}

static void set_target(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u6 = client_as(d, 6);

    make_home(c0, 5);
    client_as(d, 5);
    xs_write(c0, HOME5 "/t", "x");
    xs_write(c0, "/shared", "y");
    SET_PERMS(c0, "/shared", "n0", "r5");
    CHECK(!strcmp(try_read(u6, HOME5 "/t"), "EACCES"), "read allowed");
    expect_ok(call(c0, XS_SET_TARGET, 0, ARGS("6", "5")));
    CHECK(!strcmp(xs_read(u6, HOME5 "/t"), "x"), "target's node refused");
    xs_write(u6, HOME5 "/t", "z");
    CHECK(!strcmp(xs_read(u6, "/shared"), "y"), "target's entry refused");
}

/* A released domain's entries do not carry over to the next with its id. */
static void stale_entries(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u7;

    xs_write(c0, "/s", "v");
    SET_PERMS(c0, "/s", "n0", "r7");
    u7 = client_as(d, 7);
    CHECK(!strcmp(xs_read(u7, "/s"), "v"), "read refused");
    expect_ok(call(c0, XS_RELEASE, 0, ARGS("7")));
    u7 = client_as(d, 7);
    CHECK(!strcmp(try_read(u7, "/s"), "EACCES"), "stale entry honoured");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/s")), "n0\0r7");
}

static void perm_strings(void)
{
    struct client *c0 = client_open(DAEMON());

    xs_write(c0, "/p", "");
    SET_PERMS(c0, "/p", "r0x10");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/p")), "r16");
    /* Domids that cannot exist are kept, but grant nothing. */
    SET_PERMS(c0, "/p", "n0", "b-1");
    expect_string(call(c0, XS_GET_PERMS, 0, ARGS("/p")), "n0\0b-1");
    expect_error(call(c0, XS_SET_PERMS, 0, ARGS("/p", "n32752")), "ENOENT");
    expect_error(call(c0, XS_SET_PERMS, 0, ARGS("/nope", "n0")), "ENOENT");
}

static void special_perms(void)
{
    struct daemon *d = DAEMON();
    struct client *c0 = client_open(d), *u5 = client_as(d, 5);

    SET_PERMS(c0, "@releaseDomain", "n0", "r5");
    expect_error(call(u5, XS_SET_PERMS, 0, ARGS("@releaseDomain", "n5")),
                 "EACCES");
    expect_error(call(c0, XS_SET_PERMS, 0, ARGS("@other", "n0")), "EINVAL");
}

SUITE(suite_perms, "perms",
      { "needs_home", needs_home },
      { "inheritance", inheritance },
      { "access_rights", access_rights },
      { "existence_hidden", existence_hidden },
      { "changing_perms", changing_perms },
      { "privileged_only", privileged_only },
      { "set_target", set_target },
      { "stale_entries", stale_entries },
      { "perm_strings", perm_strings },
      { "special_perms", special_perms });
