/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The command line, with Xen 4.17's option names.  The parsed settings
 * are global: every part of the daemon reads them, none changes them.
 */
#ifndef CONSOLED_OPTIONS_H
#define CONSOLED_OPTIONS_H

#include <stdbool.h>

#define DEFAULT_LOG_DIR  "/var/log/xen/console"
#define DEFAULT_PID_FILE "/var/run/xen/xenconsoled.pid"

struct options {
    bool interactive;           /* -i: stay in the foreground */
    bool verbose;               /* -v: debug messages, copied to stderr */
    bool log_guest;             /* --log=guest|all */
    bool log_hv;                /* --log=hv|all (not served yet) */
    bool timestamp_guest;       /* -t guest|all */
    bool timestamp_hv;          /* -t hv|all */
    bool keep_overflow;         /* -o keep: throttle instead of dropping */
    bool replace_escape;        /* --replace-escape: ESC as '.' in logs */
    const char *log_dir;
    const char *pid_file;       /* NULL: the default, when daemonized */
};

extern struct options opts;

/* Exits on --help and --version (0) and on errors (1). */
void options_parse(int argc, char **argv);

#endif
