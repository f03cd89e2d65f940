/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op: the reservation queries and their errors, and the balloon
 * driver giving memory back and taking it again through
 * /sys/devices/system/xen_memory/xen_memory0/target_kb.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xen/memory.h>

#include "dom0-abi.h"

#define BALLOON_DIR     "/sys/devices/system/xen_memory/xen_memory0/"
#define BALLOON_WAIT_MS 120000
/* MemTotal also moves by what the kernel reserves or frees meanwhile. */
#define SLACK_KB        256

static long memory_op(unsigned int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_memory_op, cmd, HC_PTR(arg), 0);
}

static long reservation_op(unsigned int cmd, xen_pfn_t *list, unsigned int nr,
                           unsigned int order)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr, .extent_order = order, .domid = DOMID_SELF,
    };

    r.extent_start.p = list;
    return memory_op(cmd, &r);
}

void test_memory(void)
{
    struct hv_counters c;
    domid_t self = DOMID_SELF, nobody = 0x1234;
    struct xen_add_to_physmap atp = { .domid = DOMID_SELF };
    xen_pfn_t gfn = 0;
    long cur, max;

    cur = memory_op(XENMEM_current_reservation, &self);
    max = memory_op(XENMEM_maximum_reservation, &self);
    check("memory-current-reservation", hv_counters_read(&c) && cur == c.pages,
          "%ld pages (hypervisor counts %ld)", cur, c.pages);
    check("memory-maximum-reservation", max >= cur, "%ld pages", max);
    check("memory-maximum-ram-page", memory_op(XENMEM_maximum_ram_page, NULL) > 0,
          "");
    check_rc("memory-reservation-no-domain",
             memory_op(XENMEM_current_reservation, &nobody), -ESRCH);
    check_rc("memory-reservation-bad-pointer",
             memory_op(XENMEM_current_reservation, (void *)BAD_PTR), -EFAULT);
    check_rc("memory-unknown-op", memory_op(50, &self), -ENOSYS);
    /* As on Xen for Arm: the e820-style maps are x86's. */
    check_rc("memory-memory-map", memory_op(XENMEM_memory_map, &self), -ENOSYS);

    /* Errors in the extents: no extent done, as Xen counts them. */
    check_rc("memory-decrease-bad-extent-list",
             reservation_op(XENMEM_decrease_reservation, (void *)BAD_PTR, 1, 0), 0);
    check_rc("memory-populate-foreign-frame",
             reservation_op(XENMEM_populate_physmap, &gfn, 1, 0), 0);
    check_rc("memory-populate-huge-order",
             reservation_op(XENMEM_populate_physmap, &gfn, 1, 30), 0);
    check_rc("memory-decrease-unmapped",
             reservation_op(XENMEM_decrease_reservation, &gfn, 1, 0), 0);

    atp.space = XENMAPSPACE_shared_info;
    atp.idx = 1;
    atp.gpfn = 0;
    check_rc("memory-add-to-physmap-bad-idx", memory_op(XENMEM_add_to_physmap, &atp),
             -EINVAL);
    atp.space = 99;
    atp.idx = 0;
    check_rc("memory-add-to-physmap-bad-space",
             memory_op(XENMEM_add_to_physmap, &atp), -ENOSYS);
}

static long meminfo_kb(const char *field)
{
    char line[128];
    long kb = -1;
    FILE *f = fopen("/proc/meminfo", "r");

    if ( !f )
        return -1;
    while ( fgets(line, sizeof(line), f) )
        if ( !strncmp(line, field, strlen(field)) &&
             sscanf(line + strlen(field), " %ld", &kb) == 1 )
            break;
    fclose(f);
    return kb;
}

/* Sets the balloon target and waits until the driver has reached it. */
static bool balloon_to(long target_kb, long *current_kb, uint64_t *ms)
{
    char val[32];
    uint64_t start = now_ms();

    snprintf(val, sizeof(val), "%ld", target_kb);
    if ( !sysfs_write(BALLOON_DIR "target_kb", val) )
        return false;
    while ( now_ms() - start < BALLOON_WAIT_MS ) {
        if ( sysfs_read_long(BALLOON_DIR "info/current_kb", current_kb) &&
             *current_kb == target_kb )
            break;
        usleep(100000);
    }
    *ms = now_ms() - start;
    return *current_kb == target_kb;
}

void test_balloon(long mib)
{
    long target0, current0, current, total0, total1, total2;
    uint64_t ms;

    if ( !check("balloon-sysfs", sysfs_read_long(BALLOON_DIR "target_kb", &target0) &&
                sysfs_read_long(BALLOON_DIR "info/current_kb", &current0),
                "%s", BALLOON_DIR) )
        return;
    total0 = meminfo_kb("MemTotal:");
    check("balloon-down", balloon_to(target0 - mib * 1024, &current, &ms),
          "target %ld kB -> %ld kB, now %ld kB, after %llu ms", target0,
          target0 - mib * 1024, current, (unsigned long long)ms);
    total1 = meminfo_kb("MemTotal:");
    check("balloon-down-memtotal", labs(total0 - mib * 1024 - total1) <= SLACK_KB,
          "MemTotal %ld kB -> %ld kB", total0, total1);
    check("balloon-up", balloon_to(target0, &current, &ms),
          "back to %ld kB, now %ld kB, after %llu ms", target0, current,
          (unsigned long long)ms);
    total2 = meminfo_kb("MemTotal:");
    check("balloon-up-memtotal", labs(total2 - total0) <= SLACK_KB,
          "MemTotal %ld kB -> %ld kB", total1, total2);
}
