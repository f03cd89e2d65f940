/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains and vCPUs, and the scheduler's interface to the rest of the
 * hypervisor.  Arch state lives in struct arch_domain / arch_vcpu
 * (asm/domain.h); everything here is arch-neutral.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/atomic.h>
#include <xen/frame.h>
#include <xen/list.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/types.h>
#include <public/hvm/params.h>
#include <public/xen.h>
#include <asm/domain.h>

struct evtchn;
struct evtchn_port_ops;
struct evtchn_fifo_domain;
struct evtchn_fifo_vcpu;
struct grant_table;

/* vcpu->pause_flags bits: any set keeps the vCPU off the CPUs. */
#define _VPF_blocked    0   /* waiting for an interrupt (WFI) */
#define _VPF_down       1   /* not started yet, or PSCI CPU_OFF */

enum runstate {
    RUNSTATE_running = 0,
    RUNSTATE_runnable = 1,
    RUNSTATE_blocked = 2,
    RUNSTATE_offline = 3,
};

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;

    /* Scheduler state (sched.c). */
    unsigned int processor;         /* pCPU it runs on or will run on */
    unsigned long cpu_affinity;     /* pCPUs it may run on */
    bool is_running;                /* on a pCPU right now */
    bool on_runq;
    unsigned long pause_flags;
    atomic_t pause_count;           /* domain_pause / vcpu_pause nesting */
    struct list_head runq_elem;
    uint64_t slice_start_ns;
    enum runstate runstate;
    uint64_t runstate_entry_ns;
    uint64_t runstate_time[4];      /* ns in each state */

    /* Event delivery (event_channel.c). */
    struct vcpu_info *vcpu_info;    /* in shared_info or guest RAM */
    mfn_t vcpu_info_mfn;            /* INVALID_MFN: inside shared_info */
    struct evtchn_fifo_vcpu *evtchn_fifo;
    unsigned int virq_to_evtchn[NR_VIRQS];
    spinlock_t virq_lock;

    /* Runstate area registered by the guest (a guest virtual address). */
    uint64_t runstate_guest_va;

    struct arch_vcpu arch;
};

struct domain {
    domid_t domain_id;
    bool is_privileged;             /* dom0: control operations allowed */
    bool is_dying;
    bool is_shutting_down;
    unsigned int shutdown_code;
    atomic_t pause_count;
    unsigned int controller_pause_count; /* domctl pausedomain nesting */
    atomic_t refcnt;                /* get_domain / put_domain */

    unsigned int max_vcpus;
    struct vcpu **vcpu;

    /* Memory (page_alloc.c accounting, memory.c). */
    spinlock_t page_alloc_lock;
    struct list_head page_list;
    unsigned long tot_pages;
    unsigned long max_pages;

    struct shared_info *shared_info;
    gfn_t shared_info_gfn;          /* where the guest mapped it */

    /* Event channels (event_channel.c). */
    spinlock_t event_lock;
    struct evtchn **evtchn_bucket;  /* buckets of ports, allocated lazily */
    unsigned int max_evtchns;       /* the ABI's limit */
    unsigned int valid_evtchns;     /* ports with storage */
    unsigned int used_evtchns;      /* ports not free */
    unsigned int evtchn_scan_from;  /* every port below is in use */
    const struct evtchn_port_ops *evtchn_port_ops;
    struct evtchn_fifo_domain *evtchn_fifo;

    struct grant_table *grant_table;

    uint64_t hvm_params[HVM_NR_PARAMS];
    unsigned long vm_assist;        /* VMASST_TYPE_* bits enabled */
    s_time_t time_zero_ns;          /* system time when its clock read 0 */
    int64_t time_offset_seconds;    /* added to its wall clock (domctl) */
    struct domain *target;          /* a device model's guest (set_target) */
    char handle[16];                /* toolstack's UUID */

    struct list_head domain_list;
    struct arch_domain arch;
};

/* The vCPU this pCPU is running (the idle vCPU when none). */
DECLARE_PER_CPU(struct vcpu *, curr_vcpu);
#define current (this_cpu(curr_vcpu))

extern struct domain *hardware_domain;
extern struct list_head domain_list;
extern spinlock_t domlist_lock;

struct xen_domctl_createdomain;
struct domain *domain_create(domid_t domid,
                             const struct xen_domctl_createdomain *config,
                             bool privileged);
struct vcpu *vcpu_create(struct domain *d, unsigned int vcpu_id);
/*
 * Finds a live domain and takes a reference (put_domain when done); NULL if
 * none.  The _any_ form also accepts DOMID_SELF for the caller's domain.
 */
struct domain *get_domain_by_id(domid_t domid);
/* The domain with the lowest id >= first (a reference held), or NULL. */
struct domain *get_domain_from_id(domid_t first);
struct domain *get_domain_by_any_id(domid_t domid);
bool get_domain(struct domain *d);
void put_domain(struct domain *d);
void domain_shutdown(struct domain *d, unsigned int reason);
/* Takes a domain apart (domctl destroydomain); 0, or -errno. */
int domain_kill(struct domain *d);
/* dom0 shut down: power off or reset the machine (arch/common shutdown). */
void __noreturn hardware_domain_shutdown(unsigned int reason);
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);

/* Scheduler. */
void scheduler_init(void);
void sched_init_cpu(unsigned int cpu);
void sched_add_vcpu(struct vcpu *v);
void vcpu_wake(struct vcpu *v);         /* runnable again if nothing holds it */
void vcpu_sleep(struct vcpu *v);        /* off the CPU until woken */
void vcpu_sleep_sync(struct vcpu *v);   /* ... and wait until it is off */
void vcpu_block(void);                  /* current blocks until an event */
void vcpu_unblock(struct vcpu *v);      /* ends a block, if blocked */
int vcpu_set_affinity(struct vcpu *v, unsigned long mask);
void vcpu_yield(void);
/* Picks what this pCPU runs next; called on the way back to a guest. */
void schedule(void);
struct vcpu *idle_vcpu(unsigned int cpu);
static inline bool is_idle_vcpu(const struct vcpu *v)
{
    return v->domain->domain_id == DOMID_IDLE;
}
static inline bool is_hardware_domain(const struct domain *d)
{
    return d == hardware_domain;
}
struct vcpu_runstate_info;
void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *info);
/* Copies v's runstate to the guest's registered area, if any (vcpu.c). */
void vcpu_update_runstate_area(struct vcpu *v);
uint64_t vcpu_runstate_time(const struct vcpu *v, enum runstate state);

/*
 * Wall clock: dom0 sets it (XENPF_settime64); each domain sees, in its
 * shared_info, UTC at the moment its virtual counter read zero.
 */
void wallclock_set(uint64_t secs, uint32_t nsecs, uint64_t system_time);
void update_domain_wallclock(struct domain *d);

/* Arch hooks the common code calls. */
int arch_domain_create(struct domain *d,
                       const struct xen_domctl_createdomain *config);
/* Refuses (-errno) or completes a toolstack's domain configuration. */
int arch_sanitise_domain_config(struct xen_domctl_createdomain *config);
void arch_domain_destroy(struct domain *d);
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);
/* Saves prev's state and loads next's; both may be idle vCPUs. */
void context_switch(struct vcpu *prev, struct vcpu *next);
/* True if v has an interrupt for the guest to take (ends a WFI block). */
bool arch_vcpu_has_pending_irq(const struct vcpu *v);
/* The guest PC of v, and a line of arch state, for debug dumps. */
uint64_t arch_vcpu_pc(const struct vcpu *v);
void arch_dump_vcpu(struct vcpu *v);
void arch_dump_domain(struct domain *d);
struct xen_domctl_getdomaininfo;
/* A vCPU's registers for the toolstack (domctl); d is paused. 0 or -errno. */
struct vcpu_guest_context;
int arch_set_vcpu_context(struct vcpu *v, const struct vcpu_guest_context *c);
void arch_get_vcpu_context(const struct vcpu *v, struct vcpu_guest_context *c);
/* Cleans and invalidates d's RAM in [gfn, gfn + nr) to memory. */
void arch_cache_flush_range(struct domain *d, unsigned long gfn,
                            unsigned long nr);

/* domctl's vCPU ops (domctl_vcpu.c): 0 or -errno. */
struct xen_domctl;
long domctl_vcpu_op(struct domain *d, struct xen_domctl *op);

/* d's state for the toolstack (domctl.c); the arch adds its part. */
void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info);
void arch_get_domain_info(const struct domain *d,
                          struct xen_domctl_getdomaininfo *info);
struct xen_sysctl_physinfo;
/* The arch's part of sysctl physinfo: CPU speed, capabilities. */
void arch_do_physinfo(struct xen_sysctl_physinfo *pi);
/* Raises the event-channel upcall interrupt in v. */
void arch_evtchn_inject(struct vcpu *v);

#endif
