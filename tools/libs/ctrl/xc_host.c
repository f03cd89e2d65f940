/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The host (physinfo, CPU topology, the hypervisor's console ring and
 * version) and the per-domain calls that are not domctls: event channels
 * and HVM parameters set up by the toolstack.
 */
#include <errno.h>
#include <string.h>

#include <xen/event_channel.h>
#include <xen/hvm/hvm_op.h>
#include <xen/version.h>

#include "xc_private.h"

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo };

    if ( xc_sysctl(xch, &op) )
        return -1;
    *info = op.u.physinfo;
    return 0;
}

int xc_cputopoinfo(xc_interface *xch, unsigned int *max_cpus,
                   xc_cputopo_t *cputopo)
{
    struct xc_bounce b = { .user = cputopo, .out = true };
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_cputopoinfo };
    int rc;

    if ( cputopo )
        b.size = *max_cpus * sizeof(*cputopo);
    if ( xc_bounce_pre(xch, &b) )
        return -1;
    op.u.cputopoinfo.num_cpus = *max_cpus;
    op.u.cputopoinfo.cputopo.q = (uintptr_t)b.hbuf;
    rc = xc_sysctl(xch, &op);
    xc_bounce_post(xch, &b, !rc);
    if ( !rc )
        *max_cpus = op.u.cputopoinfo.num_cpus;
    return rc;
}

int xc_readconsolering(xc_interface *xch, char *buffer,
                       unsigned int *pnr_chars, int clear, int incremental,
                       uint32_t *pindex)
{
    struct xc_bounce b = { .user = buffer, .size = *pnr_chars, .out = true };
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_readconsole };
    int rc;

    if ( xc_bounce_pre(xch, &b) )
        return -1;
    op.u.readconsole.clear = !!clear;
    op.u.readconsole.incremental = !!incremental;
    op.u.readconsole.index = pindex ? *pindex : 0;
    op.u.readconsole.buffer.q = (uintptr_t)b.hbuf;
    op.u.readconsole.count = *pnr_chars;
    rc = xc_sysctl(xch, &op);
    xc_bounce_post(xch, &b, !rc);
    if ( rc )
        return -1;
    *pnr_chars = op.u.readconsole.count;
    if ( pindex )
        *pindex = op.u.readconsole.index;
    return 0;
}

/* How many bytes each XENVER_* query writes. */
static size_t version_arg_size(int cmd)
{
    switch ( cmd ) {
    case XENVER_version:
        return 0;
    case XENVER_extraversion:
        return sizeof(xen_extraversion_t);
    case XENVER_compile_info:
        return sizeof(struct xen_compile_info);
    case XENVER_capabilities:
        return sizeof(xen_capabilities_info_t);
    case XENVER_changeset:
        return sizeof(xen_changeset_info_t);
    case XENVER_platform_parameters:
        return sizeof(struct xen_platform_parameters);
    case XENVER_get_features:
        return sizeof(struct xen_feature_info);
    case XENVER_pagesize:
        return 0;
    case XENVER_commandline:
        return sizeof(xen_commandline_t);
    }
    return (size_t)-1;
}

int xc_version(xc_interface *xch, int cmd, void *arg)
{
    size_t size = version_arg_size(cmd);
    struct xc_bounce b = { .user = arg, .size = size, .in = true,
                           .out = true };
    int rc;

    if ( size == (size_t)-1 ) {
        errno = EINVAL;
        return -1;
    }
    if ( xc_bounce_pre(xch, &b) )
        return -1;
    rc = xencall2(xch->xcall, __HYPERVISOR_xen_version, cmd,
                  (uintptr_t)b.hbuf);
    xc_bounce_post(xch, &b, rc >= 0);
    return rc;
}

int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom,
                            uint32_t remote_dom)
{
    struct evtchn_alloc_unbound op = { .dom = dom, .remote_dom = remote_dom };

    if ( xc_hypercall_struct(xch, __HYPERVISOR_event_channel_op,
                             EVTCHNOP_alloc_unbound, &op, sizeof(op)) < 0 )
        return -1;
    return op.port;
}

int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t param,
                     uint64_t value)
{
    struct xen_hvm_param op = { .domid = dom, .index = param, .value = value };

    return xc_hypercall_struct(xch, __HYPERVISOR_hvm_op, HVMOP_set_param,
                               &op, sizeof(op)) < 0 ? -1 : 0;
}

int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t param,
                     uint64_t *value)
{
    struct xen_hvm_param op = { .domid = dom, .index = param };

    if ( xc_hypercall_struct(xch, __HYPERVISOR_hvm_op, HVMOP_get_param,
                             &op, sizeof(op)) < 0 )
        return -1;
    *value = op.value;
    return 0;
}
