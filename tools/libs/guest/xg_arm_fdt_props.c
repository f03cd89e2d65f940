/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Property helpers of the device-tree writer: the encodings the Arm
 * bindings use (big-endian cells, string lists, GIC interrupt triples)
 * written through libfdt, remembering the first error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "xg_arm_fdt.h"

/* The GIC binding's interrupt cells: PPI, number from 16, flags. */
#define GIC_PPI             1
#define GIC_FIRST_PPI       16
#define IRQ_TYPE_LEVEL_LOW  8
/* libxl sets the GICv2 CPU mask of all 4 CPUs; GICv3 ignores it. */
#define GIC_CPUMASK_ALL     (0xfU << 8)

static void note(struct dt_writer *w, int rc)
{
    if ( rc < 0 && !w->err )
        w->err = rc;
}

void dt_begin(struct dt_writer *w, const char *fmt, ...)
{
    va_list ap;

    if ( w->err )
        return;
    va_start(ap, fmt);
    vsnprintf(w->where, sizeof(w->where), fmt, ap);
    va_end(ap);
    note(w, fdt_begin_node(w->fdt, w->where));
    if ( !w->where[0] )
        strcpy(w->where, "/");
}

void dt_end(struct dt_writer *w)
{
    if ( !w->err )
        note(w, fdt_end_node(w->fdt));
}

void dt_u32(struct dt_writer *w, const char *name, uint32_t v)
{
    if ( !w->err )
        note(w, fdt_property_u32(w->fdt, name, v));
}

void dt_u64(struct dt_writer *w, const char *name, uint64_t v)
{
    if ( !w->err )
        note(w, fdt_property_u64(w->fdt, name, v));
}

void dt_string(struct dt_writer *w, const char *name, const char *s)
{
    if ( !w->err )
        note(w, fdt_property_string(w->fdt, name, s));
}

void dt_empty(struct dt_writer *w, const char *name)
{
    if ( !w->err )
        note(w, fdt_property(w->fdt, name, NULL, 0));
}

void dt_bytes(struct dt_writer *w, const char *name, const void *v,
              size_t len)
{
    if ( !w->err )
        note(w, fdt_property(w->fdt, name, v, len));
}

/* Room for the value in the blob itself: no sizes to guess here. */
static void *placeholder(struct dt_writer *w, const char *name, size_t len)
{
    void *val = NULL;

    if ( w->err )
        return NULL;
    if ( len > XG_DT_LIMIT ) {
        note(w, -FDT_ERR_NOSPACE);
        return NULL;
    }
    note(w, fdt_property_placeholder(w->fdt, name, len, &val));
    return w->err ? NULL : val;
}

void dt_strings(struct dt_writer *w, const char *name,
                const char *const *s, unsigned int n)
{
    size_t len = 0, at = 0, one;
    unsigned int i;
    char *val;

    for ( i = 0; i < n; i++ )
        len += strlen(s[i]) + 1;
    val = placeholder(w, name, len);
    if ( !val )
        return;
    for ( i = 0; i < n; i++ ) {
        one = strlen(s[i]) + 1;
        memcpy(val + at, s[i], one);
        at += one;
    }
}

void dt_regs(struct dt_writer *w, const uint64_t (*ranges)[2],
             unsigned int n)
{
    uint8_t *val = placeholder(w, "reg", n * 2 * sizeof(fdt64_t));
    unsigned int i;

    if ( !val )
        return;
    /* Two cells each for base and size: one big-endian 64-bit value. */
    for ( i = 0; i < n; i++ ) {
        fdt64_t cells[2] = {
            cpu_to_fdt64(ranges[i][0]),
            cpu_to_fdt64(ranges[i][1]),
        };

        memcpy(val + i * sizeof(cells), cells, sizeof(cells));
    }
}

void dt_ppis(struct dt_writer *w, const unsigned int *ppis, unsigned int n)
{
    uint8_t *val = placeholder(w, "interrupts", n * 3 * sizeof(fdt32_t));
    unsigned int i;

    if ( !val )
        return;
    for ( i = 0; i < n; i++ ) {
        fdt32_t cells[3] = {
            cpu_to_fdt32(GIC_PPI),
            cpu_to_fdt32(ppis[i] - GIC_FIRST_PPI),
            cpu_to_fdt32(GIC_CPUMASK_ALL | IRQ_TYPE_LEVEL_LOW),
        };

        memcpy(val + i * sizeof(cells), cells, sizeof(cells));
    }
    dt_u32(w, "interrupt-parent", XG_PHANDLE_GIC);
}
