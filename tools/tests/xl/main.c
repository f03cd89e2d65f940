/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xl tests: libxlutil's xl.cfg parser, xl's guest configuration and
 * "xl list" output.  Prints a line per case and "xl: N passed, N failed".
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    return remove(path);
}

static void after_each(void)
{
    run_end();
    guest_cleanup();
}

int main(void)
{
    size_t n = cfg_ncases + guest_ncases + list_ncases + fuzz_ncases;
    struct test_case *all = malloc(n * sizeof(*all));
    int rc;

    strcpy(tmp_dir, "/tmp/xl-test-XXXXXX");
    if ( !all || !mkdtemp(tmp_dir) ) {
        printf("FAIL setup: no memory or no temporary folder\n");
        printf("xl: 0 passed, 1 failed\n");
        return 1;
    }
    memcpy(all, cfg_cases, cfg_ncases * sizeof(*all));
    memcpy(all + cfg_ncases, guest_cases, guest_ncases * sizeof(*all));
    memcpy(all + cfg_ncases + guest_ncases, list_cases,
           list_ncases * sizeof(*all));
    memcpy(all + cfg_ncases + guest_ncases + list_ncases, fuzz_cases,
           fuzz_ncases * sizeof(*all));

    rc = test_run("xl", all, n, after_each);

    nftw(tmp_dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
    free(all);
    return rc;
}
