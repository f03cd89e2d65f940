/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One client per console, as Xen does it: an flock()ed file per domain
 * in XEN_LOCK_DIR, which the holder removes on exit.  A file removed
 * between our open and our lock is not the lock any more: try again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"

#ifndef XEN_LOCK_DIR
#define XEN_LOCK_DIR "/var/lock"
#endif

static char lock_path[64];
static int lock_fd = -1;

static void console_unlock(void)
{
    if ( lock_fd < 0 )
        return;
    unlink(lock_path);
    close(lock_fd);
    lock_fd = -1;
}

void console_lock(unsigned int domid)
{
    struct stat by_fd, by_name;
    int fd;

    snprintf(lock_path, sizeof(lock_path), "%s/xenconsole.%u", XEN_LOCK_DIR,
             domid);
    /* A fresh initramfs may have no lock directory yet. */
    mkdir(XEN_LOCK_DIR, 0755);
    for ( ;; ) {
        fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if ( fd < 0 )
            die(errno, errno, "Could not open %s", lock_path);
        while ( flock(fd, LOCK_EX | LOCK_NB) )
            if ( errno != EINTR )
                die(errno, errno, "Could not lock %s (another console"
                    " client for domain %u?)", lock_path, domid);
        if ( fstat(fd, &by_fd) )
            die(errno, errno, "Could not fstat %s", lock_path);
        if ( !stat(lock_path, &by_name) && by_name.st_dev == by_fd.st_dev &&
             by_name.st_ino == by_fd.st_ino )
            break;
        close(fd);
    }
    lock_fd = fd;
    atexit(console_unlock);
}
