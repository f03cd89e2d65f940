/* SPDX-License-Identifier: GPL-2.0-only */
/* XS_CONTROL's commands, and the trace file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "client.h"
#include "harness.h"
#include "suites.h"

static off_t file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) ? -1 : st.st_size;
}

static void help(void)
{
    const char *text = control(client_open(DAEMON()), "help", NULL);

    CHECK(strstr(text, "quota\t[set <name> <val>|<domid>]\n") &&
          strstr(text, "memreport\t[<file>]\n") &&
          strstr(text, "log\ton|off\n"), "help: %s", text);
}

static void trace_and_log(void)
{
    const char *trace = scratch_file("trace"), *other = scratch_file("other");
    struct client *c = client_open(DAEMON("-T", trace));
    off_t size;

    expect_string(call(c, XS_DIRECTORY, 0, ARGS("/tool")), "xenstored");
    CHECK(file_shows(trace, "DIRECTORY (/tool )"), "request not traced");
    CHECK(file_shows(trace, "DIRECTORY (xenstored )"), "reply not traced");
    control(c, "log", "off");
    sleep_ms(100);
    size = file_size(trace);
    xs_write(c, "/quiet", "");
    CHECK(file_size(trace) == size, "traced while off");
    control(c, "log", "on");
    xs_write(c, "/loud", "");
    CHECK(file_shows(trace, "WRITE (/loud )"), "not traced again");
    control(c, "logfile", other);
    xs_write(c, "/moved", "");
    CHECK(file_shows(other, "WRITE (/moved )"), "new trace file unused");
    expect_error(call(c, XS_CONTROL, 0, ARGS("log", "maybe")), "EINVAL");
}

static void memreport(void)
{
    const char *report = scratch_file("report"), *trace = scratch_file("t");
    struct client *c = client_open(DAEMON());

    /* 4.17's EBADF, which the wire has no name for. */
    expect_error(call(c, XS_CONTROL, 0, ARGS("memreport")), "EINVAL");
    control(c, "memreport", report);
    CHECK(file_shows(report, "store: 3 nodes,") &&
          file_shows(report, "domain 0: 3 nodes,"), "report wrong");
    c = client_open(DAEMON("-T", trace));
    control(c, "memreport", NULL);
    CHECK(file_shows(trace, "connections: 1,"), "not in the trace file");
}

static void print_and_check(void)
{
    struct daemon *d = DAEMON();
    struct client *c = client_open(d);

    control(c, "print", "marker-17");
    CHECK(daemon_logged(d, "control: marker-17"), "not printed");
    xs_write(c, "/a/b/c", "");
    xs_rm(c, "/a/b");
    control(c, "check", NULL);
    CHECK(daemon_logged(d, "check: 0 problems"), "check did not run");
    expect_error(call(c, XS_CONTROL, 0, ARGS("check", "x")), "EINVAL");
    expect_error(call(c, XS_CONTROL, 0, ARGS("print")), "EINVAL");
}

SUITE(suite_control, "control",
      { "help", help },
      { "trace_and_log", trace_and_log },
      { "memreport", memreport },
      { "print_and_check", print_and_check });
