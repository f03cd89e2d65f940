/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall dispatch.  Handlers take up to five register-sized arguments
 * (pointers are guest virtual addresses) and return a long: >= 0 on
 * success, -errno on failure.  A number without a handler gets -ENOSYS,
 * logged once per number.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>

typedef long (*hypercall_fn_t)(uint64_t a1, uint64_t a2, uint64_t a3,
                               uint64_t a4, uint64_t a5);

long do_hypercall(unsigned int nr, const uint64_t args[5]);

/*
 * -ENOSYS for a sub-op that is not implemented, logged the first time each
 * op (below 64) reaches the call site owning the logged bitmap.
 */
long subop_unimplemented(unsigned long *logged, const char *hypercall,
                         unsigned int op);
#define SUBOP_UNIMPLEMENTED(hypercall, op) ({                           \
    static unsigned long logged_[BITS_TO_LONGS(64)];                    \
    subop_unimplemented(logged_, hypercall, op);                        \
})

/* Handlers (arguments as the guest passes them). */
long do_xen_version(uint64_t cmd, uint64_t arg);
long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf);
long do_sched_op(uint64_t cmd, uint64_t arg);
long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg);
long do_memory_op(uint64_t cmd, uint64_t arg);
long do_hvm_op(uint64_t op, uint64_t arg);
long do_vm_assist(uint64_t cmd, uint64_t type);
long do_platform_op(uint64_t arg);
long do_physdev_op(uint64_t cmd, uint64_t arg);
long do_grant_table_op(unsigned int cmd, uint64_t uop, unsigned int count);
long do_sysctl(uint64_t arg);
long do_domctl(uint64_t arg);

#endif
