/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Wall-clock time for guests.  dom0 tells us UTC (XENPF_settime64); each
 * domain's shared_info then holds UTC at the instant its own clock started,
 * updated with the seqlock-like version protocol guests read it by.
 */
#include <xen/lib.h>
#include <xen/sched.h>

static uint64_t wc_boot_ns;     /* UTC (ns since the epoch) at system time 0 */
static DEFINE_SPINLOCK(wc_lock);

void update_domain_wallclock(struct domain *d)
{
    struct shared_info *s = d->shared_info;
    uint64_t t = wc_boot_ns + d->time_zero_ns +
                 (uint64_t)d->time_offset_seconds * 1000000000ULL;
    uint64_t sec = t / 1000000000ULL;

    if ( !s )
        return;
    spin_lock(&wc_lock);
    s->wc_version++;            /* odd: being updated */
    smp_wmb();
    s->wc_sec = (uint32_t)sec;
    s->wc_sec_hi = (uint32_t)(sec >> 32);
    s->wc_nsec = t % 1000000000ULL;
    smp_wmb();
    s->wc_version++;
    spin_unlock(&wc_lock);
}

void wallclock_set(uint64_t secs, uint32_t nsecs, uint64_t system_time)
{
    struct domain *d;

    wc_boot_ns = secs * 1000000000ULL + nsecs - system_time;
    spin_lock(&domlist_lock);
    list_for_each_entry(d, &domain_list, domain_list)
        update_domain_wallclock(d);
    spin_unlock(&domlist_lock);
}
