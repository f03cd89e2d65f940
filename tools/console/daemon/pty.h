/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A console's pty.  The daemon keeps the slave side open as well as the
 * master: then the master never sees a hang-up when a client detaches,
 * and output waits in the pty (then in the console's buffer) until the
 * next client comes.
 */
#ifndef CONSOLED_PTY_H
#define CONSOLED_PTY_H

#include <stddef.h>

struct pty {
    int master, slave;          /* -1 when closed */
    char name[64];              /* the slave's path, as clients open it */
};

/*
 * A new pty: the slave in raw mode (bytes pass unchanged both ways), the
 * master non-blocking.  0 or an errno value, with both fds -1 then.
 */
int pty_open(struct pty *pty);
void pty_close(struct pty *pty);

#endif
