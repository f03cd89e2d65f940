/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_KERNEL_H
#define XEN_KERNEL_H

/* How far boot has come: decides e.g. where page-table pages come from. */
enum system_state {
    SYS_STATE_early_boot,   /* boot allocator only */
    SYS_STATE_boot,         /* heap up, secondary CPUs coming */
    SYS_STATE_active,       /* dom0 running */
};
extern enum system_state system_state;

#endif
