/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's counters for dom0, as its debug keys print them: sysctl
 * debug_keys 'q' (domains) and 'm' (memory), then sysctl readconsole from
 * where the log ended before, parsing the lines those keys wrote.
 */
#include <stdio.h>
#include <string.h>

#include <xen/sysctl.h>

#include "dom0-abi.h"

#define LOG_CHUNK 16384

static char log_buf[LOG_CHUNK + 1];

static long sysctl(struct xen_sysctl *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hypercall(__HYPERVISOR_sysctl, HC_PTR(op), 0, 0);
}

/* Reads the log from *index on, keeping the last chunk in log_buf. */
static bool read_log_from(uint32_t *index, size_t *len)
{
    struct xen_sysctl op;

    *len = 0;
    for ( ;; ) {
        memset(&op, 0, sizeof(op));
        op.cmd = XEN_SYSCTL_readconsole;
        op.u.readconsole.incremental = 1;
        op.u.readconsole.index = *index;
        op.u.readconsole.buffer.p = log_buf;
        op.u.readconsole.count = LOG_CHUNK;
        if ( sysctl(&op) )
            return false;
        *index = op.u.readconsole.index;
        if ( !op.u.readconsole.count )
            return true;
        *len = op.u.readconsole.count;
        log_buf[*len] = '\0';
        if ( *len < LOG_CHUNK )
            return true;
    }
}

static bool debug_keys(const char *keys)
{
    struct xen_sysctl op;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_debug_keys;
    op.u.debug_keys.keys.p = keys;
    op.u.debug_keys.nr_keys = strlen(keys);
    return sysctl(&op) == 0;
}

bool hv_counters_read(struct hv_counters *c)
{
    uint32_t index = 0;
    size_t len;
    const char *p;
    long total;
    bool have_domain = false, have_memory = false, have_tables = false;
    bool in_dom0 = false;

    memset(c, 0, sizeof(*c));
    if ( !read_log_from(&index, &len) || !debug_keys("qm") ||
         !read_log_from(&index, &len) )
        return false;
    for ( p = log_buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL ) {
        long max;

        if ( sscanf(p, "(XEN) Domain 0: %ld pages (max %ld), %ld ports, "
                    "%ld grant mappings", &c->pages, &max, &c->ports,
                    &c->grant_maps) == 4 ) {
            have_domain = true;
            in_dom0 = true;
        } else if ( sscanf(p, "(XEN) Domain %ld:", &max) == 1 ) {
            in_dom0 = false;
        } else if ( in_dom0 &&
                    sscanf(p, "(XEN)   stage-2: %ld table pages",
                           &c->p2m_tables) == 1 ) {
            have_tables = true;
        }
        else if ( sscanf(p, "(XEN) 'm' pressed -> memory: heap %ld of %ld",
                         &c->heap_free, &total) == 2 )
            have_memory = true;
    }
    return have_domain && have_memory && have_tables;
}
