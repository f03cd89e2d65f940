/* SPDX-License-Identifier: GPL-2.0-only */
#include <termios.h>

#include "client.h"

/* Failure is harmless: then the bytes are cooked, as before. */
bool term_make_raw(int fd, struct termios *saved)
{
    struct termios t;

    if ( tcgetattr(fd, saved) )
        return false;
    t = *saved;
    cfmakeraw(&t);
    return tcsetattr(fd, TCSANOW, &t) == 0;
}

void term_restore(int fd, const struct termios *saved)
{
    tcsetattr(fd, TCSANOW, saved);
}
