/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Inside the device-tree writer: a libfdt sequential-write buffer whose
 * first error sticks, so that node writers read as a list of properties
 * and the error is looked at once, with where it happened.
 */
#ifndef XG_ARM_FDT_H
#define XG_ARM_FDT_H

#include "xg_arm.h"

struct dt_writer {
    void *fdt;
    int err;                /* the first libfdt error, or 0 */
    char where[64];         /* the node being written when it came */
};

/* Property helpers (xg_arm_fdt_props.c); each does nothing after an error. */
void dt_begin(struct dt_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dt_end(struct dt_writer *w);
void dt_u32(struct dt_writer *w, const char *name, uint32_t v);
void dt_u64(struct dt_writer *w, const char *name, uint64_t v);
void dt_string(struct dt_writer *w, const char *name, const char *s);
void dt_empty(struct dt_writer *w, const char *name);
void dt_bytes(struct dt_writer *w, const char *name, const void *v,
              size_t len);
/* A string list, as "compatible" is: n strings, each NUL-terminated. */
void dt_strings(struct dt_writer *w, const char *name,
                const char *const *s, unsigned int n);
/* "reg" of n (base, size) pairs, with #address-cells = #size-cells = 2. */
void dt_regs(struct dt_writer *w, const uint64_t (*ranges)[2],
             unsigned int n);
/* "interrupts" of n PPIs for all CPUs, level-low, and interrupt-parent. */
void dt_ppis(struct dt_writer *w, const unsigned int *ppis, unsigned int n);

/* The GIC's phandle: libxl's GUEST_PHANDLE_GIC, which guests may know. */
#define XG_PHANDLE_GIC      65000

/* The nodes (xg_arm_fdt_nodes.c), in the order libxl writes them. */
void dt_root_props(struct dt_writer *w, const struct xg_arm_dt_params *p);
void dt_chosen(struct dt_writer *w, const struct xg_arm_dt_params *p);
void dt_cpus(struct dt_writer *w, unsigned int nr_vcpus);
void dt_psci(struct dt_writer *w);
void dt_memory(struct dt_writer *w, const struct xg_arm_layout *l);
void dt_gicv3(struct dt_writer *w, const struct xg_arm_hw *hw);
void dt_timer(struct dt_writer *w, const struct xg_arm_hw *hw);
void dt_hypervisor(struct dt_writer *w, const struct xg_arm_dt_params *p,
                   const struct xg_arm_hw *hw);

#endif
