/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysctl: host-wide control operations, for the control domain only.
 * Sub-ops not implemented here answer -ENOSYS and are logged once each.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/smp.h>
#include <xen/sched.h>
#include <public/sysctl.h>

#define MAX_DEBUG_KEYS 64

static long sysctl_readconsole(struct xen_sysctl_readconsole *rc)
{
    char chunk[256];
    uint32_t idx = rc->incremental ? rc->index : 0;
    uint32_t done = 0;

    /* Read in chunks without clearing, so a fault loses nothing. */
    while ( done < rc->count ) {
        size_t n = console_ring_read(chunk,
                                     min(rc->count - done, (uint32_t)sizeof(chunk)),
                                     &idx, false);

        if ( !n )
            break;
        if ( raw_copy_to_guest(rc->buffer.q + done, chunk, n) )
            return -EFAULT;
        done += n;
    }
    if ( rc->clear )
        console_ring_read(chunk, 0, &idx, true);
    rc->index = idx;
    rc->count = done;
    return 0;
}

static long sysctl_debug_keys(const struct xen_sysctl_debug_keys *dk)
{
    char keys[MAX_DEBUG_KEYS];
    uint32_t i;

    if ( dk->nr_keys > sizeof(keys) )
        return -E2BIG;
    if ( raw_copy_from_guest(keys, dk->keys.q, dk->nr_keys) )
        return -EFAULT;
    for ( i = 0; i < dk->nr_keys; i++ )
        console_handle_key((unsigned char)keys[i]);
    return 0;
}

static void sysctl_physinfo(struct xen_sysctl_physinfo *pi)
{
    unsigned int cpu;

    memset(pi, 0, sizeof(*pi));
    /* No topology is modelled: each CPU is its own core, one node. */
    pi->threads_per_core = 1;
    pi->cores_per_socket = 1;
    for_each_online_cpu ( cpu )
        pi->nr_cpus++;
    pi->max_cpu_id = nr_cpu_ids - 1;
    pi->nr_nodes = 1;
    pi->total_pages = total_heap_pages();
    pi->free_pages = avail_heap_pages();
    pi->max_mfn = frametable_base_mfn + frametable_nr - 1;
    arch_do_physinfo(pi);
}

/*
 * As physinfo says, each CPU is a core of its own on socket 0, node 0.
 * A null buffer asks only how many entries there are.
 */
static long sysctl_cputopoinfo(struct xen_sysctl_cputopoinfo *ti)
{
    unsigned int cpu, n = nr_cpu_ids;

    if ( ti->cputopo.q ) {
        n = min(n, ti->num_cpus);
        for ( cpu = 0; cpu < n; cpu++ ) {
            struct xen_sysctl_cputopo t = {
                .core = XEN_INVALID_CORE_ID,
                .socket = XEN_INVALID_SOCKET_ID,
                .node = XEN_INVALID_NODE_ID,
            };

            if ( cpu_online(cpu) ) {
                t.core = cpu;
                t.socket = 0;
                t.node = 0;
            }
            if ( copy_to_guest_offset(ti->cputopo, cpu, &t, 1) )
                return -EFAULT;
        }
    }
    ti->num_cpus = n;
    return 0;
}

static long sysctl_getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    unsigned int next = l->first_domain;
    uint32_t n = 0;
    struct domain *d;

    while ( n < l->max_domains && next < DOMID_FIRST_RESERVED &&
            (d = get_domain_from_id(next)) ) {
        getdomaininfo(d, &info);
        next = d->domain_id + 1;
        put_domain(d);
        if ( raw_copy_to_guest(l->buffer.q + n * sizeof(info), &info,
                               sizeof(info)) )
            return -EFAULT;
        n++;
    }
    l->num_domains = n;
    return 0;
}

long do_sysctl(uint64_t arg)
{
    struct xen_sysctl op;
    long rc;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( raw_copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;

    switch ( op.cmd ) {
    case XEN_SYSCTL_readconsole:
        rc = sysctl_readconsole(&op.u.readconsole);
        break;
    case XEN_SYSCTL_physinfo:
        sysctl_physinfo(&op.u.physinfo);
        rc = 0;
        break;
    case XEN_SYSCTL_getdomaininfolist:
        rc = sysctl_getdomaininfolist(&op.u.getdomaininfolist);
        break;
    case XEN_SYSCTL_cputopoinfo:
        rc = sysctl_cputopoinfo(&op.u.cputopoinfo);
        break;
    case XEN_SYSCTL_debug_keys:
        return sysctl_debug_keys(&op.u.debug_keys);
    default:
        return SUBOP_UNIMPLEMENTED("sysctl", op.cmd);
    }
    if ( !rc && raw_copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
