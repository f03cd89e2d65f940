/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0-abi: runs the groups of checks, then checks that everything they
 * took from the hypervisor (dom0's pages, ports, grant mappings, heap) is
 * back.
 *
 * Usage: dom0-abi [--events fifo|2l] [--balloon-mib N] | --isolation |
 *                 --free-pages
 *   --events       the event ABI Linux was told to use (default fifo)
 *   --balloon-mib  how far to balloon down and up (default 64; 0: not at all)
 *   --isolation    run in a domU instead: what it must be refused
 *   --free-pages   print the hypervisor's free pages, plus the stage-2
 *                  table pages dom0 holds, and exit
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xen-sys/Linux/privcmd.h>

#include "dom0-abi.h"

static int privcmd_fd = -1;
static unsigned int failures;

bool check(const char *name, bool cond, const char *fmt, ...)
{
    va_list ap;

    printf("CHECK %s: %s", name, cond ? "ok" : "FAIL");
    if ( fmt && *fmt ) {
        putchar(' ');
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
    }
    putchar('\n');
    fflush(stdout);
    if ( !cond )
        failures++;
    return cond;
}

bool check_rc(const char *name, long got, long want)
{
    return check(name, got == want, "returned %ld%s, expected %ld%s",
                 got, got < 0 ? " (-errno)" : "", want,
                 want < 0 ? " (-errno)" : "");
}

bool check_errno(const char *name, bool cond, const char *what)
{
    return check(name, cond, "%s%s%s", what, cond || !*what ? "" : ": ",
                 cond ? "" : strerror(errno));
}

long hypercall(unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3)
{
    struct privcmd_hypercall h = { .op = op, .arg = { a1, a2, a3 } };
    long rc = ioctl(privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return rc < 0 ? -errno : rc;
}

bool sysfs_read_long(const char *path, long *val)
{
    FILE *f = fopen(path, "r");
    bool ok;

    if ( !f )
        return false;
    ok = fscanf(f, "%ld", val) == 1;
    fclose(f);
    return ok;
}

bool sysfs_write(const char *path, const char *val)
{
    int fd = open(path, O_WRONLY);
    ssize_t n;

    if ( fd < 0 )
        return false;
    n = write(fd, val, strlen(val));
    close(fd);
    return n == (ssize_t)strlen(val);
}

uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

/*
 * For the guests' flight steps: the hypervisor's free pages, exactly
 * (xl info rounds to MiB), plus the stage-2 table pages dom0 holds.
 * Those grow where dom0 lends its ballooned-out frames to foreign
 * mappings, which depends on the frames Linux picks, and stay, as on
 * Xen: counting them makes a guest's pages coming back a stable fact.
 */
static int print_free_pages(void)
{
    struct hv_counters c;

    if ( !hv_counters_read(&c) ) {
        fprintf(stderr, "dom0-abi: cannot read the hypervisor's counters\n");
        return 1;
    }
    printf("%ld\n", c.heap_free + c.p2m_tables);
    return 0;
}

static void check_nothing_lost(const struct hv_counters *before)
{
    struct hv_counters after;

    if ( !check("counters-after", hv_counters_read(&after), "") )
        return;
    /*
     * The heap is not compared: like Xen, the hypervisor keeps what a
     * domain's tables grew to (event-channel buckets, grant and maptrack
     * frames) until the domain dies.
     */
    check("nothing-lost",
          after.pages == before->pages && after.ports == before->ports &&
          after.grant_maps == before->grant_maps,
          "pages %ld -> %ld, ports %ld -> %ld, grant mappings %ld -> %ld "
          "(free heap pages %ld -> %ld)", before->pages, after.pages,
          before->ports, after.ports, before->grant_maps, after.grant_maps,
          before->heap_free, after.heap_free);
}

int main(int argc, char **argv)
{
    struct hv_counters before;
    long balloon_mib = 64;
    bool isolation = false, free_pages = false;
    int i;

    for ( i = 1; i < argc; i++ ) {
        if ( !strcmp(argv[i], "--balloon-mib") && i + 1 < argc ) {
            balloon_mib = strtol(argv[++i], NULL, 0);
        } else if ( !strcmp(argv[i], "--events") && i + 1 < argc &&
                    (!strcmp(argv[i + 1], "fifo") || !strcmp(argv[i + 1], "2l")) ) {
            events_fifo = !strcmp(argv[++i], "fifo");
        } else if ( !strcmp(argv[i], "--isolation") ) {
            isolation = true;
        } else if ( !strcmp(argv[i], "--free-pages") ) {
            free_pages = true;
        } else {
            fprintf(stderr, "usage: %s [--events fifo|2l] [--balloon-mib N] "
                    "| --isolation | --free-pages\n", argv[0]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);

    privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if ( free_pages && privcmd_fd < 0 ) {
        perror("dom0-abi: /dev/xen/privcmd");
        return 1;
    }
    if ( !free_pages &&
         !check_errno("privcmd-open", privcmd_fd >= 0, "/dev/xen/privcmd") )
        return 1;
    /*
     * The hypervisor reads hypercall arguments through dom0's page tables:
     * they must be present, as libxencall makes sure with its own buffers.
     */
    if ( mlockall(MCL_CURRENT | MCL_FUTURE) )
        fprintf(stderr, "dom0-abi: mlockall: %s\n", strerror(errno));
    if ( free_pages )
        return print_free_pages();

    if ( isolation ) {
        test_isolation();
        printf("dom0-abi: %u check(s) failed\n", failures);
        return failures > 255 ? 255 : (int)failures;
    }

    /*
     * First, as it grows the hypervisor's port table for good; it checks
     * its own ports come back.
     */
    test_evtchn_limits();

    if ( !check("counters-before", hv_counters_read(&before),
                "pages %ld, ports %ld, grant mappings %ld, free heap pages %ld",
                before.pages, before.ports, before.grant_maps,
                before.heap_free) )
        return 1;

    test_version();
    test_bad_hypercalls();
    test_domctl();
    test_evtchn();
    test_gnttab();
    test_memory();
    if ( balloon_mib )
        test_balloon(balloon_mib);
    test_vcpu_hotplug();

    check_nothing_lost(&before);
    printf("dom0-abi: %u check(s) failed\n", failures);
    return failures > 255 ? 255 : (int)failures;
}
