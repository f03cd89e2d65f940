/* SPDX-License-Identifier: GPL-2.0-only */
/* What dom0's shutdown means for the machine, as in Xen. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <public/sched.h>

void hardware_domain_shutdown(unsigned int reason)
{
    switch ( reason ) {
    case SHUTDOWN_poweroff:
        printk("Hardware Dom0 halted: halting machine\n");
        machine_halt();
    case SHUTDOWN_reboot:
        printk("Hardware Dom0 shutdown: rebooting machine\n");
        machine_restart();
    case SHUTDOWN_crash:
        if ( opt_noreboot ) {
            printk("Hardware Dom0 crashed: 'noreboot' set, halting machine\n");
            machine_halt();
        }
        printk("Hardware Dom0 crashed: rebooting machine\n");
        machine_restart();
    default:
        printk("Hardware Dom0 shutdown (reason %u): halting machine\n", reason);
        machine_halt();
    }
}
