/* SPDX-License-Identifier: GPL-2.0-only */
/* The daemon's buffer, rings and log writer, in this process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guestlog.h"
#include "harness.h"
#include "outbuf.h"
#include "ring.h"
#include "tests.h"

static void free_outbuf(void *b)
{
    outbuf_free(b);
}

/* 8-digit line numbers: a reader can tell which lines it got. */
static void line(char *buf, unsigned int n)
{
    snprintf(buf, 10, "%08u\n", n);
}

static void outbuf_discard_bounded(void)
{
    static struct outbuf b;
    const size_t limit = 8192;
    char l[10], first[10];
    unsigned int n;

    outbuf_init(&b, limit, false);
    at_end(free_outbuf, &b);
    /* 9 MB, ten times the default limit, with nobody reading. */
    for ( n = 0; n < 1000000; n++ ) {
        line(l, n);
        CHECK(!outbuf_append(&b, l, 9), "append failed");
        CHECK(outbuf_waiting(&b) <= limit + limit / 4,
              "%zu bytes waiting after line %u", outbuf_waiting(&b), n);
        CHECK(b.capacity <= limit + limit / 4 + 9 + 4096,
              "%zu bytes allocated", b.capacity);
    }
    CHECK(b.dropped > 8000000, "only %llu dropped", b.dropped);
    /* The start is kept, and so is the end. */
    line(first, 0);
    CHECK(!memcmp(outbuf_head(&b), first, 9), "the first line was lost");
    line(l, 999999);
    CHECK(!memcmp(outbuf_head(&b) + outbuf_waiting(&b) - 9, l, 9),
          "the last line was lost");
}

static void outbuf_keep_throttles(void)
{
    static struct outbuf b;
    char chunk[2048];
    unsigned int rounds = 0;

    memset(chunk, 'k', sizeof(chunk));
    outbuf_init(&b, 4096, true);
    at_end(free_outbuf, &b);
    while ( outbuf_accepting(&b) ) {
        CHECK(++rounds < 100, "keep mode never stops accepting");
        CHECK(!outbuf_append(&b, chunk, sizeof(chunk)), "append failed");
    }
    CHECK(b.dropped == 0, "keep mode dropped %llu bytes", b.dropped);
    CHECK(outbuf_waiting(&b) < 4096 + sizeof(chunk), "%zu waiting",
          outbuf_waiting(&b));
    outbuf_consume(&b, outbuf_waiting(&b));
    CHECK(outbuf_accepting(&b) && outbuf_waiting(&b) == 0,
          "does not accept again once drained");
}

static void outbuf_order_across_compaction(void)
{
    static struct outbuf b;
    char l[10];
    unsigned int n, next = 0;

    outbuf_init(&b, 1 << 20, false);
    at_end(free_outbuf, &b);
    /* Interleaved appends and partial reads: bytes come out in order. */
    for ( n = 0; n < 20000; n++ ) {
        line(l, n);
        CHECK(!outbuf_append(&b, l, 9), "append failed");
        if ( n % 3 == 2 ) {
            while ( outbuf_waiting(&b) >= 18 ) {
                line(l, next++);
                CHECK(!memcmp(outbuf_head(&b), l, 9), "line %u misplaced",
                      next - 1);
                outbuf_consume(&b, 9);
            }
        }
    }
    CHECK(b.dropped == 0, "dropped under the limit");
}

static void free_page(void *p)
{
    free(p);
}

static struct xencons_interface *page(void)
{
    struct xencons_interface *intf = calloc(1, 4096);

    CHECK(intf, "out of memory");
    at_end(free_page, intf);
    return intf;
}

static void ring_wraps(void)
{
    struct xencons_interface *intf = page();
    char out[RING_OUT_SIZE];
    const char msg[] = "0123456789";
    unsigned int i;
    int n;

    /* Indexes just below the 32-bit wrap, and the data across the end. */
    intf->out_cons = 0xfffffffcu;
    intf->out_prod = 0xfffffffcu + 10;
    for ( i = 0; i < 10; i++ )
        intf->out[MASK_XENCONS_IDX(0xfffffffcu + i, intf->out)] = msg[i];
    n = ring_take_output(intf, out);
    CHECK(n == 10 && !memcmp(out, msg, 10), "took %d bytes", n);
    CHECK(intf->out_cons == 6, "out_cons %u after the wrap", intf->out_cons);

    intf->in_cons = intf->in_prod = 0xfffffffeu;
    CHECK(ring_input_room(intf) == RING_IN_SIZE, "room %zu",
          ring_input_room(intf));
    CHECK(ring_put_input(intf, msg, 10) == 10 && intf->in_prod == 8,
          "in_prod %u", intf->in_prod);
    CHECK(intf->in[RING_IN_SIZE - 2] == '0' && intf->in[7] == '9',
          "input misplaced");
    CHECK(ring_put_input(intf, out, RING_IN_SIZE) == RING_IN_SIZE - 10,
          "overfilled the in ring");
    CHECK(ring_input_room(intf) == 0, "room left in a full ring");
}

static void ring_hostile_indexes(void)
{
    struct xencons_interface *intf = page();
    char out[RING_OUT_SIZE + 64];
    const XENCONS_RING_IDX bad[][2] = {
        /* cons, prod */
        { 0, RING_OUT_SIZE + 1 },           /* prod just too far ahead */
        { 100, 100 + 1000000 },             /* prod far ahead */
        { 50, 40 },                         /* cons beyond prod */
        { 0, 0x80000000u },
        { 0xffffffffu, 0x7fffffffu },
    };
    unsigned int i;

    memset(out, 0x5a, sizeof(out));
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ ) {
        intf->out_cons = bad[i][0];
        intf->out_prod = bad[i][1];
        CHECK(ring_take_output(intf, out) == -1, "case %u: read from a bad"
              " out ring", i);
        CHECK(intf->out_cons == bad[i][0], "case %u: moved out_cons", i);
        CHECK((unsigned char)out[RING_OUT_SIZE] == 0x5a, "wrote past dst");

        intf->in_cons = bad[i][0];
        intf->in_prod = bad[i][1];
        CHECK(ring_input_room(intf) == 0, "case %u: room in a bad in ring",
              i);
        CHECK(ring_put_input(intf, "x", 1) == 0 &&
              intf->in_prod == bad[i][1], "case %u: wrote a bad in ring", i);
    }
    /* Exactly full is fine. */
    intf->out_cons = 7;
    intf->out_prod = 7 + RING_OUT_SIZE;
    CHECK(ring_take_output(intf, out) == (int)RING_OUT_SIZE,
          "a full out ring was not read");
}

static void close_log(void *log)
{
    guestlog_close(log);
}

static void guestlog_plain_and_stamped(void)
{
    static struct guestlog log;
    const char *dir = scratch_path("deeper/logs");
    char *text, *p;
    unsigned int stamps = 0;

    CHECK(!guestlog_open(&log, dir, "vm1", false, false), "open failed");
    at_end(close_log, &log);
    CHECK(!guestlog_write(&log, "a\r\nb", 4) &&
          !guestlog_write(&log, "\x1b[0m\n", 5), "write failed");
    guestlog_close(&log);
    text = slurp(scratch_path("deeper/logs/guest-vm1.log"), NULL);
    CHECK(text && !strcmp(text, "a\r\nb\x1b[0m\n"), "plain log is \"%s\"",
          text ? text : "(none)");
    free(text);

    CHECK(!guestlog_open(&log, dir, "vm2", true, true), "open failed");
    CHECK(!guestlog_write(&log, "one\r\ntw", 7) &&
          !guestlog_write(&log, "o\n\r\r\x1b!\n", 7), "write failed");
    guestlog_close(&log);
    text = slurp(scratch_path("deeper/logs/guest-vm2.log"), NULL);
    CHECK(text, "no stamped log");
    /* "[YYYY-MM-DD HH:MM:SS] " before each line, CRs after LF dropped. */
    for ( p = text; *p; p = strchr(p, '\n') + 1, stamps++ ) {
        CHECK(strlen(p) > 22 && p[0] == '[' && p[5] == '-' && p[8] == '-' &&
              p[11] == ' ' && p[14] == ':' && p[17] == ':' &&
              p[20] == ']' && p[21] == ' ', "unstamped line \"%s\"", p);
        CHECK(strchr(p, '\n'), "unterminated line");
    }
    CHECK(stamps == 4, "%u lines", stamps);
    CHECK(strstr(text, "] Logfile Opened\n[") && strstr(text, "] one\r\n[") &&
          strstr(text, "] two\n[") && strstr(text, "] .!\n"),
          "stamped log is \"%s\"", text);
    free(text);

    CHECK(guestlog_open(&log, dir, "../escape", false, false) &&
          log.fd < 0, "a name with '/' was accepted");
}

SUITE(suite_units,
    { "units/outbuf_discard_bounded", outbuf_discard_bounded },
    { "units/outbuf_keep_throttles", outbuf_keep_throttles },
    { "units/outbuf_order_across_compaction", outbuf_order_across_compaction },
    { "units/ring_wraps", ring_wraps },
    { "units/ring_hostile_indexes", ring_hostile_indexes },
    { "units/guestlog_plain_and_stamped", guestlog_plain_and_stamped },
);
