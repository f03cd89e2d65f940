/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

/* What a UART driver offers the console. */
struct uart_ops {
    void (*putc)(void *priv, char c);
    /* Polls for one received byte; false when none is waiting. */
    bool (*getc)(void *priv, char *c);
};

/* Attaches the console UART and replays everything logged so far. */
void console_set_uart(const struct uart_ops *ops, void *priv);

/* A byte arrived on the console UART (called from the driver's IRQ). */
void console_rx_char(char c);

/* Raw output from a guest's console (console_io from dom0): no prefix. */
void console_guest_write(const char *buf, size_t len);

/* Takes up to len bytes of input queued for dom0; returns the count. */
size_t console_dom0_read(char *buf, size_t len);

/* After boot, serial input goes to dom0 (Ctrl-A three times switches). */
void console_switch_input_to_dom0(void);

/* Copies the log ring from offset *idx for sysctl readconsole. */
size_t console_ring_read(char *buf, size_t len, uint32_t *idx, bool clear);

/* Synchronous output for crash reports: bypasses locks. */
void console_force_unlock(void);

/* Debug keys typed while input goes to the hypervisor. */
typedef void (*keyhandler_fn)(unsigned char key);
void register_keyhandler(unsigned char key, keyhandler_fn fn, const char *desc);
/* Runs the handler of a key, as if typed (also sysctl debug_keys). */
void console_handle_key(unsigned char key);

#endif
