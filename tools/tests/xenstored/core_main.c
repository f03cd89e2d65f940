/* SPDX-License-Identifier: GPL-2.0-only */
/* test-core: the daemon's code in-process. */
#include "core.h"

static const struct suite *const suites[] = {
    &suite_libs, &suite_ring, &suite_conn, &suite_fuzz,
};

int main(void)
{
    return run_suites("test-core", suites, sizeof(suites) / sizeof(suites[0]));
}
