/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug keys (type Ctrl-A three times on the serial console to talk to
 * the hypervisor, or sysctl debug_keys): 'q' dumps domains and vCPUs and
 * raises VIRQ_DEBUG on each, 'e' dumps event channels, 'm' memory, 'R'
 * reboots.
 */
#include <xen/console.h>
#include <xen/event.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/xmalloc.h>

static void dump_domains(unsigned char key)
{
    struct domain *d;
    unsigned int i;

    printk("'%c' pressed -> dumping domain info (now = %llu ms)\n", key,
           (unsigned long long)(NOW() / 1000000));
    spin_lock(&domlist_lock);
    list_for_each_entry(d, &domain_list, domain_list) {
        printk("Domain %u: %lu pages (max %lu), %u ports, %u grant mappings%s%s\n",
               d->domain_id, d->tot_pages, d->max_pages,
               evtchn_ports_in_use(d), gnttab_mappings_in_use(d),
               d->is_shutting_down ? ", shutting down" : "",
               atomic_read(&d->pause_count) ? ", paused" : "");
        arch_dump_domain(d);
        for ( i = 0; i < d->max_vcpus; i++ ) {
            struct vcpu *v = d->vcpu[i];

            if ( !v )
                continue;
            printk("  vCPU%u: pCPU%u running=%d runq=%d flags=%#lx pause=%d "
                   "pc=%#lx upcall=%d\n", v->vcpu_id, v->processor,
                   v->is_running, v->on_runq, v->pause_flags,
                   atomic_read(&v->pause_count), (unsigned long)arch_vcpu_pc(v),
                   vcpu_info_of(v)->evtchn_upcall_pending);
            arch_dump_vcpu(v);
        }
    }
    /* As Xen does: a guest may dump its own state on VIRQ_DEBUG. */
    list_for_each_entry(d, &domain_list, domain_list)
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpu[i] )
                send_guest_vcpu_virq(d->vcpu[i], VIRQ_DEBUG);
    spin_unlock(&domlist_lock);
}

static void dump_evtchns(unsigned char key)
{
    struct domain *d;

    printk("'%c' pressed -> dumping event channels\n", key);
    spin_lock(&domlist_lock);
    list_for_each_entry(d, &domain_list, domain_list)
        evtchn_dump(d);
    spin_unlock(&domlist_lock);
}

static void dump_memory(unsigned char key)
{
    struct xmalloc_stats st;

    xmalloc_get_stats(&st);
    printk("'%c' pressed -> memory: heap %lu of %lu pages free; xmalloc %lu "
           "bytes in %lu allocations\n", key, avail_heap_pages(),
           total_heap_pages(), st.bytes_inuse,
           st.allocations);
}

static void reboot_machine(unsigned char key)
{
    printk("'%c' pressed -> rebooting machine\n", key);
    machine_restart();
}

static int keyhandlers_init(void)
{
    register_keyhandler('q', dump_domains, "dump domain (and guest debug) info");
    register_keyhandler('e', dump_evtchns, "dump event channels");
    register_keyhandler('m', dump_memory, "memory info");
    register_keyhandler('R', reboot_machine, "reboot machine");
    return 0;
}
__initcall(keyhandlers_init);
