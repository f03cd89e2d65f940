/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XS_CONTROL (formerly XS_DEBUG), privileged only: the first string names
 * a command, as xenstore-control sends it; see "help".
 */
#ifndef XENSTORED_CONTROL_H
#define XENSTORED_CONTROL_H

#include <stdbool.h>

struct request;

/* --test-become: "become <domid>" turns a socket into that domain. */
extern bool control_become;

int do_control(struct request *req);

#endif
