/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains and vCPUs: creation, lookup by id with references, pausing,
 * shutdown and destruction.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/memory.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <public/domctl.h>
#include <public/sched.h>

struct domain *hardware_domain;
LIST_HEAD(domain_list);
DEFINE_SPINLOCK(domlist_lock);

static void domain_free(struct domain *d)
{
    unsigned int i;

    for ( i = 0; d->vcpu && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] ) {
            arch_vcpu_destroy(d->vcpu[i]);
            xfree(d->vcpu[i]);
        }
    xfree(d->vcpu);
    if ( d->grant_table )
        grant_table_destroy(d);
    if ( d->shared_info )
        free_xenheap_page(d->shared_info);
    if ( d->target )
        put_domain(d->target);
    xfree(d);
}

struct vcpu *vcpu_create(struct domain *d, unsigned int vcpu_id)
{
    struct vcpu *v;

    if ( vcpu_id >= d->max_vcpus || d->vcpu[vcpu_id] )
        return NULL;
    v = xzalloc(struct vcpu);
    if ( !v )
        return NULL;
    v->vcpu_id = vcpu_id;
    v->domain = d;
    v->vcpu_info_mfn = INVALID_MFN;
    spin_lock_init(&v->virq_lock);
    /* Only vCPU 0 starts; the others wait for PSCI CPU_ON. */
    if ( vcpu_id != 0 )
        set_bit(_VPF_down, &v->pause_flags);
    sched_add_vcpu(v);
    if ( arch_vcpu_create(v) ) {
        xfree(v);
        return NULL;
    }
    d->vcpu[vcpu_id] = v;
    return v;
}

struct domain *domain_create(domid_t domid,
                             const struct xen_domctl_createdomain *config,
                             bool privileged)
{
    struct domain *d = xzalloc(struct domain);

    if ( !d )
        return NULL;
    d->domain_id = domid;
    d->is_privileged = privileged;
    d->max_vcpus = config->max_vcpus;
    atomic_set(&d->refcnt, 1);
    spin_lock_init(&d->page_alloc_lock);
    INIT_LIST_HEAD(&d->page_list);
    d->vcpu = xzalloc_array(struct vcpu *, d->max_vcpus);
    if ( !d->vcpu )
        goto fail;
    if ( domid == DOMID_IDLE )
        return d;   /* the idle domain has vCPUs and nothing else */

    d->shared_info = alloc_xenheap_page();
    if ( !d->shared_info )
        goto fail;
    memset(d->shared_info, 0, PAGE_SIZE);
    d->shared_info_gfn = INVALID_GFN;

    if ( arch_domain_create(d, config) )
        goto fail;
    if ( evtchn_domain_init(d, config->max_evtchn_port) )
        goto fail_arch;
    if ( grant_table_init(d, config->max_grant_frames > 0 ?
                             config->max_grant_frames : GNTTAB_DEFAULT_MAX_FRAMES,
                          config->max_maptrack_frames > 0 ?
                             config->max_maptrack_frames :
                             GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES) )
        goto fail_evtchn;

    spin_lock(&domlist_lock);
    list_add_tail(&d->domain_list, &domain_list);
    spin_unlock(&domlist_lock);
    if ( privileged && !hardware_domain )
        hardware_domain = d;
    update_domain_wallclock(d);
    return d;

 fail_evtchn:
    evtchn_domain_destroy(d);
 fail_arch:
    arch_domain_destroy(d);
 fail:
    domain_free(d);
    return NULL;
}

bool get_domain(struct domain *d)
{
    int old;

    /* A domain whose count reached zero is on its way out. */
    do {
        old = atomic_read(&d->refcnt);
        if ( old <= 0 )
            return false;
    } while ( !__atomic_compare_exchange_n(&d->refcnt.counter, &old, old + 1,
                                           false, __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST) );
    return true;
}

void put_domain(struct domain *d)
{
    if ( atomic_dec_and_test(&d->refcnt) )
        domain_free(d);
}

struct domain *get_domain_by_id(domid_t domid)
{
    struct domain *d, *found = NULL;

    spin_lock(&domlist_lock);
    list_for_each_entry(d, &domain_list, domain_list)
        if ( d->domain_id == domid ) {
            if ( get_domain(d) )
                found = d;
            break;
        }
    spin_unlock(&domlist_lock);
    return found;
}

struct domain *get_domain_from_id(domid_t first)
{
    struct domain *d, *found = NULL;

    spin_lock(&domlist_lock);
    list_for_each_entry(d, &domain_list, domain_list)
        if ( d->domain_id >= first &&
             (!found || d->domain_id < found->domain_id) )
            found = d;
    if ( found && !get_domain(found) )
        found = NULL;
    spin_unlock(&domlist_lock);
    return found;
}

struct domain *get_domain_by_any_id(domid_t domid)
{
    if ( domid == DOMID_SELF || domid == current->domain->domain_id ) {
        struct domain *d = current->domain;

        return get_domain(d) ? d : NULL;
    }
    return get_domain_by_id(domid);
}

void domain_pause(struct domain *d)
{
    unsigned int i;

    atomic_inc(&d->pause_count);
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] && d->vcpu[i] != current )
            vcpu_sleep_sync(d->vcpu[i]);
}

void domain_unpause(struct domain *d)
{
    unsigned int i;

    if ( !atomic_dec_and_test(&d->pause_count) )
        return;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_wake(d->vcpu[i]);
}

/*
 * Off the domain list, its vCPUs off the CPUs, every port closed, every
 * page given back (a page another domain still maps lives on until that
 * mapping goes), the stage-2 tables freed; the structure itself goes with
 * the last reference.  Dom0 is told through VIRQ_DOM_EXC.
 */
int domain_kill(struct domain *d)
{
    if ( d == current->domain || is_hardware_domain(d) )
        return -EINVAL;
    spin_lock(&domlist_lock);
    if ( d->is_dying ) {
        spin_unlock(&domlist_lock);
        return 0;
    }
    d->is_dying = true;
    list_del_init(&d->domain_list);
    spin_unlock(&domlist_lock);

    domain_pause(d);
    evtchn_domain_destroy(d);
    relinquish_all_pages(d);
    arch_domain_destroy(d);
    if ( hardware_domain )
        send_guest_global_virq(hardware_domain, VIRQ_DOM_EXC);
    put_domain(d);          /* the reference domain_create() gave */
    return 0;
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    unsigned int i;

    if ( d->is_shutting_down )
        return;
    d->shutdown_code = reason;
    d->is_shutting_down = true;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_sleep(d->vcpu[i]);
    if ( is_hardware_domain(d) )
        hardware_domain_shutdown(reason);
    else if ( hardware_domain )
        send_guest_global_virq(hardware_domain, VIRQ_DOM_EXC);
}
