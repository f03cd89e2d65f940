/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_INIT_H
#define XEN_INIT_H

#include <xen/compiler.h>

/*
 * Late boot hooks: run once, on CPU 0, after interrupts, timers and all
 * CPUs are up, before dom0 is built.
 */
typedef int (*initcall_t)(void);
#define __initcall(fn) \
    static const initcall_t __initcall_##fn __used __section("initcalls") = fn

void do_initcalls(void);

#endif
