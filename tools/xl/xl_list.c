/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "xl list" output.  The formats are Xen's, down to its arithmetic:
 * scripts split these columns, so a changed width or rounding breaks
 * them.
 */
#include <errno.h>

#include <xen/domctl.h>
#include <xen/sched.h>

#include "xl_list.h"

/* Indexed by SHUTDOWN_*: the fifth state letter. */
static const char shutdown_letters[] = "-rscwS";

void xl_list_row_set_state(struct xl_list_row *row, uint32_t dominf_flags)
{
    row->state = 0;
    if ( dominf_flags & XEN_DOMINF_running )
        row->state |= XL_LIST_RUNNING;
    if ( dominf_flags & XEN_DOMINF_blocked )
        row->state |= XL_LIST_BLOCKED;
    if ( dominf_flags & XEN_DOMINF_paused )
        row->state |= XL_LIST_PAUSED;
    if ( dominf_flags & XEN_DOMINF_shutdown )
        row->state |= XL_LIST_SHUTDOWN;
    if ( dominf_flags & XEN_DOMINF_dying )
        row->state |= XL_LIST_DYING;
    row->shutdown_reason =
        (dominf_flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
}

void xl_list_state_letters(const struct xl_list_row *row, char out[7])
{
    /* Without a shutdown, xl looks up reason 0, which prints '-'. */
    unsigned int reason =
        row->state & XL_LIST_SHUTDOWN ? row->shutdown_reason : 0;

    out[0] = row->state & XL_LIST_RUNNING ? 'r' : '-';
    out[1] = row->state & XL_LIST_BLOCKED ? 'b' : '-';
    out[2] = row->state & XL_LIST_PAUSED ? 'p' : '-';
    out[3] = row->state & XL_LIST_SHUTDOWN ? 's' : '-';
    out[4] =
        reason < sizeof(shutdown_letters) - 1 ? shutdown_letters[reason] : '?';
    out[5] = row->state & XL_LIST_DYING ? 'd' : '-';
    out[6] = '\0';
}

int xl_list_print_header(FILE *out)
{
    fputs("Name                                        ID   Mem VCPUs\t"
          "State\tTime(s)\n",
          out);
    return ferror(out) ? EIO : 0;
}

int xl_list_print_row(FILE *out, const struct xl_list_row *row)
{
    char state[7];
    /*
     * xl divides a float, not a double: its rounding shows in the tenths
     * after about 2^24 ns, and the output must round the same way.
     */
    double seconds = (float)row->cpu_time_ns / 1e9;

    xl_list_state_letters(row, state);
    /* xl passes the unsigned domid and vCPU count to %d. */
    fprintf(out, "%-40s %5d %5lu %5d     %s  %8.1f\n",
            row->name ? row->name : "(null)", (int)row->domid,
            (unsigned long)(row->mem_kib / 1024), (int)row->vcpus_online, state,
            seconds);
    return ferror(out) ? EIO : 0;
}

int xl_list_print(FILE *out, const struct xl_list_row *rows, size_t n)
{
    size_t i;
    int rc = xl_list_print_header(out);

    for ( i = 0; !rc && i < n; i++ )
        rc = xl_list_print_row(out, &rows[i]);
    return rc;
}
