/* SPDX-License-Identifier: GPL-2.0-only */
/* The suites of test-xenstored, which drive a running daemon. */
#ifndef XENSTORED_TEST_SUITES_H
#define XENSTORED_TEST_SUITES_H

#include "harness.h"

extern const struct suite suite_nodes;
extern const struct suite suite_malformed;
extern const struct suite suite_perms;
extern const struct suite suite_watch;
extern const struct suite suite_transaction;
extern const struct suite suite_quota;
extern const struct suite suite_domain;
extern const struct suite suite_control;
extern const struct suite suite_daemon;

#endif
