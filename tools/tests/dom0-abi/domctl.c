/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The read-only control operations a toolstack starts with: domctl
 * getdomaininfo, sysctl getdomaininfolist and physinfo, checked against
 * what dom0 knows of itself and what the hypervisor's counters say.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <xen/domctl.h>
#include <xen/sysctl.h>

#include "dom0-abi.h"

static long domctl(struct xen_domctl *op, unsigned int cmd, domid_t domain)
{
    memset(op, 0, sizeof(*op));
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = domain;
    return hypercall(__HYPERVISOR_domctl, HC_PTR(op), 0, 0);
}

static long sysctl(struct xen_sysctl *op, unsigned int cmd)
{
    op->cmd = cmd;
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hypercall(__HYPERVISOR_sysctl, HC_PTR(op), 0, 0);
}

static void test_getdomaininfo(const struct hv_counters *hv)
{
    const struct xen_domctl_getdomaininfo *info;
    struct xen_domctl op;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    long rc;

    rc = domctl(&op, XEN_DOMCTL_getdomaininfo, 0);
    info = &op.u.getdomaininfo;
    if ( !check_rc("domctl-getdomaininfo", rc, 0) )
        return;
    check("domctl-getdomaininfo-dom0",
          op.domain == 0 && info->domain == 0 &&
          info->tot_pages == (uint64_t)hv->pages &&
          info->max_pages >= info->tot_pages,
          "domain %u, %lu pages (counter %ld), max %lu", info->domain,
          (unsigned long)info->tot_pages, hv->pages,
          (unsigned long)info->max_pages);
    check("domctl-getdomaininfo-vcpus",
          info->nr_online_vcpus == (uint32_t)cpus &&
          info->max_vcpu_id + 1 >= info->nr_online_vcpus && info->cpu_time,
          "%u online (Linux: %ld), max id %u, cpu_time %lu ns",
          info->nr_online_vcpus, cpus, info->max_vcpu_id,
          (unsigned long)info->cpu_time);
    /* This very vCPU is on a CPU while it asks. */
    check("domctl-getdomaininfo-flags",
          (info->flags & XEN_DOMINF_running) &&
          (info->flags & (XEN_DOMINF_hvm_guest | XEN_DOMINF_hap)) ==
          (XEN_DOMINF_hvm_guest | XEN_DOMINF_hap) &&
          !(info->flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown |
                           XEN_DOMINF_paused | XEN_DOMINF_blocked)),
          "flags %#x", info->flags);
    check("domctl-getdomaininfo-arch",
          info->arch_config.gic_version == XEN_DOMCTL_CONFIG_GIC_V3 &&
          info->gpaddr_bits >= 40 && info->gpaddr_bits <= 48,
          "GIC version %u, %u SPIs, %u address bits",
          info->arch_config.gic_version, info->arch_config.nr_spis,
          info->gpaddr_bits);

    /* Only dom0 exists: nothing at or after 1; ids past the last are bad. */
    check_rc("domctl-getdomaininfo-none-after",
             domctl(&op, XEN_DOMCTL_getdomaininfo, 1), -ESRCH);
    check_rc("domctl-getdomaininfo-reserved-id",
             domctl(&op, XEN_DOMCTL_getdomaininfo, DOMID_FIRST_RESERVED),
             -EINVAL);
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
    check_rc("domctl-old-interface",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0), -EACCES);
    check_rc("domctl-bad-pointer",
             hypercall(__HYPERVISOR_domctl, BAD_PTR, 0, 0), -EFAULT);
    check_rc("domctl-unknown-cmd", domctl(&op, 200, 0), -ENOSYS);
}

static void test_getdomaininfolist(void)
{
    struct xen_domctl_getdomaininfo list[4];
    struct xen_sysctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    memset(list, 0xff, sizeof(list));
    op.u.getdomaininfolist.max_domains = 4;
    op.u.getdomaininfolist.buffer.p = list;
    rc = sysctl(&op, XEN_SYSCTL_getdomaininfolist);
    check("sysctl-getdomaininfolist",
          rc == 0 && op.u.getdomaininfolist.num_domains == 1 &&
          list[0].domain == 0 && list[1].domain == 0xffff,
          "rc %ld, %u domains, first %u", rc,
          op.u.getdomaininfolist.num_domains, list[0].domain);

    op.u.getdomaininfolist.max_domains = 0;
    rc = sysctl(&op, XEN_SYSCTL_getdomaininfolist);
    check("sysctl-getdomaininfolist-no-room",
          rc == 0 && op.u.getdomaininfolist.num_domains == 0,
          "rc %ld, %u domains", rc, op.u.getdomaininfolist.num_domains);

    op.u.getdomaininfolist.max_domains = 4;
    op.u.getdomaininfolist.buffer.q = BAD_PTR;
    check_rc("sysctl-getdomaininfolist-bad-buffer",
             sysctl(&op, XEN_SYSCTL_getdomaininfolist), -EFAULT);
}

static void test_physinfo(const struct hv_counters *hv)
{
    const struct xen_sysctl_physinfo *pi;
    struct xen_sysctl op;
    long rc, drift;

    memset(&op, 0, sizeof(op));
    rc = sysctl(&op, XEN_SYSCTL_physinfo);
    pi = &op.u.physinfo;
    if ( !check_rc("sysctl-physinfo", rc, 0) )
        return;
    check("sysctl-physinfo-cpus",
          pi->nr_cpus >= 1 && pi->max_cpu_id + 1 >= pi->nr_cpus &&
          pi->threads_per_core == 1 && pi->nr_nodes == 1 && pi->cpu_khz,
          "%u CPUs (max id %u), %u kHz", pi->nr_cpus, pi->max_cpu_id,
          pi->cpu_khz);
    /* Dom0's memory comes out of the heap; the rest of it is free. */
    drift = (long)pi->free_pages - hv->heap_free;
    check("sysctl-physinfo-memory",
          pi->total_pages > pi->free_pages &&
          pi->total_pages >= (uint64_t)hv->pages &&
          drift < 1024 && drift > -1024 && pi->max_mfn >= pi->total_pages,
          "%lu pages, %lu free (counter %ld), max mfn %#lx",
          (unsigned long)pi->total_pages, (unsigned long)pi->free_pages,
          hv->heap_free, (unsigned long)pi->max_mfn);
}

void test_domctl(void)
{
    struct hv_counters hv;

    if ( !check("domctl-counters", hv_counters_read(&hv), "") )
        return;
    test_getdomaininfo(&hv);
    test_getdomaininfolist();
    test_physinfo(&hv);
}
