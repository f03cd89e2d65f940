/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "harness.h"

static void close_at_end(void *c)
{
    client_close(c);
    free(c);
}

struct client *client_open(struct daemon *d)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct client *c = calloc(1, sizeof(*c));

    CHECK(c, "out of memory");
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    strcpy(addr.sun_path, d->socket);
    if ( c->fd < 0 || connect(c->fd, (struct sockaddr *)&addr, sizeof(addr)) ) {
        close(c->fd);
        free(c);
        fail("cannot connect to %s: %s", d->socket, strerror(errno));
    }
    c->next_req_id = 1;
    at_end(close_at_end, c);
    return c;
}

struct client *client_as(struct daemon *d, unsigned int domid)
{
    struct client *c = client_open(d);
    char id[16];

    snprintf(id, sizeof(id), "%u", domid);
    expect_ok(call(c, XS_CONTROL, 0, ARGS("become", id)));
    return c;
}

void client_close(struct client *c)
{
    if ( c->fd >= 0 )
        close(c->fd);
    c->fd = -1;
}

struct payload strings(const char *first, ...)
{
    struct payload p = { .len = 0 };
    const char *s;
    va_list ap;

    va_start(ap, first);
    for ( s = first; s; s = va_arg(ap, const char *) ) {
        CHECK(p.len + strlen(s) + 1 <= sizeof(p.buf), "payload too big");
        memcpy(p.buf + p.len, s, strlen(s) + 1);
        p.len += strlen(s) + 1;
    }
    va_end(ap);
    return p;
}

struct payload path_data(const char *path, const void *data, unsigned int len)
{
    struct payload p = strings(path, (const char *)NULL);

    CHECK(p.len + len <= sizeof(p.buf), "payload too big");
    memcpy(p.buf + p.len, data, len);
    p.len += len;
    return p;
}

void send_bytes(struct client *c, const void *buf, size_t len)
{
    const char *p = buf;
    ssize_t n;

    while ( len ) {
        n = send(c->fd, p, len, MSG_NOSIGNAL);
        CHECK(n > 0, "send: %s", strerror(errno));
        p += n;
        len -= n;
    }
}

/* Sends a message with the client's next req_id; returns that id. */
static uint32_t send_msg(struct client *c, uint32_t type, uint32_t tx,
                         const struct payload *p)
{
    struct xsd_sockmsg hdr = {
        .type = type,
        .req_id = c->next_req_id++,
        .tx_id = tx,
        .len = p->len,
    };

    send_bytes(c, &hdr, sizeof(hdr));
    send_bytes(c, p->buf, p->len);
    return hdr.req_id;
}

void send_many(struct client *c, uint32_t type, const struct payload *p,
               unsigned int n)
{
    size_t size = sizeof(struct xsd_sockmsg) + p->len;
    char *burst = malloc(n * size);
    struct xsd_sockmsg hdr = { .type = type, .len = p->len };
    unsigned int i;

    CHECK(burst, "out of memory");
    for ( i = 0; i < n; i++ ) {
        hdr.req_id = c->next_req_id++;
        memcpy(burst + i * size, &hdr, sizeof(hdr));
        memcpy(burst + i * size + sizeof(hdr), p->buf, p->len);
    }
    send_bytes(c, burst, n * size);
    free(burst);
}

static int recv_all(struct client *c, void *buf, size_t len, unsigned int ms)
{
    struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
    char *p = buf;
    ssize_t n;

    while ( len ) {
        if ( poll(&pfd, 1, ms) != 1 )
            return 0;
        n = recv(c->fd, p, len, 0);
        if ( n <= 0 )
            return -1;
        p += n;
        len -= n;
    }
    return 1;
}

int recv_msg(struct client *c, struct msg *m, unsigned int ms)
{
    int rc = recv_all(c, &m->hdr, sizeof(m->hdr), ms);

    if ( rc <= 0 )
        return rc;
    CHECK(m->hdr.len <= XENSTORE_PAYLOAD_MAX, "reply of %u bytes",
          m->hdr.len);
    rc = recv_all(c, m->body, m->hdr.len, REPLY_WAIT_MS);
    CHECK(rc > 0, "reply cut short");
    m->body[m->hdr.len] = '\0';
    return 1;
}

static void keep_event(struct client *c, const struct msg *m)
{
    CHECK(c->nr_events < MAX_EVENTS, "too many watch events unread");
    c->events[c->nr_events++] = *m;
}

const struct msg *call(struct client *c, uint32_t type, uint32_t tx,
                       struct payload p)
{
    uint32_t id = send_msg(c, type, tx, &p);
    int rc;

    for ( ;; ) {
        rc = recv_msg(c, &c->reply, REPLY_WAIT_MS);
        CHECK(rc > 0, "no reply to a type %u request (%s)", type,
              rc ? "connection closed" : "timed out");
        if ( c->reply.hdr.type == XS_WATCH_EVENT ) {
            keep_event(c, &c->reply);
            continue;
        }
        CHECK(c->reply.hdr.req_id == id, "reply to req_id %u, not %u",
              c->reply.hdr.req_id, id);
        CHECK(c->reply.hdr.tx_id == tx, "reply with tx_id %u, not %u",
              c->reply.hdr.tx_id, tx);
        CHECK(c->reply.hdr.type == type || c->reply.hdr.type == XS_ERROR,
              "reply of type %u to type %u", c->reply.hdr.type, type);
        return &c->reply;
    }
}

void expect_ok(const struct msg *m)
{
    CHECK(m->hdr.type != XS_ERROR, "error %s", m->body);
    expect_string(m, "OK");
}

void expect_error(const struct msg *m, const char *name)
{
    CHECK(m->hdr.type == XS_ERROR, "no error (wanted %s)", name);
    CHECK(m->hdr.len == strlen(name) + 1 && !strcmp(m->body, name),
          "error %s, not %s", m->body, name);
}

void expect_body(const struct msg *m, const void *body, unsigned int len)
{
    CHECK(m->hdr.type != XS_ERROR, "error %s", m->body);
    CHECK(m->hdr.len == len && !memcmp(m->body, body, len),
          "reply \"%.*s\" (%u bytes), not \"%.*s\"", (int)m->hdr.len,
          m->body, m->hdr.len, (int)len, (const char *)body);
}

void xs_write(struct client *c, const char *path, const char *value)
{
    expect_ok(call(c, XS_WRITE, 0, path_data(path, value, strlen(value))));
}

void xs_mkdir(struct client *c, const char *path)
{
    expect_ok(call(c, XS_MKDIR, 0, ARGS(path)));
}

void xs_rm(struct client *c, const char *path)
{
    expect_ok(call(c, XS_RM, 0, ARGS(path)));
}

const char *xs_read(struct client *c, const char *path)
{
    const struct msg *m = call(c, XS_READ, 0, ARGS(path));

    CHECK(m->hdr.type == XS_READ, "read %s: %s", path, m->body);
    return m->body;
}

void xs_set_perms(struct client *c, const char *path, ...)
{
    struct payload p = strings(path, (const char *)NULL);
    const char *perm;
    va_list ap;

    va_start(ap, path);
    while ( (perm = va_arg(ap, const char *)) ) {
        memcpy(p.buf + p.len, perm, strlen(perm) + 1);
        p.len += strlen(perm) + 1;
    }
    va_end(ap);
    expect_ok(call(c, XS_SET_PERMS, 0, p));
}

const char *try_read(struct client *c, const char *path)
{
    return call(c, XS_READ, 0, ARGS(path))->body;
}

const char *try_write(struct client *c, const char *path, const char *value)
{
    return call(c, XS_WRITE, 0, path_data(path, value, strlen(value)))->body;
}

void make_home(struct client *dom0, unsigned int domid)
{
    char path[64], owner[16];

    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    snprintf(owner, sizeof(owner), "n%u", domid);
    xs_mkdir(dom0, path);
    SET_PERMS(dom0, path, owner);
}

void xs_watch(struct client *c, const char *path, const char *token)
{
    expect_ok(call(c, XS_WATCH, 0, ARGS(path, token)));
}

/* The next event, kept or from the socket: false if none within ms. */
static bool next_event(struct client *c, struct msg *m, unsigned int ms)
{
    int rc;

    if ( c->nr_events ) {
        *m = c->events[0];
        memmove(c->events, c->events + 1,
                --c->nr_events * sizeof(c->events[0]));
        return true;
    }
    rc = recv_msg(c, m, ms);
    CHECK(rc >= 0, "connection closed while waiting for an event");
    if ( !rc )
        return false;
    CHECK(m->hdr.type == XS_WATCH_EVENT, "unexpected message of type %u",
          m->hdr.type);
    return true;
}

void expect_event(struct client *c, const char *path, const char *token)
{
    struct msg m;
    size_t plen = strlen(path) + 1;

    CHECK(next_event(c, &m, REPLY_WAIT_MS), "no event for %s", path);
    CHECK(m.hdr.len == plen + strlen(token) + 1 && !strcmp(m.body, path) &&
          !strcmp(m.body + plen, token),
          "event %s (token %s), not %s (token %s)", m.body,
          m.body + strlen(m.body) + 1, path, token);
    CHECK(!m.hdr.req_id && !m.hdr.tx_id, "event with ids %u/%u",
          m.hdr.req_id, m.hdr.tx_id);
}

void expect_no_event(struct client *c, unsigned int ms)
{
    struct msg m;

    CHECK(!next_event(c, &m, ms), "unexpected event %s", m.body);
}

const char *control(struct client *c, const char *cmd, const char *arg)
{
    const struct msg *m = call(c, XS_CONTROL, 0,
                               arg ? ARGS(cmd, arg) : ARGS(cmd));

    CHECK(m->hdr.type == XS_CONTROL, "CONTROL %s: %s", cmd, m->body);
    return m->body;
}
