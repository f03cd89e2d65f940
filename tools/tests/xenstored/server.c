/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "server.h"
#include "harness.h"

#define MAX_ARGS 32
#define START_WAIT_MS 10000
#define STOP_WAIT_MS 10000

const char *xenstored_path(void)
{
    const char *path = getenv("XENSTORED");

    if ( !path )
        fail("XENSTORED is not set");
    return path;
}

static pid_t spawn(const char *const *args, const char *out_file)
{
    pid_t pid = fork();
    int fd;

    if ( pid )
        return pid;
    /* A test program that dies takes its daemons along. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    fd = open(out_file, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if ( fd >= 0 ) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
    }
    execv(args[0], (char *const *)args);
    _exit(127);
}

/* Waits for pid up to ms: its status, or -1 if it is still running. */
static int wait_for(pid_t pid, unsigned int ms)
{
    int status;

    for ( ; ms; ms -= 10 ) {
        if ( waitpid(pid, &status, WNOHANG) == pid )
            return status;
        sleep_ms(10);
    }
    return -1;
}

int run_xenstored(const char *const *args, const char *out_file)
{
    const char *argv[MAX_ARGS] = { xenstored_path() };
    unsigned int n = 1;
    int status;
    pid_t pid;

    while ( *args && n < MAX_ARGS - 1 )
        argv[n++] = *args++;
    pid = spawn(argv, out_file);
    status = wait_for(pid, STOP_WAIT_MS);
    if ( status == -1 ) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool connectable(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    bool ok;

    strcpy(addr.sun_path, path);
    ok = !connect(fd, (struct sockaddr *)&addr, sizeof(addr));
    close(fd);
    return ok;
}

static void stop_at_end(void *d)
{
    daemon_stop(d);
}

struct daemon *daemon_spawn(const char *socket, const char *const *argv)
{
    static struct daemon daemons[4];
    static unsigned int next;
    struct daemon *d = &daemons[next++ % 4];
    unsigned int ms;

    snprintf(d->socket, sizeof(d->socket), "%s", socket);
    snprintf(d->log, sizeof(d->log), "%s.log", socket);
    d->pid = spawn(argv, d->log);
    at_end(stop_at_end, d);
    for ( ms = 0; !connectable(d->socket); ms += 10 ) {
        CHECK(ms < START_WAIT_MS, "xenstored did not start");
        CHECK(waitpid(d->pid, NULL, WNOHANG) == 0, "xenstored exited");
        sleep_ms(10);
    }
    return d;
}

struct daemon *daemon_start(bool test_become, const char *const *args)
{
    static unsigned int started;
    const char *argv[MAX_ARGS];
    char socket[128];
    unsigned int n = 0;

    snprintf(socket, sizeof(socket), "%s/socket-%u", scratch_dir(),
             started++);
    argv[n++] = xenstored_path();
    argv[n++] = "-N";
    argv[n++] = "-D";
    argv[n++] = "--socket-path";
    argv[n++] = socket;
    if ( test_become )
        argv[n++] = "--test-become";
    while ( *args && n < MAX_ARGS - 1 )
        argv[n++] = *args++;
    argv[n] = NULL;
    return daemon_spawn(socket, argv);
}

void daemon_stop(struct daemon *d)
{
    int status;

    if ( !d->pid )
        return;
    kill(d->pid, SIGTERM);
    status = wait_for(d->pid, STOP_WAIT_MS);
    if ( status == -1 ) {
        kill(d->pid, SIGKILL);
        waitpid(d->pid, NULL, 0);
    }
    d->pid = 0;
    CHECK(status != -1, "xenstored did not stop on SIGTERM");
    CHECK(WIFEXITED(status) && !WEXITSTATUS(status),
          "xenstored exited with status %#x (see %s)", status, d->log);
    CHECK(access(d->socket, F_OK) && errno == ENOENT,
          "xenstored left its socket behind");
}

bool daemon_logged(struct daemon *d, const char *s)
{
    return file_shows(d->log, s);
}
