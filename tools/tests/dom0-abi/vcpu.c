/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vCPUs: taking the last vCPU offline and back online through sysfs (PSCI
 * CPU_OFF and CPU_ON underneath), once and then in a loop, and the vcpu_op
 * sub-ops Arm refuses.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <xen/vcpu.h>

#include "dom0-abi.h"

#define CPU_DIR "/sys/devices/system/cpu/"
#define HOTPLUG_CYCLES 30

/* Online CPUs, from a list such as "0-3,5". */
static int online_cpus(void)
{
    char buf[256], *p = buf;
    FILE *f = fopen(CPU_DIR "online", "r");
    int n = 0;

    if ( !f )
        return -1;
    if ( !fgets(buf, sizeof(buf), f) )
        buf[0] = '\0';
    fclose(f);
    while ( *p && *p != '\n' ) {
        int lo, hi, used;

        if ( sscanf(p, "%d-%d%n", &lo, &hi, &used) == 2 )
            n += hi - lo + 1;
        else if ( sscanf(p, "%d%n", &lo, &used) == 1 )
            n++;
        else
            break;
        p += used;
        if ( *p == ',' )
            p++;
    }
    return n;
}

static bool wait_online(int want)
{
    int i;

    for ( i = 0; i < 50 && online_cpus() != want; i++ )
        usleep(100000);
    return online_cpus() == want;
}

void test_vcpu_hotplug(void)
{
    int n = online_cpus(), i;
    char path[64];
    long v;

    check_rc("vcpu-op-is-up-refused", hypercall(__HYPERVISOR_vcpu_op,
                                                VCPUOP_is_up, 0, 0), -EINVAL);
    check_rc("vcpu-op-bad-vcpu", hypercall(__HYPERVISOR_vcpu_op,
                                           VCPUOP_register_vcpu_info, 4096,
                                           BAD_PTR), -ENOENT);
    check_rc("vcpu-op-register-bad-pointer",
             hypercall(__HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info, 0,
                       BAD_PTR), -EFAULT);
    if ( n < 2 ) {
        printf("dom0-abi: one vCPU: no vCPU to take offline\n");
        return;
    }
    snprintf(path, sizeof(path), CPU_DIR "cpu%d/online", n - 1);
    check("vcpu-offline", sysfs_write(path, "0") && wait_online(n - 1) &&
          sysfs_read_long(path, &v) && v == 0, "cpu%d: %d online now",
          n - 1, online_cpus());
    check("vcpu-online", sysfs_write(path, "1") && wait_online(n) &&
          sysfs_read_long(path, &v) && v == 1, "cpu%d: %d online now",
          n - 1, online_cpus());
    /*
     * Each cycle has both vCPUs block and wake around PSCI calls: a wake-up
     * lost there (it happened) leaves dom0 asleep within a few cycles.
     */
    for ( i = 0; i < HOTPLUG_CYCLES; i++ )
        if ( !sysfs_write(path, "0") || !wait_online(n - 1) ||
             !sysfs_write(path, "1") || !wait_online(n) )
            break;
    check("vcpu-hotplug-cycles", i == HOTPLUG_CYCLES, "%d of %d cycles",
          i, HOTPLUG_CYCLES);
}
