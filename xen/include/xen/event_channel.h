/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels, inside the event code: the per-port state, the interface
 * between the common core (event_channel.c) and the two guest ABIs
 * (event_2l.c, event_fifo.c), and vcpu_info placement (vcpu_info.c).
 *
 * Locking: a domain's event_lock (always taken with IRQs off, since events
 * are raised from interrupt handlers) guards all of its ports, its ABI state
 * and its vCPUs' virq_to_evtchn[] and vcpu_info pointers.  Operations on two
 * domains take both locks, lowest domid first.  The guest changes the shared
 * pages concurrently, so those are only touched with atomic operations.
 */
#ifndef XEN_EVENT_CHANNEL_H
#define XEN_EVENT_CHANNEL_H

#include <xen/event.h>
#include <xen/frame.h>
#include <xen/sched.h>
#include <public/event_channel.h>

struct page_info;

/* Ports per bucket of struct evtchn (a bucket is one 2 KiB allocation). */
#define EVTCHNS_PER_BUCKET      64

/* 2-level ABI: one bit per port in two 64-word bitmaps. */
#define EVTCHN_2L_NR_CHANNELS   (64 * 64)

enum evtchn_state {
    ECS_FREE = 0,       /* available */
    ECS_RESERVED,       /* port 0: never allocated */
    ECS_UNBOUND,        /* waiting for u.unbound_remote to bind_interdomain */
    ECS_INTERDOMAIN,    /* connected to u.interdomain */
    ECS_VIRQ,           /* bound to VIRQ u.virq */
    ECS_IPI,            /* raised by sends from its own domain */
};

struct evtchn {
    uint8_t state;              /* enum evtchn_state */
    uint8_t priority;           /* FIFO: queue of the next link */
    uint8_t last_priority;      /* FIFO: queue it was last linked on ... */
    bool pending;               /* FIFO: raised while it had no event word */
    uint16_t notify_vcpu_id;    /* vCPU its events go to */
    uint16_t last_vcpu_id;      /* FIFO: ... of this vCPU */
    evtchn_port_t port;
    union {
        domid_t unbound_remote;
        struct {
            struct domain *dom;
            evtchn_port_t port;
        } interdomain;
        unsigned int virq;
    } u;
};

/*
 * One guest ABI.  All hooks run with the domain's event_lock held and are
 * only called for ports that have storage.
 */
struct evtchn_port_ops {
    const char *name;
    unsigned int max_ports;     /* the ABI's limit on port numbers */
    /* Raises the event towards v (the port's notify vCPU). */
    void (*set_pending)(struct vcpu *v, struct evtchn *chn);
    void (*clear_pending)(struct domain *d, struct evtchn *chn);
    /* EVTCHNOP_unmask: unmasks, and delivers to v if it is pending. */
    void (*unmask)(struct vcpu *v, struct evtchn *chn);
    bool (*is_pending)(const struct domain *d, const struct evtchn *chn);
    bool (*is_masked)(const struct domain *d, const struct evtchn *chn);
    /* A free port that must not be reused yet (still on a guest queue). */
    bool (*is_busy)(const struct domain *d, const struct evtchn *chn);
    int (*set_priority)(struct domain *d, struct evtchn *chn,
                        unsigned int priority);
    /* Optional: prints the ABI's view of the port (no newline). */
    void (*print_state)(const struct domain *d, const struct evtchn *chn);
};

extern const struct evtchn_port_ops evtchn_port_ops_2l;
extern const struct evtchn_port_ops evtchn_port_ops_fifo;

/* event_channel.c */

/* The port's state, or NULL if the port has no storage under this ABI. */
struct evtchn *evtchn_from_port(const struct domain *d, evtchn_port_t port);
/* Raises a bound port on its notify vCPU (no-op for free ports). */
void evtchn_raise(struct domain *d, struct evtchn *chn);
/* Prints every port in use (debug key). */
void evtchn_dump(struct domain *d);

/*
 * Maps one page of d's ordinary writable RAM and takes a reference on it
 * (*pg); NULL if gfn is anything else.  unmap_guest_page() undoes it.
 */
void *map_guest_page(struct domain *d, gfn_t gfn, struct page_info **pg);
void unmap_guest_page(struct page_info *pg, const void *va);

/* event_fifo.c, called with d->event_lock held. */
int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *op);
int evtchn_fifo_expand_array(struct domain *d, uint64_t array_gfn);
/* Drops every FIFO page and structure; d is back to no FIFO state. */
void evtchn_fifo_destroy(struct domain *d);

#ifdef XEN_HOST_TEST
/* Host tests: called between reading a tail word and the cmpxchg on it. */
extern void (*evtchn_fifo_link_race)(event_word_t *word);
#endif

/* vcpu_info.c */

/*
 * Where v's vcpu_info is: the registered one, else vCPU 0's slot in
 * shared_info.  NULL for other vCPUs before registration: anything written
 * there would be overwritten when they register (which forces every
 * selector bit and the upcall), so their events only reach the shared
 * bitmaps or FIFO queues until then.
 */
struct vcpu_info *vcpu_info_of(struct vcpu *v);
/* Sets evtchn_upcall_pending and injects the upcall on its 0 -> 1 edge. */
void vcpu_mark_events_pending(struct vcpu *v);
/*
 * VCPUOP_register_vcpu_info: moves v's vcpu_info to gfn:offset (it may
 * straddle into gfn + 1 if the two frames are machine-contiguous).  The
 * caller checks that v is current or offline.  0 or -errno.
 */
int map_vcpu_info(struct vcpu *v, gfn_t gfn, unsigned int offset);
/* Drops the registration and its page references (domain destruction). */
void unmap_vcpu_info(struct vcpu *v);

#endif /* XEN_EVENT_CHANNEL_H */
