/* SPDX-License-Identifier: MIT */
/* Guest ABI: vcpu_op. */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

#define VCPUOP_initialise           0
#define VCPUOP_up                   1
#define VCPUOP_down                 2
#define VCPUOP_is_up                3
#define VCPUOP_get_runstate_info    4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer   6
#define VCPUOP_stop_periodic_timer  7
#define VCPUOP_set_singleshot_timer 8
#define VCPUOP_stop_singleshot_timer 9
#define VCPUOP_register_vcpu_info   10
#define VCPUOP_send_nmi             11
#define VCPUOP_get_physid           12
#define VCPUOP_register_vcpu_time_memory_area 13

struct vcpu_runstate_info {
    int state;
    uint64_t state_entry_time;  /* bit 63 set while being updated */
    uint64_t time[4];
};
#define XEN_RUNSTATE_UPDATE (1ULL << 63)

struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(void) h;
        struct vcpu_runstate_info *v;
        uint64_t p;
    } addr;
};

struct vcpu_register_vcpu_info {
    uint64_t mfn;       /* guest frame holding the vcpu_info */
    uint32_t offset;    /* its offset within the frame */
    uint32_t rsvd;      /* not initialised by Linux: ignored */
};

struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;
    uint32_t flags;
#define VCPU_SSHOTTMR_future (1u << 0)
};

#endif
