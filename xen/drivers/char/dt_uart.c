/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Chooses the console UART from the device tree: the node named by
 * dtuart= (a path or an alias), else /chosen/stdout-path, else the first
 * node some driver matches.
 */
#include <xen/dt_uart.h>
#include <xen/fdt.h>
#include <xen/lib.h>
#include <xen/param.h>

extern const struct dt_uart __start_dt_uarts[], __stop_dt_uarts[];

int dt_console_node = -1;
static char opt_dtuart[128];
string_param("dtuart", opt_dtuart);

static const struct dt_uart *driver_for(const void *fdt, int node)
{
    const struct dt_uart *d;

    for ( d = __start_dt_uarts; d < __stop_dt_uarts; d++ )
        if ( fdt_node_is_compatible(fdt, node, d->compatible) )
            return d;
    return NULL;
}

/* A path ("/pl011@9000000") or an alias ("serial0"), options cut at ':'. */
static int lookup_node(const void *fdt, const char *spec)
{
    char path[128];
    const char *colon = strchr(spec, ':');
    size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
    int aliases, plen;
    const char *alias;

    if ( !len || len >= sizeof(path) )
        return -1;
    memcpy(path, spec, len);
    path[len] = '\0';
    if ( path[0] == '/' )
        return fdt_path_offset(fdt, path);
    aliases = fdt_path_offset(fdt, "/aliases");
    if ( aliases < 0 )
        return -1;
    alias = fdt_getprop(fdt, aliases, path, &plen);
    return alias ? fdt_path_offset(fdt, alias) : -1;
}

void dt_uart_setup(const void *fdt)
{
    const struct dt_uart *d;
    int node = -1, chosen, len, depth = 0;
    const char *stdout_path;

    if ( opt_dtuart[0] )
        node = lookup_node(fdt, opt_dtuart);
    chosen = fdt_path_offset(fdt, "/chosen");
    if ( node < 0 && chosen >= 0 &&
         (stdout_path = fdt_getprop(fdt, chosen, "stdout-path", &len)) )
        node = lookup_node(fdt, stdout_path);
    if ( node >= 0 && (d = driver_for(fdt, node)) && !d->init(fdt, node) ) {
        dt_console_node = node;
        return;
    }

    for ( node = fdt_next_node(fdt, 0, &depth); node >= 0;
          node = fdt_next_node(fdt, node, &depth) )
        if ( (d = driver_for(fdt, node)) && !d->init(fdt, node) ) {
            dt_console_node = node;
            return;
        }
}
