/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall table.  Numbers without a handler answer -ENOSYS, and the
 * first call of each such number is logged so a missing piece is visible.
 */
#include <xen/atomic.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/xen.h>

/* Adapters from five register arguments to each handler's own signature. */
#define H1(fn) static long h_##fn(uint64_t a, uint64_t b, uint64_t c, uint64_t d, \
                                  uint64_t e) { return do_##fn(a); }
#define H2(fn) static long h_##fn(uint64_t a, uint64_t b, uint64_t c, uint64_t d, \
                                  uint64_t e) { return do_##fn(a, b); }
#define H3(fn) static long h_##fn(uint64_t a, uint64_t b, uint64_t c, uint64_t d, \
                                  uint64_t e) { return do_##fn(a, b, c); }

H2(xen_version)
H3(console_io)
H2(sched_op)
H3(vcpu_op)
H2(memory_op)
H2(hvm_op)
H2(vm_assist)
H1(platform_op)
H1(sysctl)
H1(domctl)
H2(physdev_op)
H2(event_channel_op)

static long h_grant_table_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                             uint64_t e)
{
    return do_grant_table_op(a, b, c);
}

static const hypercall_fn_t hypercall_table[NR_hypercalls] = {
    [__HYPERVISOR_xen_version] = h_xen_version,
    [__HYPERVISOR_console_io] = h_console_io,
    [__HYPERVISOR_sched_op] = h_sched_op,
    [__HYPERVISOR_vcpu_op] = h_vcpu_op,
    [__HYPERVISOR_memory_op] = h_memory_op,
    [__HYPERVISOR_hvm_op] = h_hvm_op,
    [__HYPERVISOR_vm_assist] = h_vm_assist,
    [__HYPERVISOR_platform_op] = h_platform_op,
    [__HYPERVISOR_sysctl] = h_sysctl,
    [__HYPERVISOR_domctl] = h_domctl,
    [__HYPERVISOR_physdev_op] = h_physdev_op,
    [__HYPERVISOR_event_channel_op] = h_event_channel_op,
    [__HYPERVISOR_grant_table_op] = h_grant_table_op,
};

static unsigned long unimplemented_logged[BITS_TO_LONGS(NR_hypercalls + 1)];

long do_hypercall(unsigned int nr, const uint64_t args[5])
{
    if ( nr < NR_hypercalls && hypercall_table[nr] )
        return hypercall_table[nr](args[0], args[1], args[2], args[3], args[4]);

    if ( !test_and_set_bit(min(nr, (unsigned int)NR_hypercalls),
                           unimplemented_logged) )
        printk(XENLOG_WARNING "d%u: hypercall %u not implemented (-ENOSYS)\n",
               current->domain->domain_id, nr);
    return -ENOSYS;
}
