/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef XEN_SYMBOLS_H
#define XEN_SYMBOLS_H

/* Name of the function containing addr and the offset into it, or NULL. */
const char *symbols_lookup(unsigned long addr, unsigned long *offset);

/* Prints "name+0xoff" (or the raw address) for addr. */
void print_symbol(unsigned long addr);

#endif
