/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Quotas, set small by options: each is answered with 4.17's error and
 * logged with the domain and quota, and dom0 is exempt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

/* Domain 5 in its home, under a daemon started with args. */
static struct client *domain5(struct daemon *d, struct client **dom0)
{
    *dom0 = client_open(d);
    make_home(*dom0, 5);
    return client_as(d, 5);
}

/* A line of CONTROL quota <domid>. */
static long domain_quota(struct client *c0, unsigned int domid,
                         const char *name)
{
    char id[16], key[32];
    const char *text, *at;
    long val;

    snprintf(id, sizeof(id), "%u", domid);
    text = control(c0, "quota", id);
    snprintf(key, sizeof(key), "\n%s", name);
    at = strstr(text, key);
    CHECK(at && sscanf(strchr(at, ':') + 1, "%ld", &val) == 1,
          "no %s in quota %u", name, domid);
    return val;
}

static void nodes(void)
{
    struct daemon *d = DAEMON("-E", "5");
    struct client *c0, *u5 = domain5(d, &c0);
    char path[32];
    unsigned int i;

    /* The home is the domain's first node. */
    for ( i = 1; i < 5; i++ ) {
        snprintf(path, sizeof(path), "n%u", i);
        xs_write(u5, path, "");
    }
    CHECK(!strcmp(try_write(u5, "n5", ""), "ENOSPC"), "%s", u5->reply.body);
    CHECK(!strcmp(try_write(u5, "deep/er", ""), "ENOSPC"), "%s",
          u5->reply.body);
    CHECK(daemon_logged(d, "domain 5 hit quota nodes (5)"), "not logged");
    CHECK(domain_quota(c0, 5, "nodes") == 5, "count wrong");
    /* Rewriting is no new node; dom0 is not limited. */
    xs_write(u5, "n1", "again");
    for ( i = 0; i < 20; i++ ) {
        snprintf(path, sizeof(path), "/dom0/n%u", i);
        xs_write(c0, path, "");
    }
    xs_rm(u5, "n1");
    xs_write(u5, "n5", "");
}

/* In a transaction, 4.17 counts new nodes against the quota on commit. */
static void nodes_on_commit(void)
{
    struct daemon *d = DAEMON("-E", "4");
    struct client *c0, *u5 = domain5(d, &c0);
    const struct msg *m;
    uint32_t tx;

    m = call(u5, XS_TRANSACTION_START, 0, ARGS(""));
    tx = strtoul(m->body, NULL, 10);
    expect_ok(call(u5, XS_WRITE, tx, path_data("a", "", 0)));
    expect_ok(call(u5, XS_WRITE, tx, path_data("b", "", 0)));
    expect_ok(call(u5, XS_WRITE, tx, path_data("c", "", 0)));
    expect_error(call(u5, XS_TRANSACTION_END, tx, ARGS("T")), "ENOSPC");
    m = call(u5, XS_TRANSACTION_START, 0, ARGS(""));
    tx = strtoul(m->body, NULL, 10);
    expect_ok(call(u5, XS_WRITE, tx, path_data("a", "", 0)));
    expect_ok(call(u5, XS_WRITE, tx, path_data("b", "", 0)));
    expect_ok(call(u5, XS_TRANSACTION_END, tx, ARGS("T")));
    CHECK(domain_quota(c0, 5, "nodes") == 3, "count wrong");
}

static void node_size(void)
{
    struct daemon *d = DAEMON("-S", "100");
    struct client *c0, *u5 = domain5(d, &c0);
    char value[1001];

    /* 24 bytes of header and 8 per permission count too (4.17). */
    memset(value, 'v', sizeof(value) - 1);
    value[67] = '\0';
    xs_write(u5, "x", value);
    value[67] = 'v';
    value[68] = '\0';
    CHECK(!strcmp(try_write(u5, "x", value), "ENOSPC"), "%s",
          u5->reply.body);
    CHECK(!strcmp(try_write(u5, "y", value), "ENOSPC"), "%s",
          u5->reply.body);
    CHECK(!strcmp(try_read(u5, "y"), "ENOENT"), "failed create kept");
    CHECK(daemon_logged(d, "domain 5 hit quota node-size (100)"),
          "not logged");
    value[68] = 'v';
    xs_write(c0, "/local/domain/5/big", value);
}

static void watches(void)
{
    struct daemon *d = DAEMON("-W", "2");
    struct client *c0, *u5 = domain5(d, &c0);

    /* 4.17 lets a domain set one more than the quota. */
    xs_watch(u5, "a", "t");
    xs_watch(u5, "b", "t");
    xs_watch(u5, "c", "t");
    expect_error(call(u5, XS_WATCH, 0, ARGS("d", "t")), "E2BIG");
    CHECK(daemon_logged(d, "domain 5 hit quota watches (2)"), "not logged");
    expect_ok(call(u5, XS_UNWATCH, 0, ARGS("a", "t")));
    xs_watch(u5, "d", "t");
    xs_watch(c0, "/x", "1");
    xs_watch(c0, "/x", "2");
    xs_watch(c0, "/x", "3");
    xs_watch(c0, "/x", "4");
}

static void transactions(void)
{
    struct daemon *d = DAEMON("-t", "2");
    struct client *c0, *u5 = domain5(d, &c0);
    unsigned int i;

    /* One more than the quota, as 4.17. */
    for ( i = 0; i < 3; i++ )
        CHECK(call(u5, XS_TRANSACTION_START, 0, ARGS(""))->hdr.type ==
              XS_TRANSACTION_START, "start %u: %s", i, u5->reply.body);
    expect_error(call(u5, XS_TRANSACTION_START, 0, ARGS("")), "ENOSPC");
    CHECK(daemon_logged(d, "domain 5 hit quota transactions (2)"),
          "not logged");
    for ( i = 0; i < 5; i++ )
        CHECK(call(c0, XS_TRANSACTION_START, 0, ARGS(""))->hdr.type ==
              XS_TRANSACTION_START, "dom0 start %u", i);
}

static void permissions(void)
{
    struct daemon *d = DAEMON("-A", "2");
    struct client *c0, *u5 = domain5(d, &c0);

    xs_write(u5, "x", "");
    SET_PERMS(u5, "x", "n5", "r6");
    expect_error(call(u5, XS_SET_PERMS, 0, ARGS("x", "n5", "r6", "r7")),
                 "ENOSPC");
    CHECK(daemon_logged(d, "domain 5 hit quota permissions (2)"),
          "not logged");
    SET_PERMS(c0, "/local/domain/5/x", "n5", "r1", "r2", "r3", "r4", "r6");
}

static void transaction_nodes(void)
{
    struct daemon *d = DAEMON("-Q", "transaction-nodes=3");
    struct client *c0, *u5 = domain5(d, &c0);
    const struct msg *m;
    uint32_t tx;

    xs_write(u5, "a", "");
    xs_write(u5, "b", "");
    xs_write(u5, "c", "");
    xs_write(u5, "d", "");
    m = call(u5, XS_TRANSACTION_START, 0, ARGS(""));
    tx = strtoul(m->body, NULL, 10);
    expect_body(call(u5, XS_READ, tx, ARGS("a")), "", 0);
    expect_body(call(u5, XS_READ, tx, ARGS("b")), "", 0);
    expect_body(call(u5, XS_READ, tx, ARGS("c")), "", 0);
    expect_error(call(u5, XS_READ, tx, ARGS("d")), "ENOSPC");
    /* The transaction cannot commit any more (4.17 says ENOMEM). */
    expect_error(call(u5, XS_TRANSACTION_END, tx, ARGS("T")), "ENOMEM");
    CHECK(daemon_logged(d, "domain 5 hit quota transaction-nodes (3)"),
          "not logged");
}

#define PIPELINE 200

/*
 * A domain with too many requests unanswered is not read from: replies
 * it does not read fill its socket, and then the quota stops it.
 */
static void outstanding(void)
{
    struct daemon *d = DAEMON("-Q", "outstanding=3");
    struct client *c0, *u5 = domain5(d, &c0);
    struct payload read = ARGS("big");
    char value[4001];
    unsigned int i;
    struct msg m;

    memset(value, 'b', sizeof(value) - 1);
    value[4000] = '\0';
    xs_write(c0, "/local/domain/5/big", value);
    send_many(u5, XS_READ, &read, PIPELINE);
    sleep_ms(200);
    CHECK(domain_quota(c0, 5, "outstanding") == 3, "%ld outstanding",
          domain_quota(c0, 5, "outstanding"));
    CHECK(daemon_logged(d, "domain 5 hit quota outstanding (3)"),
          "not logged");
    for ( i = 0; i < PIPELINE; i++ )
        CHECK(recv_msg(u5, &m, REPLY_WAIT_MS) > 0 && m.hdr.len == 4000,
              "reply %u", i);
    CHECK(domain_quota(c0, 5, "outstanding") == 0, "still outstanding");
}

static void memory(void)
{
    struct daemon *d = DAEMON("-Q", "memory=3000");
    struct client *c0, *u5 = domain5(d, &c0);
    char value[501], path[16];
    unsigned int i;

    memset(value, 'm', sizeof(value) - 1);
    value[500] = '\0';
    for ( i = 0; i < 10; i++ ) {
        snprintf(path, sizeof(path), "m%u", i);
        if ( strcmp(try_write(u5, path, value), "OK") )
            break;
    }
    CHECK(i < 10 && !strcmp(u5->reply.body, "ENOMEM"), "%s after %u",
          u5->reply.body, i);
    CHECK(domain_quota(c0, 5, "memory") < 3000, "over the quota");
    CHECK(daemon_logged(d, "domain 5 hit quota memory (3000)"),
          "not logged");
    xs_rm(u5, "m0");
    xs_write(u5, "m0", value);
}

static void control_quota(void)
{
    struct client *c0 = client_open(DAEMON());

    CHECK(strstr(control(c0, "quota", NULL),
                 "\nnodes            :     1000 Nodes per domain\n"),
          "no nodes quota");
    expect_ok(call(c0, XS_CONTROL, 0, ARGS("quota", "set", "nodes", "3")));
    CHECK(strstr(control(c0, "quota", NULL), "nodes            :        3"),
          "set not shown");
    expect_error(call(c0, XS_CONTROL, 0, ARGS("quota", "set", "nodes", "0")),
                 "EINVAL");
    expect_error(call(c0, XS_CONTROL, 0, ARGS("quota", "set", "nope", "3")),
                 "EINVAL");
    CHECK(strstr(control(c0, "quota-soft", NULL),
                 "memory           :  2097152 "), "no soft quota");
    expect_error(call(c0, XS_CONTROL, 0, ARGS("quota", "5")), "ENOENT");
    make_home(c0, 5);
    CHECK(!strcmp(control(c0, "quota", "5"),
                  "Domain 5:\n"
                  "nodes           :        1\n"
                  "watches         :        0\n"
                  "transactions    :        0\n"
                  "outstanding     :        0\n"
                  "memory          :       47\n"), "%s", c0->reply.body);
}

static char big_token[2001];

/*
 * Events for a domain that does not read them pile up, within bounds,
 * once its socket is full.  The nodes are dom0's, so that dom0 can go on
 * writing them whatever domain 5's memory.
 */
static void pile_events(struct client *c0, struct client *u5, unsigned int n)
{
    char path[64];
    unsigned int i;

    xs_mkdir(c0, "/ev");
    SET_PERMS(c0, "/ev", "n0", "r5");
    memset(big_token, 't', sizeof(big_token) - 1);
    xs_watch(u5, "/ev", big_token);
    expect_event(u5, "/ev", big_token);
    for ( i = 0; i < n; i++ ) {
        snprintf(path, sizeof(path), "/ev/e%u", i);
        xs_write(c0, path, "");
    }
}

static void event_memory(void)
{
    struct daemon *d = DAEMON("-Q", "memory=100000");
    struct client *c0, *u5 = domain5(d, &c0);

    pile_events(c0, u5, 400);
    CHECK(domain_quota(c0, 5, "memory") < 100000, "events over the quota");
}

static void event_timeout(void)
{
    struct daemon *d = DAEMON("-w", "watch-event=1");
    struct client *c0, *u5 = domain5(d, &c0);
    long before;

    pile_events(c0, u5, 400);
    before = domain_quota(c0, 5, "memory");
    CHECK(before > 100000, "no events waiting (%ld bytes)", before);
    sleep_ms(1500);
    CHECK(domain_quota(c0, 5, "memory") < before / 10,
          "events did not expire");
}

SUITE(suite_quota, "quota",
      { "nodes", nodes },
      { "nodes_on_commit", nodes_on_commit },
      { "node_size", node_size },
      { "watches", watches },
      { "transactions", transactions },
      { "permissions", permissions },
      { "transaction_nodes", transaction_nodes },
      { "outstanding", outstanding },
      { "memory", memory },
      { "control_quota", control_quota },
      { "event_memory", event_memory },
      { "event_timeout", event_timeout });
