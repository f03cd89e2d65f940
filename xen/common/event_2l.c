/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The 2-level event channel ABI: a pending and a mask bitmap in
 * shared_info, one bit per port, and in each vCPU's vcpu_info a selector
 * with one bit per bitmap word worth scanning.  The guest clears pending
 * bits and flips mask bits itself.
 *
 * The order of the atomic operations is what makes it work against a guest
 * scanning on another CPU: pending is set before the mask is looked at (the
 * guest masks, then re-checks pending), and the selector bit after the
 * pending bit (the guest clears the selector, then scans the word).
 */
#include <xen/atomic.h>
#include <xen/errno.h>
#include <xen/event_channel.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define BITS_PER_EVTCHN_WORD (sizeof(xen_ulong_t) * 8)

/* Flags port's bitmap word in v's selector; upcall if it was not flagged. */
static void flag_word(struct vcpu *v, evtchn_port_t port)
{
    struct vcpu_info *vi = vcpu_info_of(v);

    if ( vi && !test_and_set_bit(port / BITS_PER_EVTCHN_WORD,
                                 &vi->evtchn_pending_sel) )
        vcpu_mark_events_pending(v);
}

static void evtchn_2l_set_pending(struct vcpu *v, struct evtchn *chn)
{
    struct shared_info *s = v->domain->shared_info;

    /* The bit operations work on unsigned longs. */
    BUILD_BUG_ON(sizeof(xen_ulong_t) != sizeof(unsigned long));
    BUILD_BUG_ON(BITS_PER_EVTCHN_WORD * BITS_PER_EVTCHN_WORD !=
                 EVTCHN_2L_NR_CHANNELS);

    /* Already pending: the guest has yet to see it, nothing more to say. */
    if ( test_and_set_bit(chn->port, s->evtchn_pending) )
        return;
    if ( !test_bit(chn->port, s->evtchn_mask) )
        flag_word(v, chn->port);
}

static void evtchn_2l_clear_pending(struct domain *d, struct evtchn *chn)
{
    clear_bit(chn->port, d->shared_info->evtchn_pending);
}

static void evtchn_2l_unmask(struct vcpu *v, struct evtchn *chn)
{
    struct shared_info *s = v->domain->shared_info;

    /* An event raised while masked was left out of the selector. */
    if ( test_and_clear_bit(chn->port, s->evtchn_mask) &&
         test_bit(chn->port, s->evtchn_pending) )
        flag_word(v, chn->port);
}

static bool evtchn_2l_is_pending(const struct domain *d,
                                 const struct evtchn *chn)
{
    return test_bit(chn->port, d->shared_info->evtchn_pending);
}

static bool evtchn_2l_is_masked(const struct domain *d,
                                const struct evtchn *chn)
{
    return test_bit(chn->port, d->shared_info->evtchn_mask);
}

static bool evtchn_2l_is_busy(const struct domain *d, const struct evtchn *chn)
{
    return false;
}

static int evtchn_2l_set_priority(struct domain *d, struct evtchn *chn,
                                  unsigned int priority)
{
    return -ENOSYS;
}

const struct evtchn_port_ops evtchn_port_ops_2l = {
    .name = "2-level",
    .max_ports = EVTCHN_2L_NR_CHANNELS,
    .set_pending = evtchn_2l_set_pending,
    .clear_pending = evtchn_2l_clear_pending,
    .unmask = evtchn_2l_unmask,
    .is_pending = evtchn_2l_is_pending,
    .is_masked = evtchn_2l_is_masked,
    .is_busy = evtchn_2l_is_busy,
    .set_priority = evtchn_2l_set_priority,
};
