/* SPDX-License-Identifier: GPL-2.0-only */
/* Transactions: isolation, conflicts ending in EAGAIN, commit and abort. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

#define QUIET_MS 200

static uint32_t start(struct client *c)
{
    const struct msg *m = call(c, XS_TRANSACTION_START, 0, ARGS(""));

    CHECK(m->hdr.type == XS_TRANSACTION_START, "start: %s", m->body);
    return strtoul(m->body, NULL, 10);
}

static const struct msg *end(struct client *c, uint32_t tx, const char *how)
{
    return call(c, XS_TRANSACTION_END, tx, ARGS(how));
}

static void twrite(struct client *c, uint32_t tx, const char *path,
                   const char *value)
{
    expect_ok(call(c, XS_WRITE, tx, path_data(path, value, strlen(value))));
}

static const char *tread(struct client *c, uint32_t tx, const char *path)
{
    return call(c, XS_READ, tx, ARGS(path))->body;
}

static void isolation(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *other = client_open(d);
    uint32_t tx = start(c);

    twrite(c, tx, "/t/a", "1");
    CHECK(!strcmp(try_read(other, "/t/a"), "ENOENT"), "write leaked");
    CHECK(!strcmp(tread(c, tx, "/t/a"), "1"), "own write not seen");
    expect_string(call(c, XS_DIRECTORY, tx, ARGS("/t")), "a");
    /* What the transaction has read does not change under it. */
    xs_write(other, "/t/b", "2");
    CHECK(!strcmp(tread(c, tx, "/t/b"), "2"), "not read yet: current");
    xs_write(other, "/t/b", "3");
    CHECK(!strcmp(tread(c, tx, "/t/b"), "2"), "read again: changed");
    expect_error(end(c, tx, "T"), "EAGAIN");
    CHECK(!strcmp(try_read(other, "/t/a"), "ENOENT"), "failed commit leaked");
}

static void conflict(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *other = client_open(d);
    uint32_t tx;

    xs_write(c, "/c", "0");
    tx = start(c);
    CHECK(!strcmp(tread(c, tx, "/c"), "0"), "read");
    xs_write(other, "/c", "1");
    twrite(c, tx, "/d", "x");
    expect_error(end(c, tx, "T"), "EAGAIN");
    CHECK(!strcmp(try_read(c, "/d"), "ENOENT"), "conflicting commit leaked");

    /* A node read as absent that appears meanwhile conflicts too. */
    tx = start(c);
    CHECK(!strcmp(tread(c, tx, "/e"), "ENOENT"), "read");
    xs_write(other, "/e", "1");
    expect_error(end(c, tx, "T"), "EAGAIN");
}

static void no_conflict(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *other = client_open(d);
    uint32_t tx;

    xs_write(c, "/c1", "0");
    tx = start(c);
    CHECK(!strcmp(tread(c, tx, "/c1"), "0"), "read");
    xs_write(other, "/c2", "1");
    twrite(c, tx, "/d", "x");
    expect_ok(end(c, tx, "T"));
    CHECK(!strcmp(xs_read(other, "/d"), "x"), "commit lost");
}

static void abort_discards(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *w = client_open(d);
    uint32_t tx;

    xs_watch(w, "/x", "t");
    expect_event(w, "/x", "t");
    tx = start(c);
    twrite(c, tx, "/x", "1");
    expect_ok(end(c, tx, "F"));
    CHECK(!strcmp(try_read(c, "/x"), "ENOENT"), "aborted write kept");
    expect_no_event(w, QUIET_MS);
    expect_error(end(c, tx, "T"), "ENOENT");
}

static void watches_on_commit(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *w = client_open(d);
    uint32_t tx;

    xs_write(c, "/q/child", "");
    xs_watch(w, "/wt", "t");
    xs_watch(w, "/q", "q");
    expect_event(w, "/wt", "t");
    expect_event(w, "/q", "q");
    tx = start(c);
    twrite(c, tx, "/wt/a", "1");
    expect_ok(call(c, XS_RM, tx, ARGS("/q")));
    expect_no_event(w, QUIET_MS);
    CHECK(!strcmp(xs_read(c, "/q/child"), ""), "rm leaked");
    expect_ok(end(c, tx, "T"));
    expect_event(w, "/wt/a", "t");
    expect_event(w, "/q", "q");
    expect_no_event(w, QUIET_MS);
    CHECK(!strcmp(try_read(c, "/q"), "ENOENT"), "rm lost");
}

static void nesting_and_ids(void)
{
    struct client *c = client_open(DAEMON());
    uint32_t tx1 = start(c), tx2 = start(c);

    CHECK(tx1 == 1 && tx2 == 2, "ids %u and %u", tx1, tx2);
    expect_error(call(c, XS_TRANSACTION_START, tx1, ARGS("")), "EBUSY");
    expect_error(end(c, tx1, "X"), "EINVAL");
    expect_ok(end(c, tx1, "T"));
    expect_error(end(c, tx1, "T"), "ENOENT");
    expect_ok(end(c, tx2, "F"));
}

static void create_conflict(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *other = client_open(d);
    uint32_t tx;

    xs_mkdir(c, "/p");
    tx = start(c);
    twrite(c, tx, "/p/x", "");
    xs_write(other, "/p/y", "");
    expect_error(end(c, tx, "T"), "EAGAIN");
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/p")), "y");
}

SUITE(suite_transaction, "transaction",
      { "isolation", isolation },
      { "conflict", conflict },
      { "no_conflict", no_conflict },
      { "abort_discards", abort_discards },
      { "watches_on_commit", watches_on_commit },
      { "nesting_and_ids", nesting_and_ids },
      { "create_conflict", create_conflict });
