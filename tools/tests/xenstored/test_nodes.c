/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading, writing and removing nodes, as dom0 over the socket. */
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

static struct client *dom0(void)
{
    return client_open(DAEMON());
}

static void initial_tree(void)
{
    struct client *c = dom0();

    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/")), "tool");
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/tool")), "xenstored");
    expect_body(call(c, XS_READ, 0, ARGS("/tool/xenstored")), "", 0);
    expect_string(call(c, XS_GET_PERMS, 0, ARGS("/")), "n0");
}

static void write_read(void)
{
    struct client *c = dom0();

    xs_write(c, "/a/b", "hello");
    CHECK(!strcmp(xs_read(c, "/a/b"), "hello"), "read back %s",
          c->reply.body);
    /* The parent was made on the way, empty, with its parent's rights. */
    expect_body(call(c, XS_READ, 0, ARGS("/a")), "", 0);
    expect_string(call(c, XS_GET_PERMS, 0, ARGS("/a")), "n0");
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/")), "tool\0a");
    xs_write(c, "/a/b", "again");
    CHECK(!strcmp(xs_read(c, "/a/b"), "again"), "rewrite lost");
}

static void binary_values(void)
{
    struct client *c = dom0();

    expect_ok(call(c, XS_WRITE, 0, path_data("/bin", "x\0y\0", 4)));
    expect_body(call(c, XS_READ, 0, ARGS("/bin")), "x\0y\0", 4);
    expect_ok(call(c, XS_WRITE, 0, path_data("/bin", "", 0)));
    expect_body(call(c, XS_READ, 0, ARGS("/bin")), "", 0);
}

static void mkdir_keeps(void)
{
    struct client *c = dom0();

    xs_mkdir(c, "/m/n");
    expect_body(call(c, XS_READ, 0, ARGS("/m/n")), "", 0);
    xs_write(c, "/m/n", "v");
    xs_mkdir(c, "/m/n");
    expect_body(call(c, XS_READ, 0, ARGS("/m/n")), "v", 1);
}

static void rm_subtree(void)
{
    struct client *c = dom0();

    xs_write(c, "/r/a/b", "1");
    xs_write(c, "/r/c", "2");
    xs_rm(c, "/r/a");
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/r")), "c");
    expect_error(call(c, XS_READ, 0, ARGS("/r/a/b")), "ENOENT");
    expect_error(call(c, XS_READ, 0, ARGS("/r/a")), "ENOENT");
    /* Gone already, but the parent is there: fine. */
    xs_rm(c, "/r/a");
    expect_error(call(c, XS_RM, 0, ARGS("/nope/x")), "ENOENT");
    expect_error(call(c, XS_RM, 0, ARGS("/")), "EINVAL");
    expect_string(call(c, XS_CONTROL, 0, ARGS("check")), "OK");
}

static void directory_order(void)
{
    struct client *c = dom0();

    xs_write(c, "/d/z", "");
    xs_write(c, "/d/a", "");
    xs_write(c, "/d/m", "");
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/d")), "z\0a\0m");
    xs_rm(c, "/d/a");
    xs_write(c, "/d/a", "");
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/d")), "z\0m\0a");
}

#define PART_CHILDREN 300

/* A directory too big for one reply comes in parts. */
static void directory_part(void)
{
    struct client *c = dom0();
    static char all[PART_CHILDREN * 32], got[PART_CHILDREN * 32];
    unsigned int i, len = 0, got_len = 0, off = 0, genlen;
    const struct msg *m;
    char path[64], gen[32] = "", offset[16];

    for ( i = 0; i < PART_CHILDREN; i++ ) {
        snprintf(path, sizeof(path), "/big/child-%014u", i);
        xs_write(c, path, "");
        len += sprintf(all + len, "child-%014u", i) + 1;
    }
    expect_error(call(c, XS_DIRECTORY, 0, ARGS("/big")), "E2BIG");
    for ( ;; ) {
        snprintf(offset, sizeof(offset), "%u", off);
        m = call(c, XS_DIRECTORY_PART, 0, ARGS("/big", offset));
        CHECK(m->hdr.type == XS_DIRECTORY_PART, "error %s", m->body);
        if ( !gen[0] )
            strcpy(gen, m->body);
        CHECK(!strcmp(gen, m->body), "generation changed");
        genlen = strlen(gen) + 1;
        if ( m->hdr.len == genlen + 1 && !m->body[genlen] )
            break;
        CHECK(m->hdr.len > genlen, "empty part");
        memcpy(got + got_len, m->body + genlen, m->hdr.len - genlen);
        got_len += m->hdr.len - genlen;
        off = got_len;
        if ( !m->body[m->hdr.len - 1] && !m->body[m->hdr.len - 2] ) {
            got_len--;      /* the list's end */
            break;
        }
    }
    CHECK(got_len == len && !memcmp(got, all, len), "parts do not add up");
    m = call(c, XS_DIRECTORY_PART, 0, ARGS("/big", "999999"));
    CHECK(m->hdr.len == genlen + 1 && !memcmp(m->body, gen, genlen) &&
          !m->body[genlen], "beyond the end: not an empty list");
}

static void relative_paths(void)
{
    struct client *c = dom0();

    xs_write(c, "x/y", "rel");
    CHECK(!strcmp(xs_read(c, "/local/domain/0/x/y"), "rel"),
          "relative path not under /local/domain/0");
    CHECK(!strcmp(xs_read(c, "x/y"), "rel"), "relative read");
}

static void domain_path(void)
{
    struct client *c = dom0();

    expect_string(call(c, XS_GET_DOMAIN_PATH, 0, ARGS("7")),
                  "/local/domain/7");
    expect_error(call(c, XS_GET_DOMAIN_PATH, 0, ARGS("7", "8")), "EINVAL");
}

/* Replies carry the request's req_id and tx_id, errors too. */
static void ids_echoed(void)
{
    struct client *c = dom0();

    c->next_req_id = 0xdeadbeef;
    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/tool")), "xenstored");
    c->next_req_id = 0;
    expect_error(call(c, XS_READ, 777, ARGS("/tool")), "ENOENT");
}

#define PIPELINED 50

static void pipelined(void)
{
    struct client *c = dom0();
    struct xsd_sockmsg hdr = { .type = XS_READ, .len = 6 };
    static char burst[PIPELINED * (sizeof(hdr) + 6)];
    unsigned int i;
    struct msg m;

    xs_write(c, "/p", "v");
    for ( i = 0; i < PIPELINED; i++ ) {
        hdr.req_id = 1000 + i;
        memcpy(burst + i * (sizeof(hdr) + 6), &hdr, sizeof(hdr));
        memcpy(burst + i * (sizeof(hdr) + 6) + sizeof(hdr), "/tool", 6);
    }
    send_bytes(c, burst, sizeof(burst));
    for ( i = 0; i < PIPELINED; i++ ) {
        CHECK(recv_msg(c, &m, REPLY_WAIT_MS) > 0, "reply %u missing", i);
        CHECK(m.hdr.req_id == 1000 + i && m.hdr.type == XS_READ,
              "reply %u out of order", i);
    }
}

SUITE(suite_nodes, "nodes",
      { "initial_tree", initial_tree },
      { "write_read", write_read },
      { "binary_values", binary_values },
      { "mkdir_keeps", mkdir_keeps },
      { "rm_subtree", rm_subtree },
      { "directory_order", directory_order },
      { "directory_part", directory_part },
      { "relative_paths", relative_paths },
      { "domain_path", domain_path },
      { "ids_echoed", ids_echoed },
      { "pipelined", pipelined });
