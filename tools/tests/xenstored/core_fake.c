/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "domain.h"
#include "introduce.h"
#include "special.h"
#include "store.h"

static int fake_read(void *stream, void *buf, unsigned int len)
{
    struct fake *f = stream;

    if ( len > f->in_len - f->in_off )
        len = f->in_len - f->in_off;
    memcpy(buf, f->in + f->in_off, len);
    f->in_off += len;
    return len;
}

static int fake_write(void *stream, const void *buf, unsigned int len)
{
    struct fake *f = stream;

    if ( f->blocked )
        return 0;
    CHECK(f->out_len + len <= sizeof(f->out), "fake output overflow");
    memcpy(f->out + f->out_len, buf, len);
    f->out_len += len;
    return len;
}

#define MAX_FAKES 32

static struct fake *fakes[MAX_FAKES];
static unsigned int nr_fakes;

static struct fake *fake_of(const struct connection *conn)
{
    unsigned int i;

    for ( i = 0; i < nr_fakes; i++ )
        if ( fakes[i]->conn == conn )
            return fakes[i];
    fail("connection %p is no fake", (void *)conn);
}

static int receive(struct connection *conn)
{
    return msg_receive(&conn->in, fake_read, fake_of(conn));
}

static int send_out(struct connection *conn, struct msg_out *out)
{
    return msg_send(out, fake_write, fake_of(conn));
}

static bool readable(const struct connection *conn, short revents)
{
    const struct fake *f = fake_of(conn);

    return f->in_off < f->in_len;
}

static bool writable(const struct connection *conn, short revents)
{
    return !fake_of(conn)->blocked;
}

static void release(struct connection *conn)
{
    fake_of(conn)->closed = true;
}

static const struct transport fake_transport = {
    .receive = receive,
    .send = send_out,
    .readable = readable,
    .writable = writable,
    .broken = conn_close,
    .release = release,
};

static void stop(void *arg)
{
    conns_destroy();
    store_destroy();
    special_destroy();
    domains_destroy();
    while ( nr_fakes )
        free(fakes[--nr_fakes]);
}

void core_start(void)
{
    CHECK(domain_get(0) && !special_init() && !store_init(),
          "daemon state not set up");
    at_end(stop, NULL);
}

/* A slot for a new fake: one whose connection the daemon ended will do. */
static unsigned int free_slot(void)
{
    unsigned int i;

    for ( i = 0; i < nr_fakes; i++ ) {
        if ( fakes[i]->closed ) {
            free(fakes[i]);
            return i;
        }
    }
    CHECK(nr_fakes < MAX_FAKES, "too many fakes");
    return nr_fakes++;
}

struct fake *fake_open(unsigned int domid)
{
    unsigned int slot = free_slot();
    struct fake *f = calloc(1, sizeof(*f));

    fakes[slot] = f;
    CHECK(f, "out of memory");
    f->conn = conn_new(&fake_transport);
    CHECK(f->conn, "out of memory");
    CHECK(!domid || !domain_become(f->conn, domid), "cannot become %u",
          domid);
    return f;
}

void fake_feed(struct fake *f, const void *buf, size_t len)
{
    /* What the daemon has taken can go. */
    memmove(f->in, f->in + f->in_off, f->in_len - f->in_off);
    f->in_len -= f->in_off;
    f->in_off = 0;
    CHECK(f->in_len + len <= sizeof(f->in), "fake input overflow");
    memcpy(f->in + f->in_len, buf, len);
    f->in_len += len;
}

void fake_request(struct fake *f, uint32_t type, uint32_t req_id,
                  uint32_t tx, const void *payload, unsigned int len)
{
    struct xsd_sockmsg hdr = {
        .type = type, .req_id = req_id, .tx_id = tx, .len = len,
    };

    fake_feed(f, &hdr, sizeof(hdr));
    fake_feed(f, payload, len);
}

void fake_pump(void)
{
    struct connection *conn, *tmp;
    bool busy = true;

    while ( busy ) {
        busy = false;
        list_for_each_entry_safe(conn, tmp, &connections, list) {
            if ( conn_ready(conn) ) {
                conn_service(conn, 0);
                busy = true;
            }
        }
        conn_reap();
    }
}

bool fake_take(struct fake *f, struct xsd_sockmsg *hdr, char *body)
{
    if ( f->out_len < sizeof(*hdr) )
        return false;
    memcpy(hdr, f->out, sizeof(*hdr));
    CHECK(hdr->len <= XENSTORE_PAYLOAD_MAX &&
          f->out_len >= sizeof(*hdr) + hdr->len, "daemon sent a bad message");
    memcpy(body, f->out + sizeof(*hdr), hdr->len);
    body[hdr->len] = '\0';
    f->out_len -= sizeof(*hdr) + hdr->len;
    memmove(f->out, f->out + sizeof(*hdr) + hdr->len, f->out_len);
    return true;
}

void check_accounts(void)
{
    unsigned long memory = 0, bytes;
    unsigned int nodes = 0, count;
    struct connection *conn;
    const struct domain *d;

    list_for_each_entry(conn, &connections, list)
        conn_reset(conn);
    store_usage(&count, &bytes);
    for ( d = domain_next(NULL); d; d = domain_next(d) ) {
        nodes += d->nodes;
        memory += d->memory;
    }
    CHECK(nodes == count, "%u nodes counted for owners, %u stored", nodes,
          count);
    CHECK(memory == bytes, "%lu bytes charged, %lu stored", memory, bytes);
    CHECK(!store_check(), "the store is inconsistent");
}
