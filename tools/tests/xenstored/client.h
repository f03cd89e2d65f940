/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A raw wire client for tests: messages are built and checked byte by
 * byte, without libxenstore.  Watch events that arrive while a reply is
 * awaited are kept for expect_event().
 */
#ifndef XENSTORED_TEST_CLIENT_H
#define XENSTORED_TEST_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/io/xs_wire.h>

#include "server.h"

#define REPLY_WAIT_MS 5000

struct msg {
    struct xsd_sockmsg hdr;
    char body[XENSTORE_PAYLOAD_MAX + 1];    /* NUL-terminated beyond len */
};

#define MAX_EVENTS 64

struct client {
    int fd;
    uint32_t next_req_id;
    struct msg reply;
    struct msg events[MAX_EVENTS];
    unsigned int nr_events;
};

/* Closed after the case. */
struct client *client_open(struct daemon *d);
/* A client acting as domain domid (CONTROL become). */
struct client *client_as(struct daemon *d, unsigned int domid);
void client_close(struct client *c);

/* Payloads: strings, each with its NUL. */
struct payload {
    char buf[2 * XENSTORE_PAYLOAD_MAX];
    unsigned int len;
};
struct payload strings(const char *first, ...);
#define ARGS(...) strings(__VA_ARGS__, (const char *)NULL)
/* WRITE's: path, NUL, then data without one. */
struct payload path_data(const char *path, const void *data, unsigned int len);

void send_bytes(struct client *c, const void *buf, size_t len);
/*
 * n copies of one request in a single send(), as a client would pipeline
 * them (one send() each would run into the socket's per-send overhead).
 */
void send_many(struct client *c, uint32_t type, const struct payload *p,
               unsigned int n);
/* 1: a message; 0: nothing within ms; -1: the daemon closed the socket. */
int recv_msg(struct client *c, struct msg *m, unsigned int ms);

/* Sends, then waits for the reply (with the same req_id). */
const struct msg *call(struct client *c, uint32_t type, uint32_t tx,
                       struct payload p);

/* Checks on a reply; they fail the case. */
void expect_ok(const struct msg *m);
void expect_error(const struct msg *m, const char *name);
void expect_body(const struct msg *m, const void *body, unsigned int len);
#define expect_string(m, s) expect_body(m, s, sizeof(s))

/* Common requests that must succeed. */
void xs_write(struct client *c, const char *path, const char *value);
void xs_mkdir(struct client *c, const char *path);
void xs_rm(struct client *c, const char *path);
/* The value (NUL-terminated) in the client's reply buffer. */
const char *xs_read(struct client *c, const char *path);
void xs_set_perms(struct client *c, const char *path, ...);
#define SET_PERMS(c, path, ...) \
    xs_set_perms(c, path, __VA_ARGS__, (const char *)NULL)
/* A value, or the error's name. */
const char *try_read(struct client *c, const char *path);
const char *try_write(struct client *c, const char *path, const char *value);
/* /local/domain/<domid>, owned by that domain. */
void make_home(struct client *dom0, unsigned int domid);

/* Watch events. */
void xs_watch(struct client *c, const char *path, const char *token);
void expect_event(struct client *c, const char *path, const char *token);
void expect_no_event(struct client *c, unsigned int ms);

/* CONTROL, with its reply text. */
const char *control(struct client *c, const char *cmd, const char *arg);

#endif
