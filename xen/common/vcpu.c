/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op.  Arm guests use two sub-ops (vcpu_info placement and the
 * runstate area); vCPUs come up and go down through PSCI, so, as in Xen
 * on Arm, every other sub-op is -EINVAL.
 */
#include <xen/errno.h>
#include <xen/event_channel.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/vcpu.h>

long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg)
{
    struct domain *d = current->domain;
    struct vcpu *v;

    if ( vcpuid >= d->max_vcpus || !(v = d->vcpu[vcpuid]) )
        return -ENOENT;

    switch ( cmd ) {
    case VCPUOP_register_vcpu_info: {
        struct vcpu_register_vcpu_info info;

        if ( raw_copy_from_guest(&info, arg, sizeof(info)) )
            return -EFAULT;
        /* Only a vCPU itself, or one not running, may be moved. */
        if ( v != current && !test_bit(_VPF_down, &v->pause_flags) )
            return -EINVAL;
        return map_vcpu_info(v, _gfn(info.mfn), info.offset);
    }
    case VCPUOP_register_runstate_memory_area: {
        struct vcpu_register_runstate_memory_area area;

        if ( raw_copy_from_guest(&area, arg, sizeof(area)) )
            return -EFAULT;
        v->runstate_guest_va = area.addr.p;
        return 0;
    }
    }
    return -EINVAL;
}
