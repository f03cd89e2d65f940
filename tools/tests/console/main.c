/* SPDX-License-Identifier: GPL-2.0-only */
/* test-console: every console case, in one run. */
#include <signal.h>

#include "tests.h"

int main(void)
{
    static const struct suite *const suites[] = {
        &suite_units, &suite_daemon, &suite_client,
    };

    signal(SIGPIPE, SIG_IGN);
    return run_suites(suites, sizeof(suites) / sizeof(suites[0]));
}
