/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control operations a toolstack starts with: domctl getdomaininfo,
 * sysctl getdomaininfolist and physinfo, checked against what dom0 knows
 * of itself and what the hypervisor's counters say; then a domain's life
 * as a builder starts it: createdomain (and its refusals), max_vcpus,
 * max_mem and populate_physmap, pause and unpause, destroydomain, and the
 * heap exactly as it was.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <xen-sys/Linux/evtchn.h>

#include <xen/domctl.h>
#include <xen/memory.h>
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

    /* vCPU 0 of dom0 (its first CPU in Linux) is online and has run. */
    domctl(&op, XEN_DOMCTL_getvcpuinfo, 0);
    op.u.getvcpuinfo.vcpu = 0;
    rc = hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0);
    check("domctl-getvcpuinfo",
          rc == 0 && op.u.getvcpuinfo.online && op.u.getvcpuinfo.cpu_time,
          "rc %ld, online %u, blocked %u, running %u, %lu ns on pCPU %u", rc,
          op.u.getvcpuinfo.online, op.u.getvcpuinfo.blocked,
          op.u.getvcpuinfo.running, (unsigned long)op.u.getvcpuinfo.cpu_time,
          op.u.getvcpuinfo.cpu);
    domctl(&op, XEN_DOMCTL_getvcpuinfo, 0);
    op.u.getvcpuinfo.vcpu = 4096;
    check_rc("domctl-getvcpuinfo-bad-vcpu",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0), -EINVAL);

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

static void config_for_arm(struct xen_domctl *op)
{
    struct xen_domctl_createdomain *c = &op->u.createdomain;

    c->flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
    c->max_vcpus = 2;
    c->max_grant_frames = -1;
    c->max_maptrack_frames = -1;
    c->arch.gic_version = XEN_DOMCTL_CONFIG_GIC_NATIVE;
    c->arch.nr_spis = 32;
}

/* createdomain with one field spoiled by spoil(); the errno it gives. */
static long create_spoiled(void (*spoil)(struct xen_domctl_createdomain *))
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_createdomain;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    config_for_arm(&op);
    spoil(&op.u.createdomain);
    return hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0);
}

static void no_flags(struct xen_domctl_createdomain *c) { c->flags = 0; }
static void no_vcpus(struct xen_domctl_createdomain *c) { c->max_vcpus = 0; }
static void gic_v2(struct xen_domctl_createdomain *c) { c->arch.gic_version = 1; }
static void many_spis(struct xen_domctl_createdomain *c) { c->arch.nr_spis = 5000; }
static void a_tee(struct xen_domctl_createdomain *c) { c->arch.tee_type = 1; }

static long create_domain(domid_t want)
{
    struct xen_domctl op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_createdomain;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op.domain = want;
    config_for_arm(&op);
    rc = hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0);
    return rc ? rc : op.domain;
}

#define GUEST_PAGES 4096        /* 16 MiB */

/* populate_physmap of n pages from gfn on for domain id: extents done. */
static long populate(domid_t id, uint64_t gfn, unsigned int n)
{
    static xen_pfn_t gfns[GUEST_PAGES];
    struct xen_memory_reservation r = {
        .nr_extents = n,
        .domid = id,
    };
    unsigned int i;

    for ( i = 0; i < n; i++ )
        gfns[i] = gfn + i;
    r.extent_start.p = gfns;
    return hypercall(__HYPERVISOR_memory_op, XENMEM_populate_physmap,
                     HC_PTR(&r), 0);
}

/* A domain with vCPUs and memory, as a builder would start one. */
static void test_memory_and_vcpus(long id)
{
    struct xen_domctl op;
    const struct xen_domctl_getdomaininfo *info = &op.u.getdomaininfo;
    uint64_t ram = GUEST_RAM0_BASE >> 12;
    long rc;

    domctl(&op, XEN_DOMCTL_max_vcpus, id);
    op.u.max_vcpus.max = 3;
    check_rc("domctl-max-vcpus-wrong-count",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0), -EINVAL);
    domctl(&op, XEN_DOMCTL_max_vcpus, id);
    op.u.max_vcpus.max = 2;
    check_rc("domctl-max-vcpus",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0), 0);

    check_rc("domctl-populate-without-max-mem", populate(id, ram, 16), 0);
    domctl(&op, XEN_DOMCTL_max_mem, id);
    op.u.max_mem.max_memkb = GUEST_PAGES * 4;
    check_rc("domctl-max-mem",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0), 0);
    check_rc("domctl-populate", populate(id, ram, GUEST_PAGES), GUEST_PAGES);
    check_rc("domctl-populate-over-max-mem",
             populate(id, ram + GUEST_PAGES, 16), 0);

    domctl(&op, XEN_DOMCTL_getvcpuinfo, id);
    op.u.getvcpuinfo.vcpu = 1;
    rc = hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0);
    check("domctl-getvcpuinfo-new-vcpu",
          rc == 0 && !op.u.getvcpuinfo.online && !op.u.getvcpuinfo.running &&
          !op.u.getvcpuinfo.cpu_time,
          "rc %ld, online %u, running %u, %lu ns", rc, op.u.getvcpuinfo.online,
          op.u.getvcpuinfo.running, (unsigned long)op.u.getvcpuinfo.cpu_time);
    domctl(&op, XEN_DOMCTL_getvcpuinfo, id);
    op.u.getvcpuinfo.vcpu = 2;
    check_rc("domctl-getvcpuinfo-past-max",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0), -EINVAL);

    rc = domctl(&op, XEN_DOMCTL_getdomaininfo, id);
    check("domctl-built-info",
          rc == 0 && info->tot_pages == GUEST_PAGES &&
          info->max_pages == GUEST_PAGES && info->max_vcpu_id == 1 &&
          !info->nr_online_vcpus,
          "rc %ld, %lu of %lu pages, max vCPU id %u, %u online", rc,
          (unsigned long)info->tot_pages, (unsigned long)info->max_pages,
          info->max_vcpu_id, info->nr_online_vcpus);
}

static void destroy_domain(domid_t id)
{
    struct xen_domctl op;

    check_rc("foreign-domain-destroy",
             domctl(&op, XEN_DOMCTL_destroydomain, id), 0);
}

/* A domain of one page for test_foreign_map(), which destroys it. */
static void foreign_map_case(void)
{
    struct xen_domctl op;
    long id = create_domain(0);

    if ( !check("foreign-domain", id > 0, "domain %ld", id) )
        return;
    domctl(&op, XEN_DOMCTL_max_mem, id);
    op.u.max_mem.max_memkb = 4;
    hypercall(__HYPERVISOR_domctl, HC_PTR(&op), 0, 0);
    check_rc("foreign-domain-page", populate(id, GUEST_RAM0_BASE >> 12, 1), 1);
    test_foreign_map(id, destroy_domain);
}

static void test_lifecycle(void)
{
    struct ioctl_evtchn_bind_virq bv = { .virq = VIRQ_DOM_EXC };
    struct hv_counters before, after;
    const char *why = "";
    int fd, port;
    struct xen_domctl op;
    const struct xen_domctl_getdomaininfo *info = &op.u.getdomaininfo;
    long id, rc;
    int i;

    check_rc("domctl-create-no-flags", create_spoiled(no_flags), -EINVAL);
    check_rc("domctl-create-no-vcpus", create_spoiled(no_vcpus), -EINVAL);
    check_rc("domctl-create-gicv2", create_spoiled(gic_v2), -EOPNOTSUPP);
    check_rc("domctl-create-too-many-spis", create_spoiled(many_spis), -EINVAL);
    check_rc("domctl-create-tee", create_spoiled(a_tee), -EINVAL);

    /*
     * Not inside the window the heap is compared over: the frames dom0
     * lends to foreign mappings are its own RAM, ballooned out, and the
     * stage-2 tables that splits stay, as on Xen (guest-destroy checks,
     * after a warm-up, that a guest's pages all come back).
     */
    foreign_map_case();
    if ( !check("domctl-lifecycle-counters", hv_counters_read(&before), "") )
        return;
    id = create_domain(0);
    if ( !check("domctl-create", id > 0, "domain %ld", id) )
        return;
    rc = domctl(&op, XEN_DOMCTL_getdomaininfo, id);
    check("domctl-create-info",
          rc == 0 && op.domain == id && info->domain == id &&
          (info->flags & XEN_DOMINF_paused) && !info->tot_pages &&
          !info->nr_online_vcpus && info->arch_config.nr_spis == 32,
          "rc %ld, domain %u, flags %#x, %lu pages, %u vCPUs online, %u SPIs",
          rc, info->domain, info->flags, (unsigned long)info->tot_pages,
          info->nr_online_vcpus, info->arch_config.nr_spis);
    check_rc("domctl-create-taken-id", create_domain(id), -EEXIST);
    test_memory_and_vcpus(id);
    test_builder_ops(id);

    check_rc("domctl-pause", domctl(&op, XEN_DOMCTL_pausedomain, id), 0);
    check_rc("domctl-unpause", domctl(&op, XEN_DOMCTL_unpausedomain, id), 0);
    check_rc("domctl-unpause-created",
             domctl(&op, XEN_DOMCTL_unpausedomain, id), 0);
    rc = domctl(&op, XEN_DOMCTL_getdomaininfo, id);
    check("domctl-unpaused", rc == 0 && !(info->flags & XEN_DOMINF_paused),
          "rc %ld, flags %#x", rc, info->flags);
    check_rc("domctl-unpause-not-paused",
             domctl(&op, XEN_DOMCTL_unpausedomain, id), -EINVAL);
    check_rc("domctl-pause-self", domctl(&op, XEN_DOMCTL_pausedomain, 0),
             -EINVAL);
    check_rc("domctl-destroy-self", domctl(&op, XEN_DOMCTL_destroydomain, 0),
             -EINVAL);

    /* Dom0 hears of a domain's death, as xenstored and xl wait to. */
    fd = open_evtchn();
    port = fd < 0 ? -1 : ioctl(fd, IOCTL_EVTCHN_BIND_VIRQ, &bv);
    check_rc("domctl-destroy", domctl(&op, XEN_DOMCTL_destroydomain, id), 0);
    check("domctl-destroy-virq-dom-exc", port > 0 && take_event(fd, port, &why),
          "port %d: %s", port, port > 0 ? why : "cannot bind VIRQ_DOM_EXC");
    if ( fd >= 0 )
        close(fd);
    check_rc("domctl-destroyed-gone",
             domctl(&op, XEN_DOMCTL_getdomaininfo, id), -ESRCH);
    check_rc("domctl-destroy-again",
             domctl(&op, XEN_DOMCTL_destroydomain, id), -ESRCH);

    /* Many lives: every page of every one of them comes back. */
    for ( i = 0; i < 20; i++ ) {
        long next = create_domain(0);

        if ( next <= 0 || domctl(&op, XEN_DOMCTL_destroydomain, next) )
            break;
        id = next;
    }
    check("domctl-create-destroy-cycles", i == 20, "%d of 20, last domain %ld",
          i, id);
    if ( check("domctl-lifecycle-counters-after", hv_counters_read(&after), "") )
        check("domctl-nothing-lost",
              after.heap_free == before.heap_free && after.ports == before.ports,
              "free heap pages %ld -> %ld, dom0 ports %ld -> %ld",
              before.heap_free, after.heap_free, before.ports, after.ports);
}

void test_domctl(void)
{
    struct hv_counters hv;

    if ( !check("domctl-counters", hv_counters_read(&hv), "") )
        return;
    test_getdomaininfo(&hv);
    test_getdomaininfolist();
    test_physinfo(&hv);
    test_lifecycle();
}
