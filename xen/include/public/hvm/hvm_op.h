/* SPDX-License-Identifier: MIT */
/* Guest ABI: hvm_op (parameter get/set is all Arm has). */
#ifndef __XEN_PUBLIC_HVM_HVM_OP_H__
#define __XEN_PUBLIC_HVM_HVM_OP_H__

#include "../xen.h"

#define HVMOP_set_param 0
#define HVMOP_get_param 1
struct xen_hvm_param {
    domid_t domid;
    uint16_t pad;           /* not initialised by Linux: ignored */
    uint32_t index;
    uint64_t value;
};

#define HVMOP_guest_request_vm_event 24

#endif
