/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ring protocol on an in-memory xenstore page, the test playing the
 * guest: messages in pieces and across the ring's end and the indexes'
 * wrap, full rings, and indexes a guest has made inconsistent.
 */
#include <string.h>

#include "core.h"
#include "ring.h"

static struct xenstore_domain_interface page;

static void fresh_page(XENSTORE_RING_IDX start)
{
    memset(&page, 0, sizeof(page));
    page.req_cons = page.req_prod = page.rsp_cons = page.rsp_prod = start;
}

/* The guest's side. */
static void guest_put(const void *buf, unsigned int len)
{
    const char *p = buf;

    CHECK(page.req_prod - page.req_cons + len <= XENSTORE_RING_SIZE,
          "guest ring overflow");
    while ( len-- )
        page.req[MASK_XENSTORE_IDX(page.req_prod++)] = *p++;
}

static unsigned int guest_take(void *buf, unsigned int len)
{
    unsigned int n = 0;
    char *p = buf;

    while ( n < len && page.rsp_cons != page.rsp_prod )
        p[n++] = page.rsp[MASK_XENSTORE_IDX(page.rsp_cons++)];
    return n;
}

static void put_request(uint32_t req_id, const char *payload, unsigned int len)
{
    struct xsd_sockmsg hdr = { .type = XS_READ, .req_id = req_id, .len = len };

    guest_put(&hdr, sizeof(hdr));
    guest_put(payload, len);
}

static void expect_request(struct msg_in *in, uint32_t req_id,
                           const char *payload, unsigned int len)
{
    CHECK(in->hdr.type == XS_READ && in->hdr.req_id == req_id &&
          in->hdr.len == len && !memcmp(in->body, payload, len) &&
          !in->body[len], "request %u garbled", req_id);
    msg_in_reset(in);
}

static void whole_messages(void)
{
    struct msg_in in = { 0 };

    fresh_page(0);
    put_request(1, "/a", 3);
    put_request(2, "/bc", 4);
    CHECK(ring_has_input(&page), "no input seen");
    CHECK(ring_receive(&page, &in) == 1, "first not received");
    /* Nothing of the next message is taken early. */
    CHECK(page.req_prod - page.req_cons == sizeof(struct xsd_sockmsg) + 4,
          "read past the first message");
    expect_request(&in, 1, "/a", 3);
    CHECK(ring_receive(&page, &in) == 1, "second not received");
    expect_request(&in, 2, "/bc", 4);
    CHECK(!ring_has_input(&page) && ring_receive(&page, &in) == 0,
          "input from nowhere");
    CHECK(!page.error, "error %u", page.error);
}

static void pieces(void)
{
    struct xsd_sockmsg hdr = { .type = XS_READ, .req_id = 9, .len = 6 };
    struct msg_in in = { 0 };

    fresh_page(0);
    guest_put(&hdr, 5);
    CHECK(ring_receive(&page, &in) == 0, "5 header bytes: complete");
    guest_put((char *)&hdr + 5, sizeof(hdr) - 5);
    CHECK(ring_receive(&page, &in) == 0, "header only: complete");
    guest_put("/to", 3);
    CHECK(ring_receive(&page, &in) == 0, "half a body: complete");
    guest_put("ol", 3);
    CHECK(ring_receive(&page, &in) == 1, "not complete");
    expect_request(&in, 9, "/tool", 6);
}

/* Across the ring's end and the indexes' wrap at 2^32. */
static void wrapping(void)
{
    char payload[600], reply[600 + sizeof(struct xsd_sockmsg)];
    struct msg_out out = { .hdr = { .type = XS_READ, .req_id = 3 } };
    struct msg_in in = { 0 };
    unsigned int i, round;

    for ( i = 0; i < sizeof(payload); i++ )
        payload[i] = 'a' + i % 26;
    payload[sizeof(payload) - 1] = '\0';
    fresh_page(0xffffffff - 700);
    for ( round = 0; round < 4; round++ ) {
        put_request(round, payload, sizeof(payload));
        CHECK(ring_receive(&page, &in) == 1, "round %u: not received",
              round);
        expect_request(&in, round, payload, sizeof(payload));
        out.hdr.len = sizeof(payload);
        out.body = payload;
        out.sent = 0;
        CHECK(ring_send(&page, &out) == 1, "round %u: not sent", round);
        CHECK(guest_take(reply, sizeof(reply)) == sizeof(reply) &&
              !memcmp(reply, &out.hdr, sizeof(out.hdr)) &&
              !memcmp(reply + sizeof(out.hdr), payload, sizeof(payload)),
              "round %u: reply garbled", round);
    }
    CHECK(page.req_cons < 0x1000, "indexes did not wrap");
}

/* A reply bigger than the ring goes out as the guest makes room. */
static void full_ring(void)
{
    static char body[3000], got[sizeof(body) + sizeof(struct xsd_sockmsg)];
    struct msg_out out = {
        .hdr = { .type = XS_READ, .len = sizeof(body) }, .body = body,
    };
    unsigned int i, n = 0;
    int rc;

    for ( i = 0; i < sizeof(body); i++ )
        body[i] = i;
    fresh_page(100);
    CHECK(ring_has_room(&page), "empty ring full");
    while ( (rc = ring_send(&page, &out)) == 0 ) {
        CHECK(!ring_has_room(&page), "stopped with room left");
        n += guest_take(got + n, 700);
    }
    CHECK(rc == 1, "send failed");
    n += guest_take(got + n, sizeof(got) - n);
    CHECK(n == sizeof(got) && !memcmp(got + sizeof(out.hdr), body,
                                      sizeof(body)), "reply garbled");
}

static void largest_message(void)
{
    static char payload[XENSTORE_PAYLOAD_MAX];
    struct xsd_sockmsg hdr = { .type = XS_READ, .len = sizeof(payload) };
    struct msg_in in = { 0 };
    unsigned int off = 0, chunk;

    memset(payload, 'x', sizeof(payload) - 1);
    fresh_page(0);
    guest_put(&hdr, sizeof(hdr));
    while ( ring_receive(&page, &in) == 0 ) {
        CHECK(off < sizeof(payload), "never complete");
        chunk = XENSTORE_RING_SIZE - (page.req_prod - page.req_cons);
        if ( chunk > sizeof(payload) - off )
            chunk = sizeof(payload) - off;
        guest_put(payload + off, chunk);
        off += chunk;
    }
    CHECK(!memcmp(in.body, payload, sizeof(payload)), "payload garbled");
    msg_in_reset(&in);
}

static void bad_request_indexes(void)
{
    struct msg_in in = { 0 };

    fresh_page(50);
    page.req_prod = page.req_cons + XENSTORE_RING_SIZE + 1;
    CHECK(ring_receive(&page, &in) == -1, "too much input accepted");
    CHECK(page.error == XENSTORE_ERROR_RINGIDX, "error %u", page.error);

    fresh_page(50);
    page.req_prod = page.req_cons - 1;
    CHECK(ring_receive(&page, &in) == -1, "producer behind accepted");
    CHECK(page.error == XENSTORE_ERROR_RINGIDX, "error %u", page.error);
    msg_in_reset(&in);
}

static void bad_response_indexes(void)
{
    struct msg_out out = { .hdr = { .type = XS_READ, .len = 3 }, .body = "OK" };

    fresh_page(0);
    page.rsp_cons = page.rsp_prod + 1;
    CHECK(ring_send(&page, &out) == -1, "consumer ahead accepted");
    CHECK(page.error == XENSTORE_ERROR_RINGIDX, "error %u", page.error);
}

static void too_long(void)
{
    struct xsd_sockmsg hdr = { .type = XS_READ,
                               .len = XENSTORE_PAYLOAD_MAX + 1 };
    struct msg_in in = { 0 };

    fresh_page(0);
    guest_put(&hdr, sizeof(hdr));
    CHECK(ring_receive(&page, &in) == -1, "over-long message accepted");
    CHECK(page.error == XENSTORE_ERROR_PROTO, "error %u", page.error);
    msg_in_reset(&in);
}

static void reset(void)
{
    fresh_page(12345);
    ring_reset(&page);
    CHECK(!page.req_cons && !page.req_prod && !page.rsp_cons &&
          !page.rsp_prod, "indexes not reset");
}

SUITE(suite_ring, "ring",
      { "whole_messages", whole_messages },
      { "pieces", pieces },
      { "wrapping", wrapping },
      { "full_ring", full_ring },
      { "largest_message", largest_message },
      { "bad_request_indexes", bad_request_indexes },
      { "bad_response_indexes", bad_response_indexes },
      { "too_long", too_long },
      { "reset", reset });
