/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * UART drivers found through the device tree.  Each driver places one
 * descriptor in the dt_uarts section; the console picks the node named by
 * dtuart=, else /chosen/stdout-path, else the first node a driver matches.
 */
#ifndef XEN_DT_UART_H
#define XEN_DT_UART_H

#include <xen/compiler.h>
#include <xen/types.h>

struct dt_uart {
    const char *compatible;
    /* Takes over the UART described by this node; 0 or -errno. */
    int (*init)(const void *fdt, int node);
};

#define DT_UART(name, compat, fn)                                        \
    static const struct dt_uart dt_uart_##name                           \
        __used __section("dt_uarts") = { compat, fn }

/* Finds and starts the console UART; called once the DT is readable. */
void dt_uart_setup(const void *fdt);

/* The console UART's node: the hypervisor keeps it from dom0 (-1: none). */
extern int dt_console_node;

#endif
