/* SPDX-License-Identifier: GPL-2.0-only */
/* panic(), BUG() and failed assertions: report, then stop or reboot. */
#include <xen/console.h>
#include <xen/kernel.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/timer.h>
#include <asm/processor.h>

bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

static void __noreturn stop_after_crash(void)
{
    if ( opt_noreboot ) {
        printk("Manual reset required ('noreboot' specified)\n");
        machine_halt();
    }
    printk("Reboot in five seconds...\n");
    if ( system_state >= SYS_STATE_boot ) {
        s_time_t deadline = NOW() + SECONDS(5);

        while ( NOW() < deadline )
            cpu_relax();
    }
    machine_restart();
}

void panic(const char *fmt, ...)
{
    static char buf[256];
    va_list args;

    console_force_unlock();
    va_start(args, fmt);
    vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);

    printk("\n****************************************\n");
    printk("Panic on CPU %u:\n%s", smp_processor_id(), buf);
    if ( buf[0] && buf[strlen(buf) - 1] != '\n' )
        printk("\n");
    printk("****************************************\n\n");
    stop_after_crash();
}

void __bug(const char *file, int line)
{
    console_force_unlock();
    printk("Xen BUG at %s:%d\n", file, line);
    dump_execution_state();
    panic("Xen BUG at %s:%d\n", file, line);
}

void __assert_failed(const char *expr, const char *file, int line)
{
    console_force_unlock();
    printk("Assertion '%s' failed at %s:%d\n", expr, file, line);
    dump_execution_state();
    panic("Assertion '%s' failed at %s:%d\n", expr, file, line);
}
