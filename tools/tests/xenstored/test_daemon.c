/* SPDX-License-Identifier: GPL-2.0-only */
/* The daemon's life: options, pid file, forking, signals. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

static bool gone(const char *path)
{
    return access(path, F_OK) && errno == ENOENT;
}

static void sigterm_cleans_up(void)
{
    const char *pid_file = scratch_file("pid");
    struct daemon *d = DAEMON("-F", pid_file);
    char *text = read_file(pid_file);
    long pid = text ? strtol(text, NULL, 10) : 0;

    free(text);
    CHECK(pid == d->pid, "pid file says %ld, not %d", pid, (int)d->pid);
    client_open(d);
    daemon_stop(d);
    CHECK(gone(pid_file), "pid file left behind");
}

/*
 * The forked daemon and the process between are orphans: as their
 * subreaper, this process gets and reaps them.
 */
static void reap_orphans(void *pid)
{
    if ( *(pid_t *)pid > 0 )
        kill(*(pid_t *)pid, SIGKILL);
    while ( waitpid(-1, NULL, WNOHANG) > 0 )
        ;
    prctl(PR_SET_CHILD_SUBREAPER, 0);
}

/* Without -N it forks, and the pid file names the daemon. */
static void forks(void)
{
    static pid_t pid;
    const char *pid_file = scratch_file("pid"), *sock = scratch_file("sock");
    struct daemon d = { 0 };
    unsigned int ms;
    int status;
    char *text;

    pid = 0;
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    at_end(reap_orphans, &pid);
    CHECK(!run_xenstored((const char *const[]){ "-D", "--socket-path", sock,
                                                "-F", pid_file, NULL },
                         scratch_file("out")), "parent did not exit 0");
    for ( ms = 0; !(text = read_file(pid_file)) || !*text; ms += 10 ) {
        free(text);
        CHECK(ms < 5000, "no pid file");
        sleep_ms(10);
    }
    pid = strtol(text, NULL, 10);
    free(text);
    strcpy(d.socket, sock);
    for ( ms = 0; gone(sock); ms += 10 ) {
        CHECK(ms < 5000, "no socket");
        sleep_ms(10);
    }
    expect_string(call(client_open(&d), XS_DIRECTORY, 0, ARGS("/tool")),
                  "xenstored");
    CHECK(!kill(pid, SIGTERM), "daemon not running");
    for ( ms = 0; waitpid(pid, &status, WNOHANG) != pid; ms += 10 ) {
        CHECK(ms < 5000, "daemon did not stop");
        sleep_ms(10);
    }
    pid = 0;
    CHECK(WIFEXITED(status) && !WEXITSTATUS(status), "exit status %#x",
          status);
    CHECK(gone(sock) && gone(pid_file), "files left behind");
}

static void options(void)
{
    const char *out = scratch_file("out");
    char *text;

    CHECK(run_xenstored((const char *const[]){ "--help", NULL }, out) == 0,
          "--help failed");
    text = read_file(out);
    CHECK(text && strstr(text, "--entry-nb"), "--help says nothing");
    free(text);
    CHECK(run_xenstored((const char *const[]){ "--bogus", NULL }, out) == 1,
          "unknown option accepted");
    CHECK(run_xenstored((const char *const[]){ "-E", "x", NULL }, out) == 1,
          "bad number accepted");
    CHECK(run_xenstored((const char *const[]){ "-Q", "nope=1", NULL }, out)
          == 1, "unknown quota accepted");
    CHECK(run_xenstored((const char *const[]){ "-w", "other=1", NULL }, out)
          == 1, "unknown timeout accepted");
    CHECK(run_xenstored((const char *const[]){ "-N", "extra", NULL }, out)
          == 1, "argument accepted");
}

/* The socket's directory is made; XENSTORED_PATH names the socket. */
static void socket_location(void)
{
    const char *sock = scratch_file("run/socket");
    const char *argv[] = { xenstored_path(), "-N", "-D", NULL };
    struct daemon *d;

    setenv("XENSTORED_PATH", sock, 1);
    d = daemon_spawn(sock, argv);
    unsetenv("XENSTORED_PATH");
    expect_string(call(client_open(d), XS_DIRECTORY, 0, ARGS("/tool")),
                  "xenstored");
}

static void sighup_reopens_trace(void)
{
    const char *trace = scratch_file("trace"), *old = scratch_file("old");
    struct daemon *d = DAEMON("-T", trace);
    struct client *c = client_open(d);

    CHECK(!rename(trace, old), "rename");
    kill(d->pid, SIGHUP);
    sleep_ms(100);
    xs_write(c, "/after", "");
    CHECK(file_shows(trace, "WRITE (/after )"), "trace not reopened");
}

SUITE(suite_daemon, "daemon",
      { "sigterm_cleans_up", sigterm_cleans_up },
      { "forks", forks },
      { "options", options },
      { "socket_location", socket_location },
      { "sighup_reopens_trace", sighup_reopens_trace });
