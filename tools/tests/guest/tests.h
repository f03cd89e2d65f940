/* SPDX-License-Identifier: GPL-2.0-only */
/* The groups of cases of the domain builder's host tests. */
#ifndef GUEST_TESTS_H
#define GUEST_TESTS_H

#include "harness.h"

extern const struct test_case kernel_cases[], layout_cases[], dt_cases[];
extern const size_t nr_kernel_cases, nr_layout_cases, nr_dt_cases;

#endif
