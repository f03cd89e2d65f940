/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Run in an unprivileged guest (dom0-abi --isolation): everything that
 * would reach another domain or the host is refused.  Control
 * hypercalls, other domains' memory, dom0's grants and ports, HVM
 * parameters, the hypervisor's console, shutting dom0 down.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <xen/arch-arm.h>
#include <xen/domctl.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include <xen/version.h>

#include "dom0-abi.h"

/* Far above any guest's RAM: where a wrongly allowed mapping would land. */
#define SPARE_GFN 0x7000000UL

static void control_hypercalls(void)
{
    struct xen_domctl domctl = {
        .cmd = XEN_DOMCTL_getdomaininfo,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
    };
    struct xen_sysctl sysctl = {
        .cmd = XEN_SYSCTL_physinfo,
        .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
    };

    check_rc("isolation-domctl-getdomaininfo",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&domctl), 0, 0), -EPERM);
    domctl.cmd = XEN_DOMCTL_createdomain;
    check_rc("isolation-domctl-createdomain",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&domctl), 0, 0), -EPERM);
    domctl.cmd = XEN_DOMCTL_destroydomain;
    domctl.domain = 0;
    check_rc("isolation-domctl-destroy-dom0",
             hypercall(__HYPERVISOR_domctl, HC_PTR(&domctl), 0, 0), -EPERM);
    check_rc("isolation-sysctl-physinfo",
             hypercall(__HYPERVISOR_sysctl, HC_PTR(&sysctl), 0, 0), -EPERM);
    sysctl.cmd = XEN_SYSCTL_readconsole;
    check_rc("isolation-sysctl-readconsole",
             hypercall(__HYPERVISOR_sysctl, HC_PTR(&sysctl), 0, 0), -EPERM);
}

static void other_domains_memory(void)
{
    xen_pfn_t gfn = SPARE_GFN;
    xen_ulong_t idx = 0x40000;      /* some frame of dom0's */
    int err = 0;
    struct xen_memory_reservation r = {
        .nr_extents = 1, .domid = 0,
    };
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_gmfn_foreign, .size = 1,
        .foreign_domid = 0,
    };
    struct sched_remote_shutdown rs = { .domain_id = 0,
                                        .reason = SHUTDOWN_poweroff };
    long rc;

    r.extent_start.q = HC_PTR(&gfn);
    check_rc("isolation-populate-dom0",
             hypercall(__HYPERVISOR_memory_op, XENMEM_populate_physmap,
                       HC_PTR(&r), 0), -EPERM);
    check_rc("isolation-decrease-dom0",
             hypercall(__HYPERVISOR_memory_op, XENMEM_decrease_reservation,
                       HC_PTR(&r), 0), -EPERM);

    b.idxs.q = HC_PTR(&idx);
    b.gpfns.q = HC_PTR(&gfn);
    b.errs.q = HC_PTR(&err);
    rc = hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap_batch,
                   HC_PTR(&b), 0);
    check("isolation-foreign-map-dom0", rc == 0 && err == -EPERM,
          "batch returned %ld, the frame's error %d (expected -EPERM)", rc,
          err);
    check_rc("isolation-remote-shutdown-dom0",
             hypercall(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown,
                       HC_PTR(&rs), 0), -EPERM);
}

/* dom0 granted us nothing: no ref of its may be mapped or copied. */
static void dom0_grants(void)
{
    unsigned int ref, mapped = 0, copied = 0;
    char buf[64];

    for ( ref = 0; ref < 64; ref++ ) {
        struct gnttab_map_grant_ref map = {
            .host_addr = SPARE_GFN << 12, .flags = GNTMAP_host_map,
            .ref = ref, .dom = 0,
        };
        struct gnttab_copy copy = {
            .source = { .u.ref = ref, .domid = 0 },
            /* Our first RAM frame: the source side is what must fail. */
            .dest = { .u.gmfn = GUEST_RAM0_BASE >> 12, .domid = DOMID_SELF },
            .len = sizeof(buf), .flags = GNTCOPY_source_gref,
        };

        if ( hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref,
                       HC_PTR(&map), 1) == 0 && map.status == GNTST_okay )
            mapped++;
        /* Copying by frame number from dom0 is for privileged callers. */
        copy.source.u.gmfn = ref ? 0x40000 + ref : 0;
        copy.flags = ref ? 0 : GNTCOPY_source_gref;
        if ( hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy,
                       HC_PTR(&copy), 1) == 0 && copy.status == GNTST_okay )
            copied++;
    }
    check("isolation-map-dom0-grants", !mapped,
          "%u of dom0's refs 0-63 mapped", mapped);
    check("isolation-copy-from-dom0", !copied,
          "%u copies out of dom0 succeeded", copied);
}

/* dom0's ports are not ours to bind or to make. */
static void dom0_ports(void)
{
    struct evtchn_alloc_unbound alloc = { .dom = 0, .remote_dom = DOMID_SELF };
    unsigned int port, bound = 0;

    for ( port = 1; port < 64; port++ ) {
        struct evtchn_bind_interdomain bind = { .remote_dom = 0,
                                                .remote_port = port };

        if ( hypercall(__HYPERVISOR_event_channel_op,
                       EVTCHNOP_bind_interdomain, HC_PTR(&bind), 0) == 0 )
            bound++;
    }
    check("isolation-bind-dom0-ports", !bound,
          "%u of dom0's ports 1-63 bound", bound);
    check_rc("isolation-alloc-in-dom0",
             hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound,
                       HC_PTR(&alloc), 0), -EPERM);
}

static void hvm_params_and_console(void)
{
    struct xen_hvm_param p = { .domid = DOMID_SELF,
                               .index = HVM_PARAM_STORE_PFN,
                               .value = SPARE_GFN };
    char buf[16];

    check_rc("isolation-set-own-store-pfn",
             hypercall(__HYPERVISOR_hvm_op, HVMOP_set_param, HC_PTR(&p), 0),
             -EPERM);
    p.domid = 0;
    check_rc("isolation-get-dom0-param",
             hypercall(__HYPERVISOR_hvm_op, HVMOP_get_param, HC_PTR(&p), 0),
             -EPERM);
    check_rc("isolation-read-hypervisor-console",
             hypercall(__HYPERVISOR_console_io, CONSOLEIO_read, sizeof(buf),
                       HC_PTR(buf)), -EPERM);
}

void test_isolation(void)
{
    long v = hypercall(__HYPERVISOR_xen_version, XENVER_version, 0, 0);

    /* Without this, every refusal below could be privcmd's, not ours. */
    if ( !check("isolation-hypercalls-reach-hypervisor", v > 0,
                "xen_version returned %#lx", v) )
        return;
    control_hypercalls();
    other_domains_memory();
    dom0_grants();
    dom0_ports();
    hvm_params_and_console();
}
