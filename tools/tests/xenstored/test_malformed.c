/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hostile input: every bad message is answered with an error, or (for
 * an over-long one) costs its sender the connection, while the daemon
 * goes on serving everyone else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

/* A payload of raw bytes. */
static struct payload raw(const void *bytes, unsigned int len)
{
    struct payload p = { .len = len };

    memcpy(p.buf, bytes, len);
    return p;
}

static void still_serving(struct client *c)
{
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/tool")), "xenstored");
}

static void unknown_types(void)
{
    static const uint32_t types[] = {
        20, XS_TYPE_COUNT, 99, 0xffff, 0xffffffff, XS_WATCH_EVENT, XS_ERROR,
    };
    struct client *c = client_open(DAEMON());
    unsigned int i;

    for ( i = 0; i < sizeof(types) / sizeof(types[0]); i++ )
        expect_error(call(c, types[i], 0, ARGS("/tool")), "ENOSYS");
    still_serving(c);
}

static void bad_arguments(void)
{
    struct client *c = client_open(DAEMON());

    expect_error(call(c, XS_READ, 0, raw("/tool", 5)), "EINVAL");
    expect_error(call(c, XS_READ, 0, raw("", 0)), "EINVAL");
    expect_error(call(c, XS_READ, 0, ARGS("/tool", "x")), "EINVAL");
    expect_error(call(c, XS_WRITE, 0, raw("/w", 2)), "EINVAL");
    expect_error(call(c, XS_MKDIR, 0, raw("/w", 2)), "EINVAL");
    expect_error(call(c, XS_WATCH, 0, ARGS("/w")), "EINVAL");
    expect_error(call(c, XS_WATCH, 0, ARGS("/w", "t", "x")), "EINVAL");
    expect_error(call(c, XS_UNWATCH, 0, ARGS("/w")), "EINVAL");
    expect_error(call(c, XS_DIRECTORY_PART, 0, ARGS("/tool")), "EINVAL");
    expect_error(call(c, XS_SET_PERMS, 0, ARGS("/tool")), "EINVAL");
    expect_error(call(c, XS_SET_PERMS, 0, ARGS("/tool", "x0")), "EINVAL");
    expect_error(call(c, XS_SET_PERMS, 0, ARGS("/tool", "r")), "EINVAL");
    expect_error(call(c, XS_SET_PERMS, 0, ARGS("/tool", "r5x")), "EINVAL");
    expect_error(call(c, XS_SET_PERMS, 0, ARGS("/tool", "")), "EINVAL");
    expect_error(call(c, XS_TRANSACTION_END, 0, ARGS("X")), "EINVAL");
    expect_error(call(c, XS_INTRODUCE, 0, ARGS("5", "1")), "EINVAL");
    expect_error(call(c, XS_INTRODUCE, 0, ARGS("5", "1", "0")), "EINVAL");
    expect_error(call(c, XS_INTRODUCE, 0, ARGS("70000", "1", "3")),
                 "EINVAL");
    expect_error(call(c, XS_INTRODUCE, 0, ARGS("5", "x1", "3")), "EINVAL");
    expect_error(call(c, XS_INTRODUCE, 0, ARGS("5", "-1", "3")), "EINVAL");
    expect_error(call(c, XS_INTRODUCE, 0, ARGS("5", "", "3")), "EINVAL");
    expect_error(call(c, XS_RELEASE, 0, ARGS("0")), "EINVAL");
    expect_error(call(c, XS_CONTROL, 0, raw("", 0)), "EINVAL");
    expect_error(call(c, XS_CONTROL, 0, ARGS("no-such-command")), "EINVAL");
    still_serving(c);
}

static void bad_paths(void)
{
    static const char *const paths[] = {
        "/a//b", "/a/", "/a b", "/a\xc3\xa4", "//", "/a\t", "", "@foo",
        "/a+b", "/a.b",
    };
    struct client *c = client_open(DAEMON());
    char path[XENSTORE_PAYLOAD_MAX];
    unsigned int i;

    for ( i = 0; i < sizeof(paths) / sizeof(paths[0]); i++ ) {
        expect_error(call(c, XS_READ, 0, ARGS(paths[i])), "EINVAL");
        expect_error(call(c, XS_WRITE, 0, path_data(paths[i], "v", 1)),
                     "EINVAL");
        expect_error(call(c, XS_WATCH, 0, ARGS(paths[i][0] == '@' ? "/a b"
                                                : paths[i], "t")), "EINVAL");
    }

    /* path-max counts below a domain's home, and from / elsewhere. */
    memset(path, 'x', 2048);
    path[2048] = '\0';
    xs_write(c, path, "relative, 2048");
    path[2048] = 'x';
    path[2049] = '\0';
    expect_error(call(c, XS_WRITE, 0, path_data(path, "", 0)), "EINVAL");
    path[0] = '/';
    path[2048] = '\0';
    xs_write(c, path, "absolute, 2048");
    path[2048] = 'x';
    expect_error(call(c, XS_WRITE, 0, path_data(path, "", 0)), "EINVAL");
    still_serving(c);
}

/* Nothing after a header announcing too much can be understood. */
static void oversized_message(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *bad = client_open(d);
    struct xsd_sockmsg hdr = { .type = XS_READ,
                               .len = XENSTORE_PAYLOAD_MAX + 1 };
    struct msg m;

    send_bytes(bad, &hdr, sizeof(hdr));
    CHECK(recv_msg(bad, &m, REPLY_WAIT_MS) < 0, "connection not dropped");
    CHECK(daemon_logged(d, "sent a 4097 byte message"), "drop not logged");

    bad = client_open(d);
    hdr.len = 0xffffffff;
    send_bytes(bad, &hdr, sizeof(hdr));
    CHECK(recv_msg(bad, &m, REPLY_WAIT_MS) < 0, "connection not dropped");
    still_serving(c);

    /* The largest payload is fine. */
    hdr = (struct xsd_sockmsg){ .type = XS_READ, .req_id = 7,
                                .len = XENSTORE_PAYLOAD_MAX };
    send_bytes(c, &hdr, sizeof(hdr));
    send_bytes(c, (char[XENSTORE_PAYLOAD_MAX]){ '/' }, XENSTORE_PAYLOAD_MAX);
    CHECK(recv_msg(c, &m, REPLY_WAIT_MS) > 0 && m.hdr.req_id == 7 &&
          m.hdr.type == XS_ERROR, "no error for a 4096 byte read");
}

static void unknown_transaction(void)
{
    struct client *c = client_open(DAEMON());

    expect_error(call(c, XS_READ, 12345, ARGS("/tool")), "ENOENT");
    expect_error(call(c, XS_TRANSACTION_END, 0, ARGS("T")), "ENOENT");
    expect_error(call(c, XS_TRANSACTION_START, 99, ARGS("")), "ENOENT");
    still_serving(c);
}

/* Messages arrive in pieces of any size, and several in one piece. */
static void split_messages(void)
{
    struct client *c = client_open(DAEMON());
    char stream[3 * (sizeof(struct xsd_sockmsg) + 6)];
    struct xsd_sockmsg hdr = { .type = XS_READ, .len = 6 };
    unsigned int i, step;
    struct msg m;

    for ( i = 0; i < 3; i++ ) {
        hdr.req_id = 50 + i;
        memcpy(stream + i * (sizeof(hdr) + 6), &hdr, sizeof(hdr));
        memcpy(stream + i * (sizeof(hdr) + 6) + sizeof(hdr), "/tool", 6);
    }
    for ( step = 1; step <= 7; step += 6 ) {
        for ( i = 0; i < sizeof(stream); i += step ) {
            send_bytes(c, stream + i, i + step > sizeof(stream)
                                      ? sizeof(stream) - i : step);
            sleep_ms(1);
        }
        for ( i = 0; i < 3; i++ )
            CHECK(recv_msg(c, &m, REPLY_WAIT_MS) > 0 &&
                  m.hdr.req_id == 50 + i && m.hdr.type == XS_READ,
                  "reply %u to pieces of %u", i, step);
    }
}

static unsigned int connections(struct client *c)
{
    const char *path = scratch_file("memreport");
    unsigned int n = 0;
    char *report, *at;

    unlink(path);
    control(c, "memreport", path);
    report = read_file(path);
    at = report ? strstr(report, "connections: ") : NULL;
    CHECK(at && sscanf(at, "connections: %u", &n) == 1, "no memreport");
    free(report);
    return n;
}

/* Clients leaving halfway through a message leave nothing behind. */
static void disconnect_midway(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *x;
    struct xsd_sockmsg hdr = { .type = XS_WRITE, .len = 100 };
    unsigned int ms;

    x = client_open(d);
    send_bytes(x, &hdr, 8);
    client_close(x);
    x = client_open(d);
    send_bytes(x, &hdr, sizeof(hdr));
    send_bytes(x, "/half/way", 9);
    client_close(x);
    x = client_as(d, 5);
    send_bytes(x, &hdr, sizeof(hdr));
    client_close(x);
    /* The daemon may serve c before it sees the others go: wait. */
    for ( ms = 0; connections(c) != 1; ms += 10 ) {
        CHECK(ms < REPLY_WAIT_MS, "%u connections left", connections(c));
        sleep_ms(10);
    }
    expect_string(call(c, XS_IS_DOMAIN_INTRODUCED, 0, ARGS("5")), "F");
    expect_error(call(c, XS_READ, 0, ARGS("/half")), "ENOENT");
    still_serving(c);
}

#define FLOOD 2000
#define BIG_VALUE 4000

/* A client that never reads stops being read, and loses nothing. */
static void flood_unread(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *flood = client_open(d);
    static char value[BIG_VALUE];
    struct payload read_big = ARGS("/big");
    const char *path = scratch_file("memreport");
    char *report, *at;
    unsigned long queued = 0;
    unsigned int i;
    struct msg m;

    memset(value, 'v', sizeof(value));
    expect_ok(call(c, XS_WRITE, 0, path_data("/big", value, sizeof(value))));
    send_many(flood, XS_READ, &read_big, FLOOD);
    sleep_ms(300);
    still_serving(c);

    control(c, "memreport", path);
    report = read_file(path);
    at = report ? strstr(report, "connections: ") : NULL;
    CHECK(at && sscanf(at, "connections: %*u, %lu", &queued) == 1,
          "no memreport");
    free(report);
    CHECK(queued > 0 && queued <= 256 * 1024 + sizeof(m.hdr) + BIG_VALUE,
          "%lu bytes queued", queued);

    for ( i = 0; i < FLOOD; i++ ) {
        CHECK(recv_msg(flood, &m, REPLY_WAIT_MS) > 0, "reply %u missing", i);
        CHECK(m.hdr.req_id == i + 1 && m.hdr.len == BIG_VALUE,
              "reply %u wrong", i);
    }
}

#define EVENT_FLOOD 2000

/* Watch events a privileged client never reads cost it the connection. */
static void event_flood(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d), *watcher = client_open(d);
    static char token[3001];
    char path[32];
    unsigned int i;
    struct msg m;
    int rc;

    /* Big events, each for a node of its own (equal ones are merged). */
    memset(token, 't', sizeof(token) - 1);
    xs_watch(watcher, "/", token);
    for ( i = 0; i < EVENT_FLOOD; i++ ) {
        snprintf(path, sizeof(path), "/f/%u", i);
        xs_write(c, path, "");
    }
    CHECK(daemon_logged(d, "bytes of watch events not read"),
          "no drop logged");
    while ( (rc = recv_msg(watcher, &m, REPLY_WAIT_MS)) > 0 )
        ;
    CHECK(rc < 0, "watcher still connected");
    still_serving(c);
}

SUITE(suite_malformed, "malformed",
      { "unknown_types", unknown_types },
      { "bad_arguments", bad_arguments },
      { "bad_paths", bad_paths },
      { "oversized_message", oversized_message },
      { "unknown_transaction", unknown_transaction },
      { "split_messages", split_messages },
      { "disconnect_midway", disconnect_midway },
      { "flood_unread", flood_unread },
      { "event_flood", event_flood });
