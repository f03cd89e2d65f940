/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CONSOLE_TESTS_H
#define CONSOLE_TESTS_H

#include "harness.h"

extern const struct suite suite_units;
extern const struct suite suite_daemon;
extern const struct suite suite_client;

#endif
