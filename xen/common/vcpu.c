/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op and the runstate area.  Arm guests use two sub-ops (vcpu_info
 * placement and the runstate area); vCPUs come up and go down through PSCI, so, as in Xen
 * on Arm, every other sub-op is -EINVAL.
 */
#include <xen/errno.h>
#include <xen/event_channel.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/vcpu.h>

/*
 * Writes v's runstate into the area its guest registered, through the
 * current translation regime: v is current, or (at registration) a vCPU of
 * current's domain, whose kernel mappings are the same.  Guests read the
 * area without a lock; with the runstate_update_flag assist, bit 63 of
 * state_entry_time is set while the rest changes, so a reader retries.
 * A fault is the guest's business, as in Xen: the area is left as it is.
 */
void vcpu_update_runstate_area(struct vcpu *v)
{
    struct vcpu_runstate_info info;
    uint64_t va = v->runstate_guest_va;
    /* The byte of state_entry_time holding bit 63 (little-endian). */
    uint64_t flag_va = va + offsetof(struct vcpu_runstate_info,
                                     state_entry_time) + 7;
    bool flagged = v->domain->vm_assist &
                   (1UL << VMASST_TYPE_runstate_update_flag);
    uint8_t top;

    if ( !va )
        return;
    vcpu_runstate_get(v, &info);
    top = info.state_entry_time >> 56;
    if ( flagged ) {
        info.state_entry_time |= XEN_RUNSTATE_UPDATE;
        top |= XEN_RUNSTATE_UPDATE >> 56;
        if ( raw_copy_to_guest(flag_va, &top, 1) )
            return;
        smp_wmb();
    }
    if ( raw_copy_to_guest(va, &info, sizeof(info)) || !flagged )
        return;
    smp_wmb();
    top &= ~(XEN_RUNSTATE_UPDATE >> 56);
    raw_copy_to_guest(flag_va, &top, 1);
}

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
        vcpu_update_runstate_area(v);
        return 0;
    }
    }
    return -EINVAL;
}
