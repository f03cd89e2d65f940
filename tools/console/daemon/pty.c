/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "pty.h"

void pty_close(struct pty *pty)
{
    if ( pty->master >= 0 )
        close(pty->master);
    if ( pty->slave >= 0 )
        close(pty->slave);
    pty->master = pty->slave = -1;
}

int pty_open(struct pty *pty)
{
    struct termios t;
    int rc;

    pty->slave = -1;
    pty->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if ( pty->master < 0 )
        return errno;
    if ( grantpt(pty->master) || unlockpt(pty->master) ||
         ptsname_r(pty->master, pty->name, sizeof(pty->name)) )
        goto fail;
    pty->slave = open(pty->name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if ( pty->slave < 0 )
        goto fail;
    if ( tcgetattr(pty->slave, &t) )
        goto fail;
    cfmakeraw(&t);
    if ( tcsetattr(pty->slave, TCSANOW, &t) )
        goto fail;
    if ( fcntl(pty->master, F_SETFL, O_NONBLOCK) )
        goto fail;
    return 0;

fail:
    rc = errno ? errno : EIO;
    pty_close(pty);
    return rc;
}
