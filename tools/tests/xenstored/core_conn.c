/* SPDX-License-Identifier: GPL-2.0-only */
/* Connections whose peer does not read: what piles up, and what goes. */
#include <string.h>

#include "conn.h"
#include "core.h"
#include "domain.h"
#include "quota.h"

static char body[XENSTORE_PAYLOAD_MAX + 1];

static void request(struct fake *f, uint32_t type, const void *payload,
                    unsigned int len)
{
    struct xsd_sockmsg hdr;

    fake_request(f, type, 1, 0, payload, len);
    fake_pump();
    CHECK(fake_take(f, &hdr, body) && hdr.type == type, "request failed: %s",
          body);
}

static unsigned int events(struct fake *f, const char *path)
{
    struct xsd_sockmsg hdr;
    unsigned int n = 0;

    while ( fake_take(f, &hdr, body) ) {
        CHECK(hdr.type == XS_WATCH_EVENT, "not an event");
        n += !strcmp(body, path);
    }
    return n;
}

/* An event waiting already is not queued again; special ones are. */
static void duplicate_events(void)
{
    struct fake *w, *c;

    core_start();
    w = fake_open(0);
    c = fake_open(0);
    request(w, XS_WATCH, "/x\0t", 5);
    CHECK(events(w, "/x") == 1, "no initial event");
    request(w, XS_WATCH, "@introduceDomain\0i", 19);
    CHECK(events(w, "@introduceDomain") == 1, "no initial event");
    w->blocked = true;
    request(c, XS_WRITE, "/x\0" "1", 4);
    request(c, XS_WRITE, "/x\0" "2", 4);
    request(c, XS_WRITE, "/x\0" "3", 4);
    fake_open(5);
    fake_open(6);
    w->blocked = false;
    fake_pump();
    CHECK(events(w, "/x") == 1, "duplicates sent");
    w->blocked = true;
    fake_open(7);
    fake_open(8);
    w->blocked = false;
    fake_pump();
    CHECK(events(w, "@introduceDomain") == 2, "special events merged");
    check_accounts();
}

/* Events wait for an unprivileged domain only so long. */
static void events_expire(void)
{
    struct fake *u, *c;
    struct domain *d;
    long before;
    char path[16];
    unsigned int i;

    core_start();
    c = fake_open(0);
    u = fake_open(5);
    request(c, XS_MKDIR, "/ev", 4);
    request(c, XS_SET_PERMS, "/ev\0n0\0r5", 10);
    request(u, XS_WATCH, "/ev\0t", 6);
    CHECK(events(u, "/ev") == 1, "no initial event");
    u->blocked = true;
    d = domain_find(5);
    before = d->memory;
    for ( i = 0; i < 10; i++ ) {
        memcpy(path, "/ev/", 4);
        path[4] = '0' + i;
        path[5] = '\0';
        request(c, XS_WRITE, path, 6);
    }
    CHECK(d->memory > before, "no events charged");
    CHECK(conn_expire_events(u->conn, now_ms()) > now_ms(),
          "no deadline ahead");
    CHECK(!conn_expire_events(u->conn,
                              now_ms() + watch_event_timeout_ms + 1),
          "events left");
    CHECK(d->memory == before, "%ld bytes still charged",
          d->memory - before);
    u->blocked = false;
    fake_pump();
    CHECK(!events(u, "/ev/0"), "expired event sent");
    check_accounts();
}

/* A domain's requests stay outstanding until their events are sent. */
static void outstanding_events(void)
{
    struct fake *w, *u;
    struct domain *d;

    core_start();
    w = fake_open(0);
    u = fake_open(5);
    request(w, XS_MKDIR, "/local/domain/5", 16);
    request(w, XS_SET_PERMS, "/local/domain/5\0n5", 19);
    request(w, XS_WATCH, "/local/domain/5\0t", 18);
    events(w, "/local/domain/5");
    w->blocked = true;
    d = domain_find(5);
    request(u, XS_WRITE, "a\0", 2);
    CHECK(d->outstanding == 1, "%u outstanding", d->outstanding);
    w->blocked = false;
    fake_pump();
    CHECK(!d->outstanding, "still outstanding");
    check_accounts();
}

SUITE(suite_conn, "conn",
      { "duplicate_events", duplicate_events },
      { "events_expire", events_expire },
      { "outstanding_events", outstanding_events });
