/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "env.h"
#include "harness.h"

#define barrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* An fd the next proc_start() leaves open in the child (-1: none). */
int proc_keep_fd = -1;

static const char *need_env(const char *name)
{
    const char *v = getenv(name);

    CHECK(v && *v, "%s is not set (run through make run)", name);
    return v;
}

/* ---- processes ---- */

static void proc_end(void *arg)
{
    struct proc *p = arg;

    /* TERM first, so that it can clean up (the client's lock file). */
    if ( !p->reaped ) {
        kill(p->pid, SIGTERM);
        if ( !proc_wait(p, 2000) ) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &p->status, 0);
            p->reaped = true;
        }
    }
    free(p);
}

struct proc *proc_start(const char *prog, int in_fd, int out_fd,
                        const char *const *args)
{
    static unsigned int serial;
    struct proc *p = calloc(1, sizeof(*p));
    const char *argv[32];
    unsigned int n = 0;
    int log_fd, fd, keep = proc_keep_fd;

    CHECK(p, "out of memory");
    snprintf(p->log, sizeof(p->log), "%s", scratch_path(""));
    snprintf(p->log + strlen(p->log), sizeof(p->log) - strlen(p->log),
             "proc%u-%s.log", serial++, strrchr(prog, '/') ?
             strrchr(prog, '/') + 1 : prog);
    argv[n++] = prog;
    while ( args && *args && n < 31 )
        argv[n++] = *args++;
    argv[n] = NULL;
    proc_keep_fd = -1;

    log_fd = open(p->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(log_fd >= 0, "cannot create %s", p->log);
    fflush(NULL);
    p->pid = fork();
    CHECK(p->pid >= 0, "fork failed");
    if ( !p->pid ) {
        if ( in_fd < 0 )
            in_fd = open("/dev/null", O_RDONLY);
        dup2(in_fd, STDIN_FILENO);
        dup2(out_fd >= 0 ? out_fd : log_fd, STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
        for ( fd = 3; fd < 1024; fd++ )
            if ( fd != keep )
                close(fd);
        signal(SIGALRM, SIG_DFL);
        execv(prog, (char **)argv);
        perror(prog);
        _exit(127);
    }
    close(log_fd);
    at_end(proc_end, p);
    return p;
}

bool proc_wait(struct proc *p, unsigned int ms)
{
    long long end = now_ms() + ms;

    while ( !p->reaped ) {
        pid_t r = waitpid(p->pid, &p->status, WNOHANG);

        if ( r == p->pid )
            p->reaped = true;
        else if ( now_ms() >= end )
            return false;
        else
            sleep_ms(5);
    }
    return true;
}

char *proc_log(struct proc *p)
{
    char *text = slurp(p->log, NULL);

    CHECK(text, "cannot read %s", p->log);
    return text;
}

void check_no_sanitizer_report(struct proc *p)
{
    char *log = proc_log(p);
    bool report = strstr(log, "Sanitizer") || strstr(log, "runtime error");

    if ( report ) {
        fprintf(stderr, "---- %s ----\n%s\n", p->log, log);
        free(log);
        fail("sanitizer report in %s", p->log);
    }
    free(log);
}

void proc_stop_clean(struct proc *p)
{
    if ( !p->reaped ) {
        kill(p->pid, SIGTERM);
        CHECK(proc_wait(p, 5000), "pid %d ignored SIGTERM", (int)p->pid);
    }
    check_no_sanitizer_report(p);
    CHECK(WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0,
          "pid %d ended with status 0x%x (log %s)", (int)p->pid, p->status,
          p->log);
}

int proc_fd_count(struct proc *p)
{
    char path[64];
    int n = 0;
    FILE *f;

    /* ls is simpler than opendir, and the count is all that matters. */
    snprintf(path, sizeof(path), "ls /proc/%d/fd | wc -l", (int)p->pid);
    f = popen(path, "r");
    CHECK(f && fscanf(f, "%d", &n) == 1, "cannot count fds of %d",
          (int)p->pid);
    pclose(f);
    return n;
}

bool proc_maps(struct proc *p, const char *what)
{
    char path[64], *maps;
    bool found;

    snprintf(path, sizeof(path), "/proc/%d/maps", (int)p->pid);
    maps = slurp(path, NULL);
    CHECK(maps, "cannot read %s", path);
    found = strstr(maps, what) != NULL;
    free(maps);
    return found;
}

long proc_cpu_ticks(struct proc *p)
{
    char path[64], *stat, *s;
    long utime = 0, stime = 0;

    snprintf(path, sizeof(path), "/proc/%d/stat", (int)p->pid);
    stat = slurp(path, NULL);
    CHECK(stat, "cannot read %s", path);
    /* Fields 14 and 15, counted after the command name's ')'. */
    s = strrchr(stat, ')');
    CHECK(s && sscanf(s + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u"
                      " %ld %ld", &utime, &stime) == 2, "bad %s", path);
    free(stat);
    return utime + stime;
}

/* ---- xenstore ---- */

static void xenstored_stop(void *arg)
{
    struct proc *p = arg;

    if ( !p->reaped ) {
        kill(p->pid, SIGTERM);
        proc_wait(p, 3000);
    }
}

void xenstored_start(void)
{
    static char sock[128];
    const char *args[] = { "-N", "-D", "--socket-path", sock,
                           "--test-become", NULL };
    long long end = now_ms() + 5000;
    struct stat st;
    struct proc *p;

    snprintf(sock, sizeof(sock), "%s", scratch_path("xenstored.socket"));
    p = proc_start(need_env("XENSTORED"), -1, -1, args);

    at_end(xenstored_stop, p);
    while ( stat(sock, &st) ) {
        CHECK(now_ms() < end, "xenstored did not create %s", sock);
        CHECK(!proc_wait(p, 0), "xenstored exited (log %s)", p->log);
        sleep_ms(10);
    }
    setenv("XENSTORED_PATH", sock, 1);
}

static void xs_end(void *arg)
{
    xs_close(arg);
}

struct xs_handle *xs_conn(void)
{
    struct xs_handle *xs = xs_open(XS_OPEN_SOCKETONLY);

    CHECK(xs, "cannot connect to xenstored: %s", strerror(errno));
    at_end(xs_end, xs);
    return xs;
}

void xs_put(struct xs_handle *xs, const char *path, const char *val)
{
    CHECK(xs_write(xs, XBT_NULL, path, val, strlen(val)),
          "writing %s: %s", path, strerror(errno));
}

char *xs_wait(struct xs_handle *xs, const char *path, unsigned int ms)
{
    long long end = now_ms() + ms;
    char *v;

    for ( ;; ) {
        v = xs_read(xs, XBT_NULL, path, NULL);
        if ( v || now_ms() >= end )
            return v;
        sleep_ms(10);
    }
}

/* ---- the daemon ---- */

static void consoled_end(void *arg)
{
    proc_stop_clean(arg);
}

struct proc *consoled_start(const char *const *extra)
{
    static char log_dir[128];
    const char *args[24] = { "-i", "-v", "--log-dir", log_dir };
    unsigned int n = 4;
    struct proc *p;
    long long end;
    bool ready;
    char *log;

    snprintf(log_dir, sizeof(log_dir), "%s", scratch_path("logs"));
    while ( extra && *extra && n < 23 )
        args[n++] = *extra++;
    args[n] = NULL;
    setenv("XENCONSOLED_FAKE_DIR", scratch_dir(), 1);
    p = proc_start(need_env("XENCONSOLED"), -1, -1, args);
    /* Every case that starts it ends checking it stops cleanly. */
    at_end(consoled_end, p);
    end = now_ms() + 5000;
    for ( ;; ) {
        log = proc_log(p);
        ready = strstr(log, "serving consoles") != NULL;
        free(log);
        if ( ready )
            return p;
        CHECK(!proc_wait(p, 0), "xenconsoled exited (log %s)", p->log);
        CHECK(now_ms() < end, "xenconsoled not ready (log %s)", p->log);
        sleep_ms(10);
    }
}

/* ---- fake guests ---- */

static void guest_end(void *arg)
{
    struct guest *g = arg;

    if ( g->intf )
        munmap(g->intf, 4096);
    close(g->evtchn);
    close(g->notify);
    if ( g->self )
        xs_close(g->self);
    free(g);
}

static const char *guest_file(unsigned int domid, const char *what)
{
    char name[32];

    snprintf(name, sizeof(name), "dom%u.%s", domid, what);
    return scratch_path(name);
}

void guest_write_console_nodes(struct xs_handle *xs, struct guest *g,
                               unsigned long limit)
{
    char path[128], val[32];

    snprintf(path, sizeof(path), "%s/console/ring-ref", g->home);
    xs_put(xs, path, "1234");
    if ( limit ) {
        snprintf(path, sizeof(path), "%s/console/limit", g->home);
        snprintf(val, sizeof(val), "%lu", limit);
        xs_put(xs, path, val);
    }
    /* The port last: the daemon may act as soon as both are there. */
    snprintf(path, sizeof(path), "%s/console/port", g->home);
    xs_put(xs, path, "7");
}

struct guest *guest_new(struct xs_handle *xs, unsigned int domid,
                        const char *name, bool console, unsigned long limit)
{
    struct guest *g = calloc(1, sizeof(*g));
    char path[128], id[16];
    int fd;

    CHECK(g, "out of memory");
    g->domid = domid;
    g->evtchn = g->notify = -1;
    at_end(guest_end, g);

    fd = open(guest_file(domid, "ring"), O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && !ftruncate(fd, 4096), "cannot make the ring file");
    g->intf = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    CHECK(g->intf != MAP_FAILED, "cannot map the ring file");
    CHECK(!mkfifo(guest_file(domid, "evtchn"), 0600) &&
          !mkfifo(guest_file(domid, "notify"), 0600), "mkfifo failed");
    g->evtchn = open(guest_file(domid, "evtchn"), O_RDWR | O_NONBLOCK);
    g->notify = open(guest_file(domid, "notify"), O_RDWR | O_NONBLOCK);
    CHECK(g->evtchn >= 0 && g->notify >= 0, "cannot open the FIFOs");

    snprintf(g->home, sizeof(g->home), "/local/domain/%u", domid);
    snprintf(path, sizeof(path), "%s/name", g->home);
    xs_put(xs, path, name);
    if ( console )
        guest_write_console_nodes(xs, g, limit);

    g->self = xs_open(XS_OPEN_SOCKETONLY);
    CHECK(g->self, "cannot connect to xenstored");
    snprintf(id, sizeof(id), "%u", domid);
    free(xs_control_command(g->self, "become", id, strlen(id) + 1));
    return g;
}

void guest_destroy(struct xs_handle *xs, struct guest *g)
{
    CHECK(xs_rm(xs, XBT_NULL, g->home), "removing %s", g->home);
    xs_close(g->self);
    g->self = NULL;
}

void guest_kick(struct guest *g)
{
    CHECK(write(g->evtchn, "k", 1) == 1 || errno == EAGAIN, "kick failed");
}

size_t guest_output(struct guest *g, const void *buf, size_t len,
                    unsigned int ms)
{
    struct xencons_interface *intf = g->intf;
    long long end = now_ms() + ms;
    const char *src = buf;
    XENCONS_RING_IDX cons, prod;
    size_t done = 0, room, n, i;

    while ( done < len ) {
        cons = __atomic_load_n(&intf->out_cons, __ATOMIC_RELAXED);
        prod = intf->out_prod;
        barrier();
        room = sizeof(intf->out) - (prod - cons);
        if ( !room ) {
            struct pollfd pfd = { .fd = g->notify, .events = POLLIN };
            long long left = end - now_ms();

            if ( left <= 0 )
                break;
            poll(&pfd, 1, left < 20 ? left : 20);
            guest_notifications(g);
            continue;
        }
        /* Without time to wait, all or nothing: lines stay whole. */
        if ( !ms && room < len - done )
            break;
        n = len - done < room ? len - done : room;
        for ( i = 0; i < n; i++ )
            intf->out[MASK_XENCONS_IDX(prod + i, intf->out)] = src[done + i];
        barrier();
        intf->out_prod = prod + n;
        done += n;
        guest_kick(g);
    }
    return done;
}

size_t guest_input(struct guest *g, char *buf, size_t len, size_t want,
                   unsigned int ms)
{
    struct xencons_interface *intf = g->intf;
    long long end = now_ms() + ms;
    XENCONS_RING_IDX cons, prod;
    size_t done = 0;

    while ( done < want && now_ms() < end ) {
        cons = intf->in_cons;
        prod = __atomic_load_n(&intf->in_prod, __ATOMIC_RELAXED);
        barrier();
        if ( prod == cons ) {
            sleep_ms(5);
            continue;
        }
        CHECK(prod - cons <= sizeof(intf->in), "daemon overran the in ring"
              " (prod %u cons %u)", prod, cons);
        while ( cons != prod && done < len )
            buf[done++] = intf->in[MASK_XENCONS_IDX(cons++, intf->in)];
        barrier();
        intf->in_cons = cons;
        guest_kick(g);
    }
    return done;
}

unsigned int guest_notifications(struct guest *g)
{
    char buf[256];
    unsigned int n = 0;
    ssize_t r;

    while ( (r = read(g->notify, buf, sizeof(buf))) > 0 )
        n += r;
    return n;
}

static void close_fd(void *arg)
{
    close((int)(long)arg);
}

int guest_open_tty(struct xs_handle *xs, struct guest *g)
{
    char path[128], *tty;
    int fd;

    snprintf(path, sizeof(path), "%s/console/tty", g->home);
    tty = xs_wait(xs, path, 2000);
    CHECK(tty, "%s did not appear", path);
    fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK);
    CHECK(fd >= 0, "cannot open %s: %s", tty, strerror(errno));
    free(tty);
    at_end(close_fd, (void *)(long)fd);
    return fd;
}

size_t read_for(int fd, char *buf, size_t len, size_t want, unsigned int ms)
{
    long long end = now_ms() + ms, left;
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    size_t done = 0;
    ssize_t n;

    while ( done < want && done < len && (left = end - now_ms()) > 0 ) {
        if ( poll(&pfd, 1, left) <= 0 )
            continue;
        n = read(fd, buf + done, len - done);
        if ( n > 0 )
            done += n;
        else if ( n == 0 || (errno != EAGAIN && errno != EINTR) )
            break;
    }
    return done;
}

void write_fully(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    ssize_t n;

    while ( len ) {
        n = write(fd, p, len);
        CHECK(n > 0 || errno == EAGAIN || errno == EINTR, "write: %s",
              strerror(errno));
        if ( n > 0 ) {
            p += n;
            len -= n;
        }
    }
}
