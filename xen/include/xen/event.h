/* SPDX-License-Identifier: GPL-2.0-only */
/* Event channels: what the rest of the hypervisor uses to raise events. */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;

/* At domain creation; ports above max_port are refused to a domU. */
int evtchn_domain_init(struct domain *d, uint32_t max_port);
void evtchn_domain_destroy(struct domain *d);  /* closes every port */

/* Raises a per-vCPU VIRQ on v, or a global one on d (its vCPU 0 binding). */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
void send_guest_global_virq(struct domain *d, unsigned int virq);

/* Allocates an unbound port in d for remote_dom (toolstack, builders). */
int evtchn_alloc_unbound_port(struct domain *d, domid_t remote_dom,
                              evtchn_port_t *port);
/* Notifies the port as if the guest had sent on it. */
int evtchn_send_port(struct domain *d, evtchn_port_t port);

/* Called after v registered its vcpu_info: re-raise what is pending. */
void evtchn_vcpu_info_registered(struct vcpu *v);

/* Counts of allocated ports, for leak checks. */
unsigned int evtchn_ports_in_use(const struct domain *d);

long do_event_channel_op(int cmd, uint64_t arg);

#endif
