/* xen-sources: */
/*
 * Layouts of the public ABI structures, pinned to the sizes and offsets
 * Linux 6.1 (and Xen 4.17's headers) use on arm64.  The host build is
 * LP64 little-endian like arm64, so the same numbers hold here.
 */
#include <stddef.h>

#include <public/domctl.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/hvm/hvm_op.h>
#include <public/memory.h>
#include <public/platform.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/vcpu.h>
#include <public/version.h>
#include <public/xen.h>

#include "harness.h"

#define LAYOUT(type, size) CHECK_EQ(sizeof(type), size)
#define AT(type, field, off) CHECK_EQ(offsetof(type, field), off)

TEST(shared_structures)
{
    LAYOUT(struct vcpu_time_info, 32);
    LAYOUT(struct vcpu_info, 48);
    AT(struct vcpu_info, evtchn_pending_sel, 8);
    AT(struct vcpu_info, time, 16);
    LAYOUT(struct shared_info, 1088);
    AT(struct shared_info, evtchn_pending, 48);
    AT(struct shared_info, evtchn_mask, 560);
    AT(struct shared_info, wc_version, 1072);
    AT(struct shared_info, wc_sec, 1076);
    AT(struct shared_info, wc_nsec, 1080);
    AT(struct shared_info, wc_sec_hi, 1084);
    LAYOUT(struct multicall_entry, 64);
    LAYOUT(struct evtchn_fifo_control_block, 72);
}

TEST(memory_op)
{
    LAYOUT(struct xen_add_to_physmap, 24);
    AT(struct xen_add_to_physmap, space, 4);
    AT(struct xen_add_to_physmap, idx, 8);
    AT(struct xen_add_to_physmap, gpfn, 16);
    LAYOUT(struct xen_add_to_physmap_batch, 32);
    AT(struct xen_add_to_physmap_batch, foreign_domid, 6);
    AT(struct xen_add_to_physmap_batch, idxs, 8);
    AT(struct xen_add_to_physmap_batch, errs, 24);
    LAYOUT(struct xen_remove_from_physmap, 16);
    AT(struct xen_remove_from_physmap, gpfn, 8);
    LAYOUT(struct xen_memory_reservation, 32);
    AT(struct xen_memory_reservation, nr_extents, 8);
    AT(struct xen_memory_reservation, extent_order, 16);
    AT(struct xen_memory_reservation, domid, 24);
    LAYOUT(struct xen_mem_acquire_resource, 32);
    AT(struct xen_mem_acquire_resource, frame, 16);
    AT(struct xen_mem_acquire_resource, frame_list, 24);
}

TEST(vcpu_and_hvm_op)
{
    LAYOUT(struct vcpu_register_vcpu_info, 16);
    AT(struct vcpu_register_vcpu_info, offset, 8);
    LAYOUT(struct vcpu_register_runstate_memory_area, 8);
    LAYOUT(struct vcpu_runstate_info, 48);
    AT(struct vcpu_runstate_info, state_entry_time, 8);
    AT(struct vcpu_runstate_info, time, 16);
    LAYOUT(struct xen_hvm_param, 16);
    AT(struct xen_hvm_param, index, 4);
    AT(struct xen_hvm_param, value, 8);
    LAYOUT(struct xen_feature_info, 8);
    LAYOUT(struct sched_shutdown, 4);
    LAYOUT(struct sched_poll, 24);
    LAYOUT(struct xen_platform_op, 136);
    AT(struct xen_platform_op, u.settime64.system_time, 24);
}

TEST(event_channel_op)
{
    LAYOUT(struct evtchn_init_control, 24);
    AT(struct evtchn_init_control, offset, 8);
    AT(struct evtchn_init_control, vcpu, 12);
    AT(struct evtchn_init_control, link_bits, 16);
    LAYOUT(struct evtchn_expand_array, 8);
    LAYOUT(struct evtchn_alloc_unbound, 8);
    AT(struct evtchn_alloc_unbound, port, 4);
    LAYOUT(struct evtchn_bind_interdomain, 12);
    AT(struct evtchn_bind_interdomain, local_port, 8);
    LAYOUT(struct evtchn_bind_virq, 12);
    LAYOUT(struct evtchn_bind_ipi, 8);
    LAYOUT(struct evtchn_close, 4);
    LAYOUT(struct evtchn_status, 24);
    AT(struct evtchn_status, status, 8);
    AT(struct evtchn_status, vcpu, 12);
    AT(struct evtchn_status, u.interdomain.dom, 16);
    AT(struct evtchn_status, u.interdomain.port, 20);
    LAYOUT(struct evtchn_bind_vcpu, 8);
    LAYOUT(struct evtchn_set_priority, 8);
}

TEST(grant_table_op)
{
    LAYOUT(struct grant_entry_v1, 8);
    AT(struct grant_entry_v1, domid, 2);
    AT(struct grant_entry_v1, frame, 4);
    LAYOUT(struct gnttab_map_grant_ref, 32);
    AT(struct gnttab_map_grant_ref, ref, 12);
    AT(struct gnttab_map_grant_ref, dom, 16);
    AT(struct gnttab_map_grant_ref, status, 18);
    AT(struct gnttab_map_grant_ref, handle, 20);
    AT(struct gnttab_map_grant_ref, dev_bus_addr, 24);
    LAYOUT(struct gnttab_unmap_grant_ref, 24);
    AT(struct gnttab_unmap_grant_ref, handle, 16);
    AT(struct gnttab_unmap_grant_ref, status, 20);
    LAYOUT(struct gnttab_copy, 40);
    AT(struct gnttab_copy, dest, 16);
    AT(struct gnttab_copy, len, 32);
    AT(struct gnttab_copy, flags, 34);
    AT(struct gnttab_copy, status, 36);
    LAYOUT(struct gnttab_query_size, 16);
    AT(struct gnttab_query_size, max_nr_frames, 8);
    AT(struct gnttab_query_size, status, 12);
    LAYOUT(struct gnttab_setup_table, 24);
    AT(struct gnttab_setup_table, frame_list, 16);
    LAYOUT(struct gnttab_cache_flush, 16);
    AT(struct gnttab_cache_flush, op, 12);
}

TEST(domctl_and_sysctl)
{
    LAYOUT(struct xen_arch_domainconfig, 12);
    AT(struct xen_arch_domainconfig, tee_type, 2);
    AT(struct xen_arch_domainconfig, nr_spis, 4);
    LAYOUT(struct xen_domctl_getdomaininfo, 120);
    AT(struct xen_domctl_getdomaininfo, flags, 4);
    AT(struct xen_domctl_getdomaininfo, tot_pages, 8);
    AT(struct xen_domctl_getdomaininfo, shared_info_frame, 48);
    AT(struct xen_domctl_getdomaininfo, cpu_time, 56);
    AT(struct xen_domctl_getdomaininfo, nr_online_vcpus, 64);
    AT(struct xen_domctl_getdomaininfo, handle, 76);
    AT(struct xen_domctl_getdomaininfo, cpupool, 92);
    AT(struct xen_domctl_getdomaininfo, gpaddr_bits, 96);
    AT(struct xen_domctl_getdomaininfo, arch_config, 104);
    AT(struct xen_domctl, interface_version, 4);
    AT(struct xen_domctl, domain, 8);
    AT(struct xen_domctl, u, 16);
    LAYOUT(struct xen_domctl_createdomain, 68);
    AT(struct xen_domctl_createdomain, flags, 20);
    AT(struct xen_domctl_createdomain, max_vcpus, 28);
    AT(struct xen_domctl_createdomain, max_grant_frames, 36);
    AT(struct xen_domctl_createdomain, cpupool_id, 52);
    AT(struct xen_domctl_createdomain, arch, 56);
    LAYOUT(struct xen_domctl_max_mem, 8);
    LAYOUT(struct xen_domctl_getvcpuinfo, 24);
    AT(struct xen_domctl_getvcpuinfo, blocked, 5);
    AT(struct xen_domctl_getvcpuinfo, cpu_time, 8);
    AT(struct xen_domctl_getvcpuinfo, cpu, 16);
    LAYOUT(struct vcpu_guest_core_regs, 312);
    AT(struct vcpu_guest_core_regs, pc64, 248);
    AT(struct vcpu_guest_core_regs, cpsr, 256);
    AT(struct vcpu_guest_core_regs, spsr_el1, 264);
    AT(struct vcpu_guest_core_regs, spsr_fiq, 272);
    AT(struct vcpu_guest_core_regs, sp_el0, 288);
    AT(struct vcpu_guest_core_regs, elr_el1, 304);
    LAYOUT(struct vcpu_guest_context, 352);
    AT(struct vcpu_guest_context, user_regs, 8);
    AT(struct vcpu_guest_context, sctlr, 320);
    AT(struct vcpu_guest_context, ttbr1, 344);
    LAYOUT(struct xen_domctl_vcpucontext, 16);
    AT(struct xen_domctl_vcpucontext, ctxt, 8);
    LAYOUT(struct xenctl_bitmap, 16);
    AT(struct xenctl_bitmap, nr_bits, 8);
    LAYOUT(struct xen_domctl_vcpuaffinity, 40);
    AT(struct xen_domctl_vcpuaffinity, cpumap_hard, 8);
    AT(struct xen_domctl_vcpuaffinity, cpumap_soft, 24);
    LAYOUT(struct xen_domctl_settimeoffset, 8);
    LAYOUT(struct xen_domctl_set_target, 2);
    LAYOUT(struct xen_domctl_cacheflush, 16);
    LAYOUT(struct xen_domctl, 144);
    LAYOUT(struct xen_sysctl_physinfo, 112);
    AT(struct xen_sysctl_physinfo, arch_capabilities, 32);
    AT(struct xen_sysctl_physinfo, total_pages, 40);
    AT(struct xen_sysctl_physinfo, max_mfn, 72);
    AT(struct xen_sysctl_physinfo, hw_cap, 80);
    LAYOUT(struct xen_sysctl_getdomaininfolist, 24);
    AT(struct xen_sysctl_getdomaininfolist, max_domains, 4);
    AT(struct xen_sysctl_getdomaininfolist, buffer, 8);
    AT(struct xen_sysctl_getdomaininfolist, num_domains, 16);
    LAYOUT(struct xen_sysctl_cputopo, 12);
    LAYOUT(struct xen_sysctl_cputopoinfo, 16);
    AT(struct xen_sysctl_cputopoinfo, cputopo, 8);
    AT(struct xen_sysctl, u, 8);
    LAYOUT(struct xen_sysctl, 136);
}

TESTS(T(shared_structures), T(memory_op), T(vcpu_and_hvm_op),
      T(event_channel_op), T(grant_table_op), T(domctl_and_sysctl))
