/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test-core: the daemon's code in this process.  Connections are fakes
 * whose bytes come from and go to memory, so a test can hold a peer's
 * output back (as a client that does not read would).
 */
#ifndef XENSTORED_TEST_CORE_H
#define XENSTORED_TEST_CORE_H

#include <stdbool.h>
#include <stddef.h>

#include <xen/io/xs_wire.h>

#include "harness.h"

extern const struct suite suite_libs;
extern const struct suite suite_ring;
extern const struct suite suite_conn;
extern const struct suite suite_fuzz;

#define FAKE_IN_MAX  (64 * 1024)
#define FAKE_OUT_MAX (1024 * 1024)

struct fake {
    struct connection *conn;
    bool blocked;               /* takes no output */
    bool closed;                /* the daemon ended the connection */
    size_t in_len, in_off;
    size_t out_len;
    char in[FAKE_IN_MAX];
    char out[FAKE_OUT_MAX];
};

/* The daemon's state, fresh; torn down after the case. */
void core_start(void);

/* A connection with dom0's rights, or acting as domain domid. */
struct fake *fake_open(unsigned int domid);
void fake_feed(struct fake *f, const void *buf, size_t len);
/* One request, as send_msg() would put it. */
void fake_request(struct fake *f, uint32_t type, uint32_t req_id,
                  uint32_t tx, const void *payload, unsigned int len);
/* Serves every connection until none can progress. */
void fake_pump(void);
/* Takes the next message the daemon sent f: false if there is none. */
bool fake_take(struct fake *f, struct xsd_sockmsg *hdr, char *body);

/*
 * Drops what connections hold (watches, transactions, output), then
 * checks the accounts add up: every node counted for its owner, every
 * stored byte charged, and the store consistent.
 */
void check_accounts(void);

#endif
