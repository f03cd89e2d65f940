/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command line, with 4.17's option names.  Quotas, -K, -p, -w and
 * --test-become go straight to the settings they change.
 */
#ifndef XENSTORED_OPTIONS_H
#define XENSTORED_OPTIONS_H

#include <stdbool.h>

struct options {
    bool no_domain_init;        /* -D: no ring for dom0's own kernel */
    bool no_fork;               /* -N */
    bool output_pid;            /* -P */
    bool verbose;               /* -V */
    const char *pid_file;       /* -F */
    const char *trace_file;     /* -T */
    const char *socket_path;
};

/* Exits on --help (0) and on errors (1). */
void options_parse(int argc, char **argv, struct options *o);

#endif
