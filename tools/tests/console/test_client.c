/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenconsole against a real xenstored, with the test in xenconsoled's
 * place: it publishes a pty of its own as the guest's console tty, and
 * gives the client another pty as its terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "env.h"
#include "harness.h"
#include "tests.h"

extern int proc_keep_fd;

static void close_fd(void *arg)
{
    close((int)(long)arg);
}

struct pty_pair {
    int master, slave;
    char path[64];
};

static void new_pty(struct pty_pair *p)
{
    p->master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    CHECK(p->master >= 0 && !grantpt(p->master) && !unlockpt(p->master) &&
          !ptsname_r(p->master, p->path, sizeof(p->path)), "no pty");
    at_end(close_fd, (void *)(long)p->master);
    p->slave = open(p->path, O_RDWR | O_NOCTTY);
    CHECK(p->slave >= 0, "cannot open %s", p->path);
    at_end(close_fd, (void *)(long)p->slave);
}

static int run_client(const char *const *args, char **out)
{
    struct proc *p = proc_start(getenv("XENCONSOLE"), -1, -1, args);

    CHECK(proc_wait(p, 10000), "xenconsole did not exit");
    *out = proc_log(p);
    CHECK(WIFEXITED(p->status), "xenconsole died of signal %d",
          WTERMSIG(p->status));
    return WEXITSTATUS(p->status);
}

static void bad_args(void)
{
    static const struct {
        const char *args[4];
        const char *says;
    } runs[] = {
        { { NULL }, "DOMID should be specified" },
        { { "0" }, "Can't specify Domain-0" },
        { { "abc" }, "Invalid DOMID `abc'" },
        { { "--type", "hvm", "5" }, "Invalid type argument `hvm'" },
        { { "--bogus", "5" }, "Invalid argument --bogus" },
        { { "-n", "x", "5" }, "Invalid console number `x'" },
        { { "5", "6" }, "Unexpected argument `6'" },
    };
    unsigned int i;
    char *out;
    int st;

    for ( i = 0; i < sizeof(runs) / sizeof(runs[0]); i++ ) {
        st = run_client(runs[i].args, &out);
        CHECK(st == EINVAL && strstr(out, runs[i].says),
              "case %u: status %d, said \"%s\"", i, st, out);
        free(out);
    }
}

static void missing_domain_times_out(void)
{
    const char *args[] = { "4321", NULL };
    long long start;
    char *out;
    int st;

    xenstored_start();
    start = now_ms();
    st = run_client(args, &out);
    CHECK(now_ms() - start >= 4500, "gave up after %lld ms",
          now_ms() - start);
    CHECK(st == ENOENT && strstr(out, "Could not read tty from store") &&
          strstr(out, "/local/domain/4321/console/tty"),
          "status %d, said \"%s\"", st, out);
    free(out);
}

struct client {
    struct proc *p;
    int ready;                  /* where its --start-notify-fd byte comes */
};

/* Starts the client on domid with term as its terminal (or none). */
static struct client attach(unsigned int domid, int term)
{
    const char *args[] = { NULL, "--num", "0", "--type", "pv",
                           "--start-notify-fd", NULL, NULL };
    char id[16], fdnum[16];
    struct client c;
    int ready[2];

    /* The order xl uses: the domid first. */
    snprintf(id, sizeof(id), "%u", domid);
    args[0] = id;
    CHECK(!pipe(ready), "pipe");
    at_end(close_fd, (void *)(long)ready[0]);
    snprintf(fdnum, sizeof(fdnum), "%d", ready[1]);
    args[6] = fdnum;
    proc_keep_fd = ready[1];
    c.p = proc_start(getenv("XENCONSOLE"), term, term, args);
    close(ready[1]);
    c.ready = ready[0];
    return c;
}

/* Whether the client sent its "attached" zero byte within ms. */
static bool attached(struct client *c, unsigned int ms)
{
    struct pollfd pfd = { .fd = c->ready, .events = POLLIN };
    char byte = 1;

    return poll(&pfd, 1, ms) == 1 && read(c->ready, &byte, 1) == 1 &&
           byte == 0;
}

static void copies_and_detaches(void)
{
    struct pty_pair guest, term;
    struct termios t;
    struct xs_handle *xs;
    struct client c;
    char buf[64];

    xenstored_start();
    xs = xs_conn();
    new_pty(&guest);
    new_pty(&term);
    xs_put(xs, "/local/domain/31/console/tty", guest.path);
    CHECK(!tcgetattr(term.slave, &t) && (t.c_lflag & ICANON),
          "terminal not cooked to begin with");

    c = attach(31, term.slave);
    CHECK(attached(&c, 3000), "the client never attached");
    write_fully(guest.master, "from guest\n", 11);
    CHECK(read_for(term.master, buf, sizeof(buf), 11, 2000) == 11 &&
          !memcmp(buf, "from guest\n", 11), "guest output not shown");
    CHECK(!tcgetattr(term.slave, &t) && !(t.c_lflag & (ICANON | ECHO)),
          "terminal not raw while attached");
    write_fully(term.master, "typed\r", 6);
    CHECK(read_for(guest.master, buf, sizeof(buf), 6, 2000) == 6 &&
          !memcmp(buf, "typed\r", 6), "typing did not reach the console");

    write_fully(term.master, "\x1d", 1);
    CHECK(proc_wait(c.p, 2000), "Ctrl-] did not detach");
    check_no_sanitizer_report(c.p);
    CHECK(WIFEXITED(c.p->status) && WEXITSTATUS(c.p->status) == 0,
          "status 0x%x", c.p->status);
    CHECK(!tcgetattr(term.slave, &t) && (t.c_lflag & ICANON) &&
          (t.c_lflag & ECHO), "terminal not restored");
}

static void exits_when_domain_goes(void)
{
    struct pty_pair guest;
    struct xs_handle *xs;
    struct client c;

    xenstored_start();
    xs = xs_conn();
    new_pty(&guest);
    xs_put(xs, "/local/domain/32/name", "going");
    xs_put(xs, "/local/domain/32/console/tty", guest.path);
    c = attach(32, -1);
    CHECK(attached(&c, 3000), "the client never attached");
    sleep_ms(200);
    CHECK(!proc_wait(c.p, 0), "the client left early");
    CHECK(xs_rm(xs, XBT_NULL, "/local/domain/32"), "rm");
    CHECK(proc_wait(c.p, 2000), "the client outlived its domain");
    check_no_sanitizer_report(c.p);
    CHECK(WIFEXITED(c.p->status) && WEXITSTATUS(c.p->status) == 0,
          "status 0x%x", c.p->status);
}

static void waits_for_tty(void)
{
    struct pty_pair guest;
    struct xs_handle *xs;
    struct client c;

    xenstored_start();
    xs = xs_conn();
    new_pty(&guest);
    c = attach(34, -1);
    sleep_ms(1000);
    CHECK(!proc_wait(c.p, 0), "the client did not wait for its tty");
    CHECK(!attached(&c, 0), "attached without a tty");
    xs_put(xs, "/local/domain/34/console/tty", guest.path);
    CHECK(attached(&c, 3000), "the client never attached");
    CHECK(xs_rm(xs, XBT_NULL, "/local/domain/34"), "rm");
    CHECK(proc_wait(c.p, 2000), "the client outlived its domain");
    check_no_sanitizer_report(c.p);
}

static void one_client_per_console(void)
{
    const char *args[] = { "35", NULL };
    struct pty_pair guest;
    struct xs_handle *xs;
    struct client first;
    char *out;
    int st;

    xenstored_start();
    xs = xs_conn();
    new_pty(&guest);
    xs_put(xs, "/local/domain/35/console/tty", guest.path);
    first = attach(35, -1);
    CHECK(attached(&first, 3000), "the first client never attached");
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    st = run_client(args, &out);
    unsetenv("ASAN_OPTIONS");
    CHECK(st != 0 && strstr(out, "Could not lock"), "status %d, said \"%s\"",
          st, out);
    free(out);
    CHECK(!proc_wait(first.p, 0), "the first client left");
}

SUITE(suite_client,
    { "client/bad_args", bad_args },
    { "client/missing_domain_times_out", missing_domain_times_out },
    { "client/copies_and_detaches", copies_and_detaches },
    { "client/exits_when_domain_goes", exits_when_domain_goes },
    { "client/waits_for_tty", waits_for_tty },
    { "client/one_client_per_console", one_client_per_console },
);
