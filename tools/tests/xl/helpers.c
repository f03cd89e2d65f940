/* SPDX-License-Identifier: GPL-2.0-only */
/* The configuration of the running case and the temporary files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static struct {
    XLU_Config *cfg;
    FILE *report;
    char *text;
    size_t len;
} run;

char tmp_dir[64];

XLU_Config *run_start(const char *filename)
{
    run_end();
    run.report = open_memstream(&run.text, &run.len);
    if ( !run.report )
        return NULL;
    run.cfg = xlu_cfg_init(run.report, filename);
    return run.cfg;
}

void run_end(void)
{
    xlu_cfg_destroy(run.cfg);
    run.cfg = NULL;
    if ( run.report )
        fclose(run.report);
    run.report = NULL;
    free(run.text);
    run.text = NULL;
    run.len = 0;
}

XLU_Config *run_config(void)
{
    return run.cfg;
}

const char *run_report(void)
{
    if ( !run.report )
        return "";
    fflush(run.report);
    return run.text ? run.text : "";
}

FILE *run_stream(void)
{
    return run.report;
}

int run_parse(const char *text, size_t len)
{
    if ( !run_start(TEST_CFG) )
        return ENOMEM;
    return xlu_cfg_readdata(run.cfg, text, len);
}

const char *report_is(const char *expected)
{
    const char *got = run_report();

    if ( strcmp(got, expected) )
        return test_fail("report \"%s\", not \"%s\"", got, expected);
    return NULL;
}

const char *parse_fails_len(const char *text, size_t len, int rc,
                            const char *report)
{
    int got = run_parse(text, len);

    if ( got != rc )
        return test_fail("parsing \"%.200s\" returned %d, not %d (%s)", text,
                         got, rc, run_report());
    return report_is(report);
}

const char *tmp_path(const char *name)
{
    static char path[256];

    snprintf(path, sizeof(path), "%s/%s", tmp_dir, name);
    return path;
}

const char *tmp_file(const char *name, const char *data, size_t len)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "w");

    if ( !f )
        return NULL;
    if ( fwrite(data, 1, len, f) != len ) {
        fclose(f);
        return NULL;
    }
    return fclose(f) ? NULL : path;
}
