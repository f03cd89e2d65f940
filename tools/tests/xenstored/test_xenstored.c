/* SPDX-License-Identifier: GPL-2.0-only */
/* test-xenstored: the daemon, driven over its socket with raw messages. */
#include "suites.h"

static const struct suite *const suites[] = {
    &suite_nodes, &suite_malformed, &suite_perms, &suite_watch,
    &suite_transaction, &suite_quota, &suite_domain, &suite_control,
    &suite_daemon,
};

int main(void)
{
    return run_suites("test-xenstored", suites,
                      sizeof(suites) / sizeof(suites[0]));
}
