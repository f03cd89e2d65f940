/* SPDX-License-Identifier: GPL-2.0-only */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/io/xs_wire.h>

#include "control.h"
#include "domain.h"
#include "introduce.h"
#include "options.h"
#include "quota.h"

#define DEFAULT_RUNDIR "/var/run/xenstored"

enum { OPT_SOCKET_PATH = 256, OPT_TEST_BECOME };

static const struct option long_options[] = {
    { "no-domain-init", no_argument, NULL, 'D' },
    { "entry-nb", required_argument, NULL, 'E' },
    { "pid-file", required_argument, NULL, 'F' },
    { "help", no_argument, NULL, 'H' },
    { "internal-db", optional_argument, NULL, 'I' },
    { "keep-orphans", no_argument, NULL, 'K' },
    { "no-fork", no_argument, NULL, 'N' },
    { "output-pid", no_argument, NULL, 'P' },
    { "entry-size", required_argument, NULL, 'S' },
    { "trace-file", required_argument, NULL, 'T' },
    { "transaction", required_argument, NULL, 't' },
    { "perm-nb", required_argument, NULL, 'A' },
    { "path-max", required_argument, NULL, 'M' },
    { "priv-domid", required_argument, NULL, 'p' },
    { "quota", required_argument, NULL, 'Q' },
    { "quota-soft", required_argument, NULL, 'q' },
    { "timeout", required_argument, NULL, 'w' },
    { "verbose", no_argument, NULL, 'V' },
    { "watch-nb", required_argument, NULL, 'W' },
    { "socket-path", required_argument, NULL, OPT_SOCKET_PATH },
    { "test-become", no_argument, NULL, OPT_TEST_BECOME },
    { NULL, 0, NULL, 0 },
};

static void usage(void)
{
    printf(
"Usage: xenstored [options]\n"
"\n"
"  -D, --no-domain-init     do not connect dom0's kernel (its ring from\n"
"                           /proc/xen/xsd_kva and xsd_port)\n"
"  -F, --pid-file <file>    write the daemon's pid to file\n"
"  -H, --help               show this and exit\n"
"  -N, --no-fork            stay in the foreground, logging to stderr too\n"
"  -P, --output-pid         print the daemon's pid once it is ready\n"
"  -T, --trace-file <file>  log, and trace every message, to file\n"
"  -V, --verbose            trace every message to stderr\n"
"  -E, --entry-nb <nb>      nodes a domain may own (default 1000)\n"
"  -S, --entry-size <size>  bytes a node may take (default 2048)\n"
"  -W, --watch-nb <nb>      watches a domain may set (default 128)\n"
"  -t, --transaction <nb>   transactions a domain may open (default 10)\n"
"  -A, --perm-nb <nb>       permissions a domain may give a node (default 5)\n"
"  -M, --path-max <chars>   longest node path below a domain's home\n"
"                           (default and most 2048)\n"
"  -Q, --quota <what>=<nb>  set any quota CONTROL quota lists, such as\n"
"                           outstanding (requests a domain may have\n"
"                           waiting, 20), transaction-nodes (nodes one\n"
"                           transaction may touch, 1024) or memory (bytes\n"
"                           a domain may hold before it is not served,\n"
"                           2621440)\n"
"  -q, --quota-soft <what>=<nb>  warn when a domain exceeds it: memory\n"
"                           (default 2097152)\n"
"  -w, --timeout watch-event=<seconds>  how long a domain's watch event\n"
"                           may wait to be read (default 20; 0: ever)\n"
"  -K, --keep-orphans       give a released domain's nodes to the\n"
"                           privileged domain instead of removing them\n"
"  -p, --priv-domid <domid> a domain that has dom0's rights\n"
"  -I, --internal-db [on|off]  accepted; the store is always in memory\n"
"      --socket-path <path> the socket to listen on (default\n"
"                           $XENSTORED_PATH, else $XENSTORED_RUNDIR/socket,\n"
"                           else " DEFAULT_RUNDIR "/socket)\n"
"      --test-become        for tests only: CONTROL \"become <domid>\" makes\n"
"                           a socket connection act as that domain\n"
"\n"
"Signals: TERM and INT stop the daemon, HUP reopens the trace file.\n");
}

static void fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "xenstored: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see --help)\n");
    exit(1);
}

static int number(const char *arg)
{
    char *end;
    long val = strtol(arg, &end, 10);

    if ( !*arg || *end || val < 0 || val > INT_MAX )
        fail("invalid number \"%s\"", arg);
    return val;
}

/* "<what>=<value>": the value; what stays in arg, cut at the '='. */
static int assignment(char *arg)
{
    char *eq = strchr(arg, '=');

    if ( !eq )
        fail("\"%s\" is not <what>=<value>", arg);
    *eq = '\0';
    return number(eq + 1);
}

static void set_timeout(char *arg)
{
    int seconds = assignment(arg);

    if ( strcmp(arg, "watch-event") )
        fail("unknown timeout \"%s\"", arg);
    if ( (unsigned int)seconds > UINT_MAX / 1000 )
        fail("timeout %s too long", arg);
    watch_event_timeout_ms = seconds * 1000;
}

static const char *default_socket(void)
{
    static char path[PATH_MAX];
    const char *s = getenv("XENSTORED_PATH");

    if ( s )
        return s;
    s = getenv("XENSTORED_RUNDIR");
    snprintf(path, sizeof(path), "%s/socket", s ? s : DEFAULT_RUNDIR);
    return path;
}

void options_parse(int argc, char **argv, struct options *o)
{
    int opt, val;

    memset(o, 0, sizeof(*o));
    while ( (opt = getopt_long(argc, argv, "DE:F:HI::KNPS:T:t:A:M:p:Q:q:w:VW:",
                               long_options, NULL)) != -1 ) {
        switch ( opt ) {
        case 'D': o->no_domain_init = true; break;
        case 'F': o->pid_file = optarg; break;
        case 'H': usage(); exit(0);
        case 'I': break;
        case 'K': keep_orphans = true; break;
        case 'N': o->no_fork = true; break;
        case 'P': o->output_pid = true; break;
        case 'T': o->trace_file = optarg; break;
        case 'V': o->verbose = true; break;
        case 'E': quotas[QUOTA_NODES].val = number(optarg); break;
        case 'S': quotas[QUOTA_NODE_SIZE].val = number(optarg); break;
        case 'W': quotas[QUOTA_WATCHES].val = number(optarg); break;
        case 't': quotas[QUOTA_TRANSACTIONS].val = number(optarg); break;
        case 'A': quotas[QUOTA_PERMISSIONS].val = number(optarg); break;
        case 'M':
            val = number(optarg);
            quotas[QUOTA_PATH_MAX].val = val < XENSTORE_REL_PATH_MAX
                                         ? val : XENSTORE_REL_PATH_MAX;
            break;
        case 'p': priv_domid = number(optarg); break;
        case 'Q':
            val = assignment(optarg);
            if ( quota_set(quotas, NR_QUOTAS, optarg, val) )
                fail("unknown quota \"%s\"", optarg);
            break;
        case 'q':
            val = assignment(optarg);
            if ( quota_set(soft_quotas, NR_SOFT_QUOTAS, optarg, val) )
                fail("unknown soft quota \"%s\"", optarg);
            break;
        case 'w': set_timeout(optarg); break;
        case OPT_SOCKET_PATH: o->socket_path = optarg; break;
        case OPT_TEST_BECOME: control_become = true; break;
        default:
            /* getopt has said what is wrong. */
            fprintf(stderr, "see xenstored --help\n");
            exit(1);
        }
    }
    if ( optind != argc )
        fail("unexpected argument \"%s\"", argv[optind]);
    if ( !o->socket_path )
        o->socket_path = default_socket();
}
