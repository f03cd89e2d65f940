/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Seeded fuzz runs, the same every time.  "requests": random messages,
 * mostly shaped like real ones, from dom0 and two domains at once,
 * through the real framing, handlers and store; every request must be
 * answered exactly once, in order, with its type or an error the
 * protocol names, and the store and its accounts must stay sound.
 * "ring": a guest scribbling over its page.  ASan and UBSan watch both.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "ring.h"
#include "store.h"

#define SEED     0x9e3779b97f4a7c15ull
#define REQUESTS 200000
#define RING_ROUNDS 200000
#define MAX_PENDING 64

/* Successful replies by type: the run must get deep into each. */
static unsigned int succeeded[XS_TYPE_COUNT];

static uint64_t state;

static uint32_t rnd(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (state * 0x2545f4914f6cdd1dull) >> 32;
}

static unsigned int pick(unsigned int n)
{
    return rnd() % n;
}

#define PICK(array) (array[pick(sizeof(array) / sizeof(array[0]))])

static const char *const paths[] = {
    "/", "/a", "/a/b", "/a/b/c", "/a/d", "/tool/xenstored",
    "/local/domain/5", "/local/domain/5/x", "/local/domain/6/y/z",
    "/local/domain/6", "x", "x/y", "data/deep/er", "@introduceDomain",
    "@releaseDomain", "@other", "", "//", "/a/", "/a b", "/-_@",
};

static const char *const words[] = {
    "T", "F", "on", "off", "set", "nodes", "memory", "outstanding", "x",
};

static const char *const domids[] = {
    "0", "1", "5", "6", "7", "99", "-1", "32752", "70000",
};

static const char *const perms[] = {
    "n0", "r5", "b6", "w7", "n5", "b5", "r0x10", "b-1", "x3", "r",
    "n32752", "r5 ",
};

/* Not print or check: they only log. */
static const char *const commands[] = {
    "help", "quota", "quota-soft", "log", "become",
};

struct peer {
    struct fake *fake;
    unsigned int domid;
    uint32_t next_req_id;
    struct {
        uint32_t req_id, type;
    } pending[MAX_PENDING];
    unsigned int nr_pending;
    uint32_t txs[4];
};

struct payload_buf {
    char buf[XENSTORE_PAYLOAD_MAX];
    unsigned int len;
};

static void add(struct payload_buf *p, const void *s, unsigned int len)
{
    if ( len > sizeof(p->buf) - p->len )
        len = sizeof(p->buf) - p->len;
    memcpy(p->buf + p->len, s, len);
    p->len += len;
}

static void add_one(struct payload_buf *p, const char *s)
{
    add(p, s, strlen(s) + 1);
}

static void add_string(struct payload_buf *p)
{
    char word[2200];
    unsigned int len, i;

    switch ( pick(8) ) {
    case 0:
        add_one(p, PICK(words));
        break;
    case 1:
        /* Around the path-max boundary. */
        len = 2040 + pick(20);
        word[0] = '/';
        for ( i = 1; i < len; i++ )
            word[i] = 'a' + pick(3);
        word[len] = '\0';
        add(p, word, len + 1);
        break;
    default:
        add_one(p, PICK(paths));
    }
}

/* Noise, or anything string-like. */
static void add_garbage(struct payload_buf *p)
{
    unsigned int i, n;
    char byte;

    if ( pick(2) ) {
        for ( n = pick(4), i = 0; i < n; i++ )
            add_string(p);
        return;
    }
    for ( n = pick(40), i = 0; i < n; i++ ) {
        byte = pick(4) ? 'a' + pick(26) : pick(256);
        add(p, &byte, 1);
    }
}

/* Mostly what type takes, so that requests get past their parsing. */
static void make_payload(struct payload_buf *p, uint32_t type)
{
    unsigned int i, n;
    char byte;

    p->len = 0;
    if ( !pick(5) ) {
        add_garbage(p);
    } else {
        switch ( type ) {
        case XS_WRITE:
            add_string(p);
            for ( n = pick(20), i = 0; i < n; i++ ) {
                byte = pick(3) ? 'v' : 0;
                add(p, &byte, 1);
            }
            break;
        case XS_WATCH: case XS_UNWATCH:
            add_string(p);
            add_one(p, PICK(words));
            break;
        case XS_DIRECTORY_PART:
            add_string(p);
            add_one(p, PICK(domids));
            break;
        case XS_SET_PERMS:
            add_string(p);
            for ( n = 1 + pick(3), i = 0; i < n; i++ )
                add_one(p, PICK(perms));
            break;
        case XS_TRANSACTION_START: case XS_RESET_WATCHES:
            add(p, "", 1);
            break;
        case XS_TRANSACTION_END:
            add_one(p, pick(2) ? "T" : "F");
            break;
        case XS_RELEASE: case XS_RESUME: case XS_IS_DOMAIN_INTRODUCED:
        case XS_GET_DOMAIN_PATH:
            add_one(p, PICK(domids));
            break;
        case XS_INTRODUCE: case XS_SET_TARGET:
            for ( n = 2 + pick(2), i = 0; i < n; i++ )
                add_one(p, PICK(domids));
            break;
        case XS_CONTROL:
            add_one(p, PICK(commands));
            for ( n = pick(3), i = 0; i < n; i++ )
                add_one(p, pick(2) ? PICK(words) : PICK(domids));
            break;
        default:
            add_string(p);
        }
    }
    /* Sometimes the last NUL is missing. */
    if ( p->len && !pick(10) )
        p->len--;
}

static uint32_t pick_type(void)
{
    static const uint32_t odd[] = { 20, XS_TYPE_COUNT, 0xffff, 0xffffffff };

    if ( !pick(20) )
        return PICK(odd);
    /* RELEASE and INTRODUCE of the domains here: now and then only. */
    return pick(XS_TYPE_COUNT);
}

static void connect_peer(struct peer *p)
{
    p->fake = fake_open(p->domid);
    p->nr_pending = 0;
    memset(p->txs, 0, sizeof(p->txs));
}

static void send_one(struct peer *p)
{
    struct payload_buf payload;
    uint32_t type = pick_type(), tx = 0;

    if ( (type == XS_RELEASE || type == XS_INTRODUCE) && pick(8) )
        type = XS_READ;
    make_payload(&payload, type);
    if ( !pick(type == XS_TRANSACTION_END ? 1 : 4) )
        tx = pick(8) ? p->txs[pick(4)] : rnd();
    if ( !pick(2000) ) {
        /* Too long to follow: the connection goes. */
        struct xsd_sockmsg hdr = { .type = XS_READ, .len = 5000 };

        fake_feed(p->fake, &hdr, sizeof(hdr));
        return;
    }
    CHECK(p->nr_pending < MAX_PENDING, "too much pipelined");
    fake_request(p->fake, type, p->next_req_id, tx, payload.buf, payload.len);
    p->pending[p->nr_pending].req_id = p->next_req_id++;
    p->pending[p->nr_pending].type = type;
    p->nr_pending++;
}

static bool known_error(const char *name)
{
    unsigned int i;

    for ( i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++ )
        if ( !strcmp(name, xsd_errors[i].errstring) )
            return true;
    return false;
}

/* Checks and takes what the daemon sent p. */
static void collect(struct peer *p)
{
    static char body[XENSTORE_PAYLOAD_MAX + 1];
    struct xsd_sockmsg hdr;

    while ( fake_take(p->fake, &hdr, body) ) {
        if ( hdr.type == XS_WATCH_EVENT ) {
            CHECK(memchr(body, '\0', hdr.len) && !body[hdr.len - 1],
                  "malformed event");
            continue;
        }
        CHECK(p->nr_pending, "reply %u to nothing", hdr.req_id);
        CHECK(hdr.req_id == p->pending[0].req_id,
              "reply %u, expected %u", hdr.req_id, p->pending[0].req_id);
        CHECK(hdr.type == p->pending[0].type ||
              (hdr.type == XS_ERROR && known_error(body)),
              "reply of type %u (%s) to type %u", hdr.type, body,
              p->pending[0].type);
        if ( hdr.type < XS_TYPE_COUNT )
            succeeded[hdr.type]++;
        if ( hdr.type == XS_TRANSACTION_START )
            p->txs[pick(4)] = strtoul(body, NULL, 10);
        memmove(p->pending, p->pending + 1,
                --p->nr_pending * sizeof(p->pending[0]));
    }
}

static void requests(void)
{
    struct peer peers[3] = {
        { .domid = 0 }, { .domid = 5 }, { .domid = 6 },
    };
    static const char home5[] = "/local/domain/5\0b5",
                      home6[] = "/local/domain/6\0n6\0r5";
    struct peer *p;
    unsigned int i, burst;

    state = SEED;
    memset(succeeded, 0, sizeof(succeeded));
    core_start();
    for ( p = peers; p < peers + 3; p++ )
        connect_peer(p);
    fake_request(peers[0].fake, XS_MKDIR, 0, 0, home5, 16);
    fake_request(peers[0].fake, XS_SET_PERMS, 0, 0, home5, sizeof(home5));
    fake_request(peers[0].fake, XS_MKDIR, 0, 0, home6, 16);
    fake_request(peers[0].fake, XS_SET_PERMS, 0, 0, home6, sizeof(home6));
    fake_pump();
    peers[0].fake->out_len = 0;

    for ( i = 0; i < REQUESTS; i += burst ) {
        p = &peers[pick(3)];
        for ( burst = 1 + pick(8); burst && p->nr_pending < MAX_PENDING - 8;
              burst-- )
            send_one(p);
        burst = 8;
        /* dom0 not reading for a while lets queues and stalls build. */
        if ( !pick(50) )
            peers[0].fake->blocked = !peers[0].fake->blocked;
        fake_pump();
        for ( p = peers; p < peers + 3; p++ ) {
            collect(p);
            if ( p->fake->closed )
                connect_peer(p);
        }
        if ( !(i % 1000) )
            CHECK(!store_check(), "store inconsistent after %u", i);
    }

    peers[0].fake->blocked = false;
    fake_pump();
    for ( p = peers; p < peers + 3; p++ ) {
        collect(p);
        CHECK(p->fake->closed || !p->nr_pending, "%u requests unanswered",
              p->nr_pending);
    }
    check_accounts();
    for ( i = 0; i < XS_TYPE_COUNT; i++ )
        CHECK(succeeded[i] || i == XS_INTRODUCE || i == XS_WATCH_EVENT ||
              i == XS_ERROR || i == 20, "no request of type %u succeeded", i);
}

/* The guest writes anything anywhere; the daemon's side must hold. */
static void ring(void)
{
    static struct xenstore_domain_interface page;
    struct msg_out out = { .hdr = { .type = XS_READ, .len = 100 } };
    static char body[100];
    struct msg_in in = { 0 };
    unsigned int i, j;
    int rc;

    state = SEED;
    out.body = body;
    for ( i = 0; i < RING_ROUNDS; i++ ) {
        switch ( pick(6) ) {
        case 0:
            page.req_prod += pick(64);
            break;
        case 1:
            page.req_prod = rnd();
            break;
        case 2:
            page.rsp_cons += pick(200);
            break;
        case 3:
            for ( j = pick(16); j; j-- )
                page.req[pick(XENSTORE_RING_SIZE)] = pick(4) ? 0 : rnd();
            break;
        default:
            break;
        }
        page.error = 0;
        rc = ring_receive(&page, &in);
        if ( rc == 1 ) {
            CHECK(in.hdr.len <= XENSTORE_PAYLOAD_MAX && !in.body[in.hdr.len],
                  "bad message accepted");
            msg_in_reset(&in);
        } else if ( rc < 0 ) {
            CHECK(page.error == XENSTORE_ERROR_RINGIDX ||
                  page.error == XENSTORE_ERROR_PROTO, "error %u",
                  page.error);
            msg_in_reset(&in);
            ring_reset(&page);
        }
        page.error = 0;
        if ( ring_send(&page, &out) < 0 ) {
            CHECK(page.error == XENSTORE_ERROR_RINGIDX, "error %u",
                  page.error);
            ring_reset(&page);
        }
        if ( out.sent == sizeof(out.hdr) + out.hdr.len )
            out.sent = 0;
    }
    msg_in_reset(&in);
}

SUITE(suite_fuzz, "fuzz",
      { "requests", requests },
      { "ring", ring });
