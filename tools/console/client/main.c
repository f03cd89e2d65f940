/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenconsole [--type pv|serial|vuart] [--num N] [--start-notify-fd FD]
 *            DOMID
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <xen/xen.h>

#include "client.h"

enum console_type { TYPE_DEFAULT, TYPE_PV, TYPE_SERIAL, TYPE_VUART };

volatile int stop_requested;

static struct termios stdin_saved;

void say(int err, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "xenconsole: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if ( err )
        fprintf(stderr, ": %s", strerror(err));
    fputc('\n', stderr);
}

void die(int code, int err, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "xenconsole: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if ( err )
        fprintf(stderr, ": %s", strerror(err));
    fputc('\n', stderr);
    exit(code ? code : 1);
}

static void usage(const char *program)
{
    printf(
"Usage: %s [OPTION] DOMID\n"
"Attaches to a virtual domain console (Ctrl-] leaves)\n"
"\n"
"  -h, --help            display this help and exit\n"
"  -n, --num N           use console number N\n"
"      --type TYPE       console type: pv, serial or vuart\n"
"      --start-notify-fd N  write a zero byte to file descriptor N once\n"
"                        attached\n", program);
}

static void __attribute__((noreturn)) bad_usage(const char *program,
                                                const char *fmt,
                                                const char *arg)
{
    fprintf(stderr, "xenconsole: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry `%s --help' for more information.\n", program);
    exit(EINVAL);
}

static void on_signal(int sig)
{
    stop_requested = 1;
}

static void restore_stdin(void)
{
    term_restore(STDIN_FILENO, &stdin_saved);
}

static unsigned long number(const char *program, const char *what,
                            const char *s, unsigned long max)
{
    unsigned long n;
    char *end;

    errno = 0;
    n = strtoul(s, &end, 10);
    if ( !*s || *end || errno || *s == '-' || n > max )
        bad_usage(program, what, s);
    return n;
}

/* The node holding the pty's path, or NULL when out of memory. */
static char *tty_node(struct xs_handle *xs, const char *dom_path,
                      enum console_type type, unsigned int num)
{
    char *path = NULL, *val;

    /* A serial console only if there is one; else the PV one, as Xen. */
    if ( type == TYPE_SERIAL ) {
        if ( asprintf(&path, "%s/serial/%u/tty", dom_path, num) < 0 )
            return NULL;
        val = xs_read(xs, XBT_NULL, path, NULL);
        if ( val ) {
            free(val);
            return path;
        }
        free(path);
        path = NULL;
    }
    if ( type == TYPE_VUART ) {
        if ( asprintf(&path, "%s/vuart/0/tty", dom_path) < 0 )
            return NULL;
        return path;
    }
    if ( num == 0 ) {
        if ( asprintf(&path, "%s/console/tty", dom_path) < 0 )
            return NULL;
    } else if ( asprintf(&path, "%s/device/console/%u/tty", dom_path,
                         num) < 0 ) {
        return NULL;
    }
    return path;
}

static void notify_start(int fd)
{
    ssize_t n;

    do
        n = write(fd, "", 1);
    while ( n == 0 || (n < 0 && errno == EINTR) );
    if ( n < 0 )
        die(errno, errno, "Could not notify parent with fd %d", fd);
    close(fd);
}

int main(int argc, char **argv)
{
    static const struct option long_options[] = {
        { "type", required_argument, NULL, 't' },
        { "num", required_argument, NULL, 'n' },
        { "help", no_argument, NULL, 'h' },
        { "start-notify-fd", required_argument, NULL, 's' },
        { "interactive", no_argument, NULL, 'i' },
        { NULL, 0, NULL, 0 },
    };
    enum console_type type = TYPE_DEFAULT;
    unsigned int domid, num = 0;
    int opt, notify_fd = -1, pty_fd;
    char *dom_path, *node, *pty_path;
    bool interactive = false;
    struct xs_handle *xs;
    struct termios pty_saved;
    struct sigaction sa = { .sa_handler = on_signal };

    opterr = 0;
    while ( (opt = getopt_long(argc, argv, ":hn:", long_options,
                               NULL)) != -1 ) {
        switch ( opt ) {
        case 'h':
            usage(argv[0]);
            return 0;
        case 'n':
            num = number(argv[0], "Invalid console number `%s'", optarg,
                         255);
            break;
        case 't':
            if ( !strcmp(optarg, "pv") )
                type = TYPE_PV;
            else if ( !strcmp(optarg, "serial") )
                type = TYPE_SERIAL;
            else if ( !strcmp(optarg, "vuart") )
                type = TYPE_VUART;
            else
                bad_usage(argv[0], "Invalid type argument `%s' (console"
                          " types supported are: serial, pv, vuart)",
                          optarg);
            break;
        case 's':
            notify_fd = number(argv[0], "Invalid file descriptor `%s'",
                               optarg, 65535);
            break;
        case 'i':
            interactive = true;
            break;
        case ':':
            bad_usage(argv[0], "Option %s needs a value", argv[optind - 1]);
        default:
            bad_usage(argv[0], "Invalid argument %s", argv[optind - 1]);
        }
    }
    if ( optind >= argc )
        bad_usage(argv[0], "DOMID should be specified%s", "");
    if ( optind + 1 < argc )
        bad_usage(argv[0], "Unexpected argument `%s'", argv[optind + 1]);
    domid = number(argv[0], "Invalid DOMID `%s'", argv[optind],
                   DOMID_FIRST_RESERVED - 1);
    /* dom0's console is the hypervisor's: nothing would ever show here. */
    if ( domid == 0 )
        die(EINVAL, 0, "Can't specify Domain-0");

    xs = xs_open(0);
    if ( !xs )
        die(errno, errno, "Could not contact XenStore");
    /* No SA_RESTART: a signal must interrupt the wait in poll(). */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    dom_path = xs_get_domain_path(xs, domid);
    if ( !dom_path )
        die(errno, errno, "xs_get_domain_path()");
    node = tty_node(xs, dom_path, type, num);
    if ( !node )
        die(ENOMEM, ENOMEM, "Out of memory");
    free(dom_path);

    console_lock(domid);
    if ( !xs_watch(xs, node, "tty") )
        die(errno, errno, "Can't set watch for console pty");
    /* xenconsoled may not have seen a guest that was just created. */
    pty_fd = pty_wait_open(xs, node, PTY_WAIT_SECONDS, &pty_path);
    if ( pty_fd < 0 )
        die(errno, errno, "Could not read tty from store (%s, waited %d s;"
            " is xenconsoled running and domain %u there?)", node,
            PTY_WAIT_SECONDS, domid);

    term_make_raw(pty_fd, &pty_saved);
    if ( isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) ) {
        interactive = true;
        if ( term_make_raw(STDIN_FILENO, &stdin_saved) )
            atexit(restore_stdin);
    }
    if ( notify_fd >= 0 )
        notify_start(notify_fd);

    copy_loop(xs, node, pty_fd, pty_path, interactive);

    free(node);
    xs_close(xs);
    return 0;
}
