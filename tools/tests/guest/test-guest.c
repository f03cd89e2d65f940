/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of libxenguest's pure parts: kernel reading, placement in
 * guest memory and the device tree.  DEBIAN_KERNEL names Debian's arm64
 * kernel for the cases that read a real one.
 */
#include "tests.h"

int main(void)
{
    const struct test_group groups[] = {
        { kernel_cases, nr_kernel_cases },
        { layout_cases, nr_layout_cases },
        { dt_cases, nr_dt_cases },
    };

    return test_run("guest", groups, ARRAY_SIZE(groups));
}
