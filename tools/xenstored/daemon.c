/* SPDX-License-Identifier: GPL-2.0-only */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"

static void die(const char *what)
{
    perror(what);
    exit(1);
}

void daemonize(void)
{
    pid_t pid = fork();

    if ( pid < 0 )
        die("xenstored: fork");
    if ( pid )
        exit(0);
    setsid();
    /* The session leader goes, so no terminal can be acquired again. */
    pid = fork();
    if ( pid < 0 )
        die("xenstored: fork");
    if ( pid )
        exit(0);
    if ( chdir("/") )
        die("xenstored: chdir /");
    umask(0);
}

void detach_stdio(void)
{
    int fd = open("/dev/null", O_RDWR);

    if ( fd < 0 )
        die("xenstored: /dev/null");
    dup2(fd, STDIN_FILENO);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    if ( fd > STDERR_FILENO )
        close(fd);
}

int pidfile_create(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

    if ( fd < 0 )
        die(path);
    if ( lockf(fd, F_TLOCK, 0) )
        exit(0);
    if ( ftruncate(fd, 0) || dprintf(fd, "%ld\n", (long)getpid()) < 0 )
        die(path);
    return fd;
}
