/* SPDX-License-Identifier: GPL-2.0-only */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

struct options opts;

enum { OPT_LOG = 256, OPT_LOG_DIR, OPT_PID_FILE, OPT_REPLACE_ESCAPE };

static const struct option long_options[] = {
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { "verbose", no_argument, NULL, 'v' },
    { "interactive", no_argument, NULL, 'i' },
    { "log", required_argument, NULL, OPT_LOG },
    { "log-dir", required_argument, NULL, OPT_LOG_DIR },
    { "pid-file", required_argument, NULL, OPT_PID_FILE },
    { "timestamp", required_argument, NULL, 't' },
    { "overflow-data", required_argument, NULL, 'o' },
    { "replace-escape", no_argument, NULL, OPT_REPLACE_ESCAPE },
    { NULL, 0, NULL, 0 },
};

static void usage(void)
{
    printf(
"Usage: xenconsoled [options]\n"
"Serves the PV consoles of guests on ptys (their paths in xenstore, at\n"
"/local/domain/<domid>/console/tty).\n"
"\n"
"  -h, --help               show this and exit\n"
"  -V, --version            show the version and exit\n"
"  -v, --verbose            log debug messages too, and copy the log to\n"
"                           stderr\n"
"  -i, --interactive        stay in the foreground\n"
"      --log=none|guest|hv|all  what to log to files: guest consoles go to\n"
"                           <dir>/guest-<name>.log (hv is not supported\n"
"                           yet)\n"
"      --log-dir=DIR        where the log files go (default\n"
"                           " DEFAULT_LOG_DIR ")\n"
"      --pid-file=PATH      write the daemon's pid to PATH (default, once\n"
"                           in the background: " DEFAULT_PID_FILE ")\n"
"  -t, --timestamp=none|guest|hv|all  start the lines of those logs with\n"
"                           the date and time\n"
"  -o, --overflow-data=discard|keep  when a console's output is not read\n"
"                           and its buffer (console/limit bytes) is full:\n"
"                           drop the middle of it (discard, the default) or\n"
"                           stop taking the guest's output (keep)\n"
"      --replace-escape     write ESC characters to logs as '.'\n"
"\n"
"Signals: TERM and INT stop the daemon, HUP reopens the log files.\n");
}

static void __attribute__((noreturn)) bad(const char *fmt, const char *arg)
{
    fprintf(stderr, "xenconsoled: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry `xenconsoled --help' for more information.\n");
    exit(1);
}

/* "none", "guest", "hv" or "all" into the two flags. */
static void which_logs(const char *opt, const char *arg, bool *guest,
                       bool *hv)
{
    if ( !strcmp(arg, "none") )
        *guest = *hv = false;
    else if ( !strcmp(arg, "guest") )
        *guest = true, *hv = false;
    else if ( !strcmp(arg, "hv") )
        *guest = false, *hv = true;
    else if ( !strcmp(arg, "all") )
        *guest = *hv = true;
    else
        bad(opt, arg);
}

void options_parse(int argc, char **argv)
{
    int opt;

    opts = (struct options){ .log_dir = DEFAULT_LOG_DIR };
    /* Errors are reported below, in one voice. */
    opterr = 0;
    while ( (opt = getopt_long(argc, argv, ":hVvit:o:", long_options,
                               NULL)) != -1 ) {
        switch ( opt ) {
        case 'h':
            usage();
            exit(0);
        case 'V':
            printf("xenconsoled (Xen-compatible console daemon) 3.0\n");
            exit(0);
        case 'v': opts.verbose = true; break;
        case 'i': opts.interactive = true; break;
        case OPT_LOG:
            which_logs("--log takes none, guest, hv or all, not \"%s\"",
                       optarg, &opts.log_guest, &opts.log_hv);
            break;
        case OPT_LOG_DIR:
            if ( !*optarg )
                bad("--log-dir needs a directory%s", "");
            opts.log_dir = optarg;
            break;
        case OPT_PID_FILE:
            if ( !*optarg )
                bad("--pid-file needs a path%s", "");
            opts.pid_file = optarg;
            break;
        case 't':
            which_logs("--timestamp takes none, guest, hv or all, not \"%s\"",
                       optarg, &opts.timestamp_guest, &opts.timestamp_hv);
            break;
        case 'o':
            if ( !strcmp(optarg, "keep") )
                opts.keep_overflow = true;
            else if ( !strcmp(optarg, "discard") )
                opts.keep_overflow = false;
            else
                bad("--overflow-data takes discard or keep, not \"%s\"",
                    optarg);
            break;
        case OPT_REPLACE_ESCAPE: opts.replace_escape = true; break;
        case ':':
            bad("option %s needs a value", argv[optind - 1]);
        default:
            if ( optopt ) {
                char name[3] = { '-', (char)optopt, '\0' };

                bad("unknown option %s", name);
            }
            bad("unknown option %s", argv[optind - 1]);
        }
    }
    if ( optind < argc )
        bad("unexpected argument \"%s\"", argv[optind]);
}
