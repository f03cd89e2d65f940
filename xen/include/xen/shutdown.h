/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/compiler.h>

extern bool opt_noreboot;

/* Arch: stop this machine for good, or restart it. */
void __noreturn machine_halt(void);
void __noreturn machine_restart(void);

/* Arch: registers and backtrace of the current context. */
void dump_execution_state(void);

#endif
