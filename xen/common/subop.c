/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The answer to a sub-op the hypervisor does not implement: -ENOSYS, and
 * one line in the log the first time, so a missing piece is visible.
 */
#include <xen/atomic.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

long subop_unimplemented(unsigned long *logged, const char *hypercall,
                         unsigned int op)
{
    if ( !test_and_set_bit(min(op, 63U), logged) )
        printk(XENLOG_WARNING "d%u: %s sub-op %u not implemented (-ENOSYS)\n",
               current->domain->domain_id, hypercall, op);
    return -ENOSYS;
}
