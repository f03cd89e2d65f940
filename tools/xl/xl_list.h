/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text of "xl list", byte for byte as Xen 4.17's xl prints it, for
 * scripts that read it:
 *
 *   Name                                        ID   Mem VCPUs	State	Time(s)
 *   Domain-0                                     0   512     2     r-----      12.3
 *
 * The state is six letters, '-' when not so: r running, b blocked,
 * p paused, s shut down, then why it shut down (- poweroff, r reboot,
 * s suspend, c crash, w watchdog, S soft reset, ? other), d dying.
 */
#ifndef XL_LIST_H
#define XL_LIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Bits of xl_list_row.state. */
#define XL_LIST_RUNNING  (1U << 0)
#define XL_LIST_BLOCKED  (1U << 1)
#define XL_LIST_PAUSED   (1U << 2)
#define XL_LIST_SHUTDOWN (1U << 3)
#define XL_LIST_DYING    (1U << 4)

struct xl_list_row {
    /* NULL when it could not be read: "(null)", as glibc printed it. */
    const char *name;
    uint32_t domid;
    uint64_t mem_kib; /* current plus outstanding, as xl adds them */
    unsigned int vcpus_online;
    unsigned int state; /* XL_LIST_* */
    /* SHUTDOWN_* of xen/sched.h; looked at with XL_LIST_SHUTDOWN only. */
    unsigned int shutdown_reason;
    uint64_t cpu_time_ns;
};

/* state and shutdown_reason from getdomaininfo's XEN_DOMINF_* flags. */
void xl_list_row_set_state(struct xl_list_row *row, uint32_t dominf_flags);

/* The six state letters of a row, and a NUL. */
void xl_list_state_letters(const struct xl_list_row *row, char out[7]);

/* One line each, with its newline.  Return 0, or EIO if out failed. */
int xl_list_print_header(FILE *out);
int xl_list_print_row(FILE *out, const struct xl_list_row *row);
/* The header, then the rows. */
int xl_list_print(FILE *out, const struct xl_list_row *rows, size_t n);

#endif /* XL_LIST_H */
