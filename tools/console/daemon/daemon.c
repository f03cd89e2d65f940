/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xen/xen.h>

#include "daemon.h"
#include "log.h"

static int ready_fd = -1;

static void __attribute__((noreturn)) die(const char *what)
{
    fprintf(stderr, "xenconsoled: %s: %s\n", what, strerror(errno));
    exit(1);
}

void daemon_start(void)
{
    int status[2];
    char ok;
    pid_t pid;

    if ( pipe2(status, O_CLOEXEC) )
        die("pipe");
    pid = fork();
    if ( pid < 0 )
        die("fork");
    if ( pid ) {
        /* A byte when the daemon is ready; nothing if it died first. */
        close(status[1]);
        exit(read(status[0], &ok, 1) == 1 ? 0 : 1);
    }
    close(status[0]);
    setsid();
    /* The session leader goes, so no terminal can be acquired again. */
    pid = fork();
    if ( pid < 0 )
        die("fork");
    if ( pid )
        _exit(0);
    if ( chdir("/") )
        die("chdir /");
    umask(022);
    ready_fd = status[1];
}

void daemon_ready(void)
{
    int fd;

    if ( ready_fd < 0 )
        return;
    fd = open("/dev/null", O_RDWR);
    if ( fd >= 0 ) {
        dup2(fd, STDIN_FILENO);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        if ( fd > STDERR_FILENO )
            close(fd);
    }
    if ( write(ready_fd, "", 1) != 1 )
        log_msg(LOG_WARNING, "telling the parent we are ready: %m");
    close(ready_fd);
    ready_fd = -1;
}

int pidfile_create(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    char *dir, *slash;

    /* /var/run/xen is not there on a fresh system: make it, once. */
    if ( fd < 0 && errno == ENOENT && (dir = strdup(path)) ) {
        slash = strrchr(dir, '/');
        if ( slash && slash != dir ) {
            *slash = '\0';
            mkdir(dir, 0755);
        }
        free(dir);
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    }
    if ( fd < 0 )
        die(path);
    if ( lockf(fd, F_TLOCK, 0) ) {
        fprintf(stderr, "xenconsoled: %s is locked: already running?\n",
                path);
        exit(1);
    }
    if ( ftruncate(fd, 0) || dprintf(fd, "%ld\n", (long)getpid()) < 0 )
        die(path);
    return fd;
}

void pidfile_remove(const char *path, int fd)
{
    if ( fd < 0 )
        return;
    unlink(path);
    close(fd);
}

void raise_fd_limit(void)
{
    /* Four per console (pty master and slave, event channel, log). */
    rlim_t want = DOMID_FIRST_RESERVED * 4 + 1000;
    struct rlimit lim;

    if ( getrlimit(RLIMIT_NOFILE, &lim) || lim.rlim_cur >= want )
        return;
    lim.rlim_cur = lim.rlim_max == RLIM_INFINITY || lim.rlim_max >= want
                   ? want : lim.rlim_max;
    if ( lim.rlim_max != RLIM_INFINITY && lim.rlim_max < want )
        log_msg(LOG_INFO, "only %llu open files allowed: may run out"
                " with many guests", (unsigned long long)lim.rlim_max);
    if ( setrlimit(RLIMIT_NOFILE, &lim) )
        log_msg(LOG_WARNING, "raising the open file limit: %m");
}
