/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenconsoled end to end: a real xenstored, the daemon built with the fake
 * backend, and the test playing the guests.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "env.h"
#include "harness.h"
#include "tests.h"

#define barrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)

static bool file_exists(const char *path)
{
    struct stat st;

    return !stat(path, &st);
}

static const char *guest_file(unsigned int domid, const char *what)
{
    char name[32];

    snprintf(name, sizeof(name), "dom%u.%s", domid, what);
    return scratch_path(name);
}

/* The console of a fresh guest, up and published. */
static struct guest *up(struct xs_handle *xs, unsigned int domid,
                        const char *name, unsigned long limit)
{
    struct guest *g = guest_new(xs, domid, name, true, limit);
    char path[128], *tty;

    snprintf(path, sizeof(path), "%s/console/tty", g->home);
    tty = xs_wait(xs, path, 3000);
    CHECK(tty, "%s never appeared", path);
    CHECK(!strncmp(tty, "/dev/pts/", 9), "tty is \"%s\"", tty);
    free(tty);
    return g;
}

/* Runs the daemon with args; its exit status and what it printed. */
static int run_consoled(const char *const *args, char **out)
{
    struct proc *p = proc_start(getenv("XENCONSOLED"), -1, -1, args);

    CHECK(proc_wait(p, 5000), "xenconsoled %s did not exit", args[0]);
    *out = proc_log(p);
    CHECK(WIFEXITED(p->status), "xenconsoled %s died of signal %d",
          args[0], WTERMSIG(p->status));
    return WEXITSTATUS(p->status);
}

static void bad_options(void)
{
    static const struct {
        const char *args[3];
        int status;
        const char *says;
    } runs[] = {
        { { "--bogus" }, 1, "unknown option --bogus" },
        { { "-x" }, 1, "unknown option -x" },
        { { "--log=most" }, 1, "--log takes none, guest, hv or all" },
        { { "--timestamp", "sometimes" }, 1, "--timestamp takes" },
        { { "-o", "later" }, 1, "--overflow-data takes discard or keep" },
        { { "-t" }, 1, "option -t needs a value" },
        { { "stray" }, 1, "unexpected argument \"stray\"" },
        { { "--help" }, 0, "Usage: xenconsoled" },
        { { "-V" }, 0, "xenconsoled" },
    };
    unsigned int i;
    char *out;
    int st;

    for ( i = 0; i < sizeof(runs) / sizeof(runs[0]); i++ ) {
        st = run_consoled(runs[i].args, &out);
        CHECK(st == runs[i].status && strstr(out, runs[i].says),
              "%s: status %d, said \"%s\"", runs[i].args[0], st, out);
        free(out);
    }
}

static void no_xenstore(void)
{
    const char *args[] = { "-i", NULL };
    char *out;
    int st;

    setenv("XENSTORED_PATH", scratch_path("nowhere"), 1);
    setenv("XENCONSOLED_FAKE_DIR", scratch_dir(), 1);
    st = run_consoled(args, &out);
    CHECK(st == 1 && strstr(out, "cannot reach xenstore"),
          "status %d, said \"%s\"", st, out);
    free(out);
}

static void output_reaches_pty(void)
{
    struct xs_handle *xs;
    struct guest *g;
    char buf[64], *bound;
    int tty;

    xenstored_start();
    xs = xs_conn();
    consoled_start(NULL);
    g = up(xs, 5, "vm5", 0);
    bound = slurp(guest_file(5, "bound"), NULL);
    CHECK(bound && !strcmp(bound, "7\n"), "bound to port %s",
          bound ? bound : "(none)");
    free(bound);

    tty = guest_open_tty(xs, g);
    guest_notifications(g);
    CHECK(guest_output(g, "hello\r\n", 7, 1000) == 7, "ring stayed full");
    CHECK(read_for(tty, buf, sizeof(buf), 7, 2000) == 7 &&
          !memcmp(buf, "hello\r\n", 7), "the pty did not show the output");
    CHECK(g->intf->out_cons == 7, "out_cons is %u", g->intf->out_cons);
    CHECK(guest_notifications(g) > 0, "the guest was not notified");
}

static void output_before_daemon(void)
{
    struct xs_handle *xs;
    struct guest *g;
    char buf[64];
    int tty;

    /* Written before anyone listened: no event will ever come for it. */
    xenstored_start();
    xs = xs_conn();
    g = guest_new(xs, 6, "early", true, 0);
    g->intf->out_prod = 5;
    memcpy(g->intf->out, "boot\n", 5);
    consoled_start(NULL);
    tty = guest_open_tty(xs, g);
    CHECK(read_for(tty, buf, sizeof(buf), 5, 2000) == 5 &&
          !memcmp(buf, "boot\n", 5), "early output was not shown");
}

static void input_reaches_ring(void)
{
    struct xs_handle *xs;
    struct guest *g;
    char buf[2048];
    size_t n;
    int tty;

    xenstored_start();
    xs = xs_conn();
    consoled_start(NULL);
    g = up(xs, 7, "vm7", 0);
    tty = guest_open_tty(xs, g);
    guest_notifications(g);
    write_fully(tty, "ls -l\n", 6);
    n = guest_input(g, buf, sizeof(buf), 6, 2000);
    CHECK(n == 6 && !memcmp(buf, "ls -l\n", 6), "%zu bytes reached the ring",
          n);
    CHECK(guest_notifications(g) > 0, "the guest was not notified");

    /* More than the ring holds: it comes as the guest makes room. */
    memset(buf, 'i', 1500);
    write_fully(tty, buf, 1500);
    sleep_ms(200);
    CHECK(g->intf->in_prod - g->intf->in_cons <= 1024, "in ring overrun");
    n = guest_input(g, buf, sizeof(buf), 1500, 3000);
    CHECK(n == 1500, "%zu of 1500 bytes arrived", n);
}

static void console_nodes_later(void)
{
    struct xs_handle *xs;
    struct guest *g;
    char path[128], *tty;

    xenstored_start();
    xs = xs_conn();
    consoled_start(NULL);
    g = guest_new(xs, 8, "late", false, 0);
    sleep_ms(300);
    snprintf(path, sizeof(path), "%s/console/tty", g->home);
    tty = xs_read(xs, XBT_NULL, path, NULL);
    CHECK(!tty, "a tty before the console nodes: %s", tty);
    guest_write_console_nodes(xs, g, 0);
    tty = xs_wait(xs, path, 3000);
    CHECK(tty, "no tty once the nodes came");
    free(tty);
}

static void other_type_not_served(void)
{
    struct xs_handle *xs;
    struct guest *g;
    char path[128], *tty;

    xenstored_start();
    xs = xs_conn();
    consoled_start(NULL);
    xs_put(xs, "/local/domain/9/console/type", "ioemu");
    g = guest_new(xs, 9, "qemu-served", true, 0);
    snprintf(path, sizeof(path), "%s/console/tty", g->home);
    tty = xs_wait(xs, path, 500);
    CHECK(!tty, "served a console of type ioemu on %s", tty);
    CHECK(!file_exists(guest_file(9, "bound")), "bound its port");
}

static void teardown_releases(void)
{
    struct xs_handle *xs;
    struct proc *d;
    struct guest *g;
    int base, during;
    long long end;

    xenstored_start();
    xs = xs_conn();
    d = consoled_start(NULL);
    sleep_ms(200);
    base = proc_fd_count(d);
    g = up(xs, 10, "vm10", 0);
    during = proc_fd_count(d);
    CHECK(during >= base + 3, "fds: %d before, %d with a console", base,
          during);
    CHECK(proc_maps(d, "dom10.ring"), "the ring is not mapped");

    guest_destroy(xs, g);
    end = now_ms() + 3000;
    while ( file_exists(guest_file(10, "bound")) && now_ms() < end )
        sleep_ms(10);
    CHECK(!file_exists(guest_file(10, "bound")), "port still bound");
    CHECK(!proc_maps(d, "dom10.ring"), "ring still mapped");
    CHECK(proc_fd_count(d) == base, "fds: %d before, %d after teardown",
          base, proc_fd_count(d));
}

static void removed_without_release(void)
{
    struct xs_handle *xs;
    struct guest *g;
    long long end;

    /* Only the home goes: the console's own watch notices. */
    xenstored_start();
    xs = xs_conn();
    consoled_start(NULL);
    g = up(xs, 11, "vm11", 0);
    CHECK(xs_rm(xs, XBT_NULL, g->home), "rm failed");
    end = now_ms() + 3000;
    while ( file_exists(guest_file(11, "bound")) && now_ms() < end )
        sleep_ms(10);
    CHECK(!file_exists(guest_file(11, "bound")), "port still bound");
}

static void hostile_prod_ahead(void)
{
    struct xs_handle *xs;
    struct guest *bad, *good;
    struct proc *d;
    char buf[64];
    unsigned int i;
    long before;
    int tty;

    xenstored_start();
    xs = xs_conn();
    d = consoled_start(NULL);
    bad = up(xs, 12, "bad", 0);
    good = up(xs, 13, "good", 0);
    tty = guest_open_tty(xs, good);

    bad->intf->out_cons = 100;
    bad->intf->out_prod = 100 + 1000000;
    before = proc_cpu_ticks(d);
    for ( i = 0; i < 200; i++ ) {
        guest_kick(bad);
        sleep_ms(2);
    }
    CHECK(guest_output(good, "still here\n", 11, 1000) == 11, "ring full");
    CHECK(read_for(tty, buf, sizeof(buf), 11, 2000) == 11 &&
          !memcmp(buf, "still here\n", 11), "the good guest was starved");
    sleep_ms(300);
    CHECK(!proc_wait(d, 0), "the daemon died");
    CHECK(bad->intf->out_cons == 100, "moved out_cons of a bad ring to %u",
          bad->intf->out_cons);
    /* A daemon that spins burns the whole second; allow a fifth of it. */
    CHECK(proc_cpu_ticks(d) - before < sysconf(_SC_CLK_TCK) / 5 + 10,
          "the daemon used %ld ticks", proc_cpu_ticks(d) - before);

    /* Put right, the ring works again. */
    bad->intf->out_prod = 100;
    barrier();
    tty = guest_open_tty(xs, bad);
    CHECK(guest_output(bad, "sane\n", 5, 1000) == 5, "ring full");
    CHECK(read_for(tty, buf, sizeof(buf), 5, 2000) == 5 &&
          !memcmp(buf, "sane\n", 5), "no output after the fix");
}

static void hostile_cons_beyond_prod(void)
{
    struct xs_handle *xs;
    struct guest *g;
    struct proc *d;
    char buf[512];
    long before;
    int tty;

    xenstored_start();
    xs = xs_conn();
    d = consoled_start(NULL);
    g = up(xs, 14, "vm14", 0);
    tty = guest_open_tty(xs, g);

    g->intf->out_cons = 60;
    g->intf->out_prod = 50;
    g->intf->in_cons = 300;
    g->intf->in_prod = 200;
    barrier();
    guest_kick(g);
    /* Typed input has nowhere to go: it must wait, not spin or overrun. */
    memset(buf, 'z', sizeof(buf));
    before = proc_cpu_ticks(d);
    write_fully(tty, buf, sizeof(buf));
    sleep_ms(1000);
    CHECK(!proc_wait(d, 0), "the daemon died");
    CHECK(g->intf->in_prod == 200 && g->intf->out_cons == 60,
          "indexes moved: in_prod %u out_cons %u", g->intf->in_prod,
          g->intf->out_cons);
    CHECK(proc_cpu_ticks(d) - before < sysconf(_SC_CLK_TCK) / 5 + 10,
          "the daemon used %ld ticks", proc_cpu_ticks(d) - before);
    CHECK(read_for(tty, buf, sizeof(buf), 1, 100) == 0, "output appeared");

    /* Sane again: the waiting input arrives. */
    g->intf->in_cons = 200;
    barrier();
    guest_kick(g);
    CHECK(guest_input(g, buf, sizeof(buf), 512, 3000) == 512,
          "the input did not arrive once the ring was sane");
}

/* Line n of the flood: 8 digits and a newline. */
static void flood_line(char *buf, unsigned int n)
{
    snprintf(buf, 10, "%08u\n", n);
}

static void flood_without_reader(void)
{
    const unsigned int lines = 30000;           /* 270 kB */
    const unsigned long limit = 8192;
    const char *args[] = { "--log=guest", NULL };
    struct xs_handle *xs;
    struct guest *g;
    static char got[1 << 20];
    char l[10], *log;
    size_t n, len;
    unsigned int i;
    int tty;

    xenstored_start();
    xs = xs_conn();
    consoled_start(args);
    g = up(xs, 15, "flood", limit);
    /* Nobody has the pty open; the guest is not held up. */
    for ( i = 0; i < lines; i++ ) {
        flood_line(l, i);
        CHECK(guest_output(g, l, 9, 3000) == 9, "guest held up at line %u",
              i);
    }
    for ( i = 0; i < 300 && g->intf->out_cons != g->intf->out_prod; i++ )
        sleep_ms(10);
    CHECK(g->intf->out_cons == g->intf->out_prod, "ring not drained");
    sleep_ms(200);

    tty = guest_open_tty(xs, g);
    n = read_for(tty, got, sizeof(got), sizeof(got), 1000);
    /* The pty itself holds some; the daemon at most 5/4 of the limit. */
    CHECK(n > 0 && n < 120000, "%zu bytes were kept for the reader", n);
    flood_line(l, 0);
    CHECK(!memcmp(got, l, 9), "the start of the output was lost");
    flood_line(l, lines - 1);
    CHECK(!memcmp(got + n - 9, l, 9), "the end of the output was lost");

    /* The log has everything. */
    log = slurp(scratch_path("logs/guest-flood.log"), &len);
    CHECK(log && len == lines * 9, "log has %zu bytes", log ? len : 0);
    flood_line(l, 12345);
    CHECK(!memcmp(log + 12345 * 9, l, 9), "log line 12345 is wrong");
    free(log);
}

static void overflow_keep_throttles(void)
{
    const char *args[] = { "-o", "keep", NULL };
    struct xs_handle *xs;
    struct guest *g;
    static char got[1 << 20];
    char l[10];
    unsigned int i, sent = 0, total;
    long long progress = now_ms(), end;
    size_t n = 0;
    int tty;

    xenstored_start();
    xs = xs_conn();
    consoled_start(args);
    g = up(xs, 16, "keep", 4096);
    /* With nobody reading, the guest's ring must fill up and stay full. */
    while ( now_ms() - progress < 500 ) {
        CHECK(sent < 100000, "the guest was never held up");
        flood_line(l, sent);
        if ( guest_output(g, l, 9, 0) == 9 ) {
            sent++;
            progress = now_ms();
        } else {
            sleep_ms(5);
        }
    }
    CHECK(g->intf->out_prod - g->intf->out_cons > 2048 - 9,
          "the ring is not full");

    /* A reader gets every line, in order, and the guest goes on. */
    total = sent + 500;
    tty = guest_open_tty(xs, g);
    end = now_ms() + 5000;
    while ( n < (size_t)total * 9 && now_ms() < end ) {
        n += read_for(tty, got + n, sizeof(got) - n, 1, 50);
        for ( ; sent < total; sent++ ) {
            flood_line(l, sent);
            if ( guest_output(g, l, 9, 0) != 9 )
                break;
        }
    }
    CHECK(n == (size_t)total * 9, "read %zu of %u bytes", n, total * 9);
    for ( i = 0; i < total; i++ ) {
        flood_line(l, i);
        CHECK(!memcmp(got + i * 9, l, 9), "line %u lost or misplaced", i);
    }
}

static void log_plain(void)
{
    const char *args[] = { "--log=guest", NULL };
    struct xs_handle *xs;
    struct guest *g;
    char *log;

    xenstored_start();
    xs = xs_conn();
    consoled_start(args);
    g = up(xs, 17, "plain", 0);
    guest_output(g, "line one\r\n", 10, 1000);
    guest_output(g, "line two\n", 9, 1000);
    sleep_ms(300);
    log = slurp(scratch_path("logs/guest-plain.log"), NULL);
    CHECK(log && !strcmp(log, "line one\r\nline two\n"), "log is \"%s\"",
          log ? log : "(none)");
    free(log);
}

static void log_timestamps(void)
{
    const char *args[] = { "--log=guest", "--timestamp=guest", NULL };
    struct xs_handle *xs;
    struct guest *g;
    char *log, *p;
    unsigned int lines = 0;

    xenstored_start();
    xs = xs_conn();
    consoled_start(args);
    g = up(xs, 18, "stamped", 0);
    guest_output(g, "line one\r\nline", 14, 1000);
    sleep_ms(100);
    guest_output(g, " two\n", 5, 1000);
    sleep_ms(300);
    log = slurp(scratch_path("logs/guest-stamped.log"), NULL);
    CHECK(log, "no log file");
    for ( p = log; *p; p = strchr(p, '\n') + 1, lines++ ) {
        CHECK(p[0] == '[' && p[5] == '-' && p[11] == ' ' && p[14] == ':' &&
              p[20] == ']' && p[21] == ' ' && strchr(p, '\n'),
              "line not stamped: \"%s\"", p);
    }
    CHECK(lines == 3 && strstr(log, "] Logfile Opened\n") &&
          strstr(log, "] line one\r\n") && strstr(log, "] line two\n"),
          "log is \"%s\"", log);
    free(log);
}

static void sighup_reopens_log(void)
{
    const char *args[] = { "--log=guest", NULL };
    struct xs_handle *xs;
    struct proc *d;
    struct guest *g;
    char *log;

    xenstored_start();
    xs = xs_conn();
    d = consoled_start(args);
    g = up(xs, 19, "rotated", 0);
    guest_output(g, "before\n", 7, 1000);
    sleep_ms(200);
    CHECK(!rename(scratch_path("logs/guest-rotated.log"),
                  scratch_path("logs/guest-rotated.log.1")), "rename");
    kill(d->pid, SIGHUP);
    sleep_ms(200);
    guest_output(g, "after\n", 6, 1000);
    sleep_ms(200);
    log = slurp(scratch_path("logs/guest-rotated.log"), NULL);
    CHECK(log && !strcmp(log, "after\n"), "new log is \"%s\"",
          log ? log : "(none)");
    free(log);
}

static void flood_does_not_starve(void)
{
    struct xs_handle *xs;
    struct guest *noisy, *quiet;
    char chunk[2048], buf[64];
    long long start, took;
    unsigned int i;
    int tty;

    xenstored_start();
    xs = xs_conn();
    consoled_start(NULL);
    noisy = up(xs, 20, "noisy", 0);
    quiet = up(xs, 21, "quiet", 0);
    tty = guest_open_tty(xs, quiet);
    memset(chunk, 'n', sizeof(chunk));
    /* The noisy guest keeps its ring full and notifies without pause. */
    for ( i = 0; i < 100; i++ ) {
        guest_output(noisy, chunk, sizeof(chunk), 0);
        guest_kick(noisy);
    }
    start = now_ms();
    guest_output(quiet, "ping\n", 5, 1000);
    CHECK(read_for(tty, buf, sizeof(buf), 5, 2000) == 5, "no ping");
    took = now_ms() - start;
    CHECK(took < 500, "the quiet guest waited %lld ms", took);
}

static void sigterm_clean_with_consoles(void)
{
    const char *args[] = { "--log=guest", "--pid-file", NULL, NULL };
    struct xs_handle *xs;
    struct proc *d;
    struct guest *g;
    char *pid, pid_file[128];

    /* scratch_path()'s buffers are reused: keep a copy. */
    snprintf(pid_file, sizeof(pid_file), "%s", scratch_path("consoled.pid"));
    args[2] = pid_file;
    xenstored_start();
    xs = xs_conn();
    d = consoled_start(args);
    g = up(xs, 22, "vm22", 0);
    up(xs, 23, "vm23", 0);
    guest_output(g, "some output nobody reads\n", 25, 1000);
    sleep_ms(100);
    pid = slurp(args[2], NULL);
    CHECK(pid && atoi(pid) == d->pid, "pid file has \"%s\"",
          pid ? pid : "(none)");
    free(pid);
    proc_stop_clean(d);
    CHECK(!file_exists(args[2]), "pid file left behind");
    CHECK(!file_exists(guest_file(22, "bound")), "port left bound");
}

/* Not our child: killed by pid if the case ends early. */
static void kill_daemon(void *pid)
{
    kill((pid_t)(long)pid, SIGKILL);
}

static void daemonizes(void)
{
    const char *args[] = { "--pid-file", NULL, "--log-dir", NULL, NULL };
    struct xs_handle *xs;
    struct proc *p;
    struct guest *g;
    char *pid;
    pid_t daemon;
    long long end;
    char pid_file[128], log_dir[128];

    snprintf(pid_file, sizeof(pid_file), "%s", scratch_path("bg.pid"));
    snprintf(log_dir, sizeof(log_dir), "%s", scratch_path("logs"));
    args[1] = pid_file;
    args[3] = log_dir;
    xenstored_start();
    xs = xs_conn();
    setenv("XENCONSOLED_FAKE_DIR", scratch_dir(), 1);
    p = proc_start(getenv("XENCONSOLED"), -1, -1, args);
    /* The starter returns once the daemon is ready, with its verdict. */
    CHECK(proc_wait(p, 5000), "the starting process did not return");
    CHECK(WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0,
          "started with status 0x%x", p->status);
    pid = slurp(args[1], NULL);
    CHECK(pid && (daemon = atoi(pid)) > 0 && !kill(daemon, 0),
          "no daemon behind pid file \"%s\"", pid ? pid : "(none)");
    free(pid);
    at_end(kill_daemon, (void *)(long)daemon);
    g = up(xs, 24, "bg", 0);
    (void)g;
    kill(daemon, SIGTERM);
    end = now_ms() + 5000;
    while ( !kill(daemon, 0) && now_ms() < end )
        sleep_ms(10);
    CHECK(kill(daemon, 0), "the daemon ignored SIGTERM");
    CHECK(!file_exists(args[1]), "pid file left behind");
}

SUITE(suite_daemon,
    { "daemon/bad_options", bad_options },
    { "daemon/no_xenstore", no_xenstore },
    { "daemon/output_reaches_pty", output_reaches_pty },
    { "daemon/output_before_daemon", output_before_daemon },
    { "daemon/input_reaches_ring", input_reaches_ring },
    { "daemon/console_nodes_later", console_nodes_later },
    { "daemon/other_type_not_served", other_type_not_served },
    { "daemon/teardown_releases", teardown_releases },
    { "daemon/removed_without_release", removed_without_release },
    { "daemon/hostile_prod_ahead", hostile_prod_ahead },
    { "daemon/hostile_cons_beyond_prod", hostile_cons_beyond_prod },
    { "daemon/flood_without_reader", flood_without_reader },
    { "daemon/overflow_keep_throttles", overflow_keep_throttles },
    { "daemon/flood_does_not_starve", flood_does_not_starve },
    { "daemon/log_plain", log_plain },
    { "daemon/log_timestamps", log_timestamps },
    { "daemon/sighup_reopens_log", sighup_reopens_log },
    { "daemon/sigterm_clean_with_consoles", sigterm_clean_with_consoles },
    { "daemon/daemonizes", daemonizes },
);
