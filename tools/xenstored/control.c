/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "control.h"
#include "domain.h"
#include "introduce.h"
#include "log.h"
#include "quota.h"
#include "request.h"
#include "store.h"

bool control_become;

struct command {
    const char *name;
    const char *args;
    int (*run)(struct request *req, const char **argv, unsigned int argc);
    bool test_only;
};

static const struct command commands[];

static int reply_text(struct request *req, const char *s)
{
    return s ? reply(req, XS_CONTROL, s, strlen(s) + 1) : ENOMEM;
}

static int cmd_check(struct request *req, const char **argv, unsigned int argc)
{
    if ( argc )
        return EINVAL;
    log_msg(LOG_INFO, "check: %u problems in the store", store_check());
    return reply_ok(req);
}

static int cmd_log(struct request *req, const char **argv, unsigned int argc)
{
    if ( argc != 1 )
        return EINVAL;
    if ( !strcmp(argv[0], "on") ) {
        if ( trace_reopen() )
            log_msg(LOG_ERR, "trace file %s: %m", trace_file());
    } else if ( !strcmp(argv[0], "off") ) {
        trace_close();
    } else {
        return EINVAL;
    }
    return reply_ok(req);
}

static int cmd_logfile(struct request *req, const char **argv,
                       unsigned int argc)
{
    int rc;

    if ( argc != 1 )
        return EINVAL;
    rc = trace_set_file(argv[0]);
    if ( rc == ENOMEM )
        return rc;
    return reply_ok(req);
}

static void report_memory(FILE *f)
{
    const struct connection *conn;
    const struct domain *d;
    unsigned int nodes, conns = 0;
    unsigned long bytes, queued = 0;

    store_usage(&nodes, &bytes);
    list_for_each_entry(conn, &connections, list) {
        conns++;
        queued += conn->out_bytes;
    }
    fprintf(f, "xenstored memory report\n"
            "store: %u nodes, %lu bytes\n"
            "connections: %u, %lu bytes queued\n",
            nodes, bytes, conns, queued);
    for ( d = domain_next(NULL); d; d = domain_next(d) )
        fprintf(f, "domain %u: %u nodes, %ld bytes, %u outstanding%s\n",
                d->domid, d->nodes, d->memory, d->outstanding,
                d->introduced ? ", introduced" : "");
}

/*
 * To the file given, or the trace file.  Without either 4.17 fails with
 * EBADF, which has no name on the wire: the client sees EINVAL.
 */
static int cmd_memreport(struct request *req, const char **argv,
                         unsigned int argc)
{
    int fd = -1;
    FILE *f;

    if ( argc > 1 )
        return EINVAL;
    if ( argc )
        fd = open(argv[0], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    else if ( trace_fd() >= 0 )
        fd = dup(trace_fd());
    if ( fd < 0 )
        return EBADF;
    f = fdopen(fd, "a");
    if ( !f ) {
        close(fd);
        return EBADF;
    }
    report_memory(f);
    fclose(f);
    return reply_ok(req);
}

static int cmd_print(struct request *req, const char **argv, unsigned int argc)
{
    if ( argc != 1 )
        return EINVAL;
    log_msg(LOG_INFO, "control: %s", argv[0]);
    return reply_ok(req);
}

static int show_quotas(struct request *req, const struct quota *table,
                       unsigned int nr)
{
    char *s = arena_strdup(&req->arena, "Quota settings:\n");
    unsigned int i;

    for ( i = 0; i < nr; i++ )
        s = arena_appendf(&req->arena, s, "%-17s: %8u %s\n", table[i].name,
                          table[i].val, table[i].descr);
    return reply_text(req, s);
}

static int set_quota(struct request *req, struct quota *table, unsigned int nr,
                     const char **argv, unsigned int argc)
{
    int val;

    if ( argc != 2 )
        return EINVAL;
    val = atoi(argv[1]);
    if ( val < 1 || quota_set(table, nr, argv[0], val) )
        return EINVAL;
    return reply_ok(req);
}

static int show_domain(struct request *req, unsigned int domid)
{
    const struct domain *d = domain_find(domid);
    unsigned int ta = 0, watches = 0;
    char *s;

    if ( !d )
        return ENOENT;
    if ( d->conn ) {
        ta = d->conn->nr_transactions;
        watches = d->conn->nr_watches;
    }
    s = arena_printf(&req->arena, "Domain %u:\n"
                     "%-16s: %8u\n" "%-16s: %8u\n" "%-16s: %8u\n"
                     "%-16s: %8u\n" "%-16s: %8ld\n", domid,
                     "nodes", d->nodes, "watches", watches,
                     "transactions", ta, "outstanding", d->outstanding,
                     "memory", d->memory);
    return reply_text(req, s);
}

static int cmd_quota(struct request *req, const char **argv, unsigned int argc)
{
    if ( !argc )
        return show_quotas(req, quotas, NR_QUOTAS);
    if ( !strcmp(argv[0], "set") )
        return set_quota(req, quotas, NR_QUOTAS, argv + 1, argc - 1);
    if ( argc != 1 )
        return EINVAL;
    return show_domain(req, parse_domid(argv[0]));
}

static int cmd_quota_soft(struct request *req, const char **argv,
                          unsigned int argc)
{
    if ( !argc )
        return show_quotas(req, soft_quotas, NR_SOFT_QUOTAS);
    if ( !strcmp(argv[0], "set") )
        return set_quota(req, soft_quotas, NR_SOFT_QUOTAS, argv + 1,
                         argc - 1);
    return EINVAL;
}

static int cmd_become(struct request *req, const char **argv,
                      unsigned int argc)
{
    int rc;

    if ( argc != 1 || req->conn->intf )
        return EINVAL;
    rc = domain_become(req->conn, parse_domid(argv[0]));
    return rc ? rc : reply_ok(req);
}

static int cmd_help(struct request *req, const char **argv, unsigned int argc)
{
    const struct command *c;
    char *s = arena_strdup(&req->arena, "");

    if ( argc )
        return EINVAL;
    for ( c = commands; c->name; c++ )
        if ( !c->test_only || control_become )
            s = arena_appendf(&req->arena, s, "%s\t%s\n", c->name,
                              c->args);
    return reply_text(req, s);
}

static const struct command commands[] = {
    { .name = "check", .args = "", .run = cmd_check },
    { .name = "log", .args = "on|off", .run = cmd_log },
    { .name = "logfile", .args = "<file>", .run = cmd_logfile },
    { .name = "memreport", .args = "[<file>]", .run = cmd_memreport },
    { .name = "print", .args = "<string>", .run = cmd_print },
    { .name = "quota", .args = "[set <name> <val>|<domid>]",
      .run = cmd_quota },
    { .name = "quota-soft", .args = "[set <name> <val>]",
      .run = cmd_quota_soft },
    { .name = "help", .args = "", .run = cmd_help },
    { .name = "become", .args = "<domid>", .run = cmd_become,
      .test_only = true },
    { .name = NULL },
};

int do_control(struct request *req)
{
    unsigned int argc = req_strings(req, NULL, 0);
    const struct command *c;
    const char **argv;

    if ( !argc )
        return EINVAL;
    argv = arena_alloc(&req->arena, argc * sizeof(*argv));
    if ( !argv )
        return ENOMEM;
    req_strings(req, argv, argc);
    for ( c = commands; c->name; c++ )
        if ( !strcmp(c->name, argv[0]) && (!c->test_only || control_become) )
            return c->run(req, argv + 1, argc - 1);
    return EINVAL;
}
