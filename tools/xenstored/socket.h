/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Unix socket the tools in dom0 connect to.  Its connections have
 * dom0's rights and the home /local/domain/0; 4.17 has no read-only
 * socket any more, and neither has this.
 */
#ifndef XENSTORED_SOCKET_H
#define XENSTORED_SOCKET_H

/* Creates the socket's directory if needed: the listening fd, or -errno. */
int socket_listen(const char *path);
/* Takes one waiting connection: errno. */
int socket_accept(int listen_fd);

#endif
