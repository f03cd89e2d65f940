/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Symbol lookup for crash reports.  The table (sorted addresses, then the
 * names back to back) is generated from the first link by
 * xen/tools/symbols.py and linked into the final image; the first link has
 * no table, hence the weak references.
 */
#include <xen/lib.h>
#include <xen/symbols.h>

extern const unsigned long symtab_nr __weak;
extern const unsigned long symtab_addrs[] __weak;
extern const char symtab_names[] __weak;
extern char _stext[], _etext[];

const char *symbols_lookup(unsigned long addr, unsigned long *offset)
{
    unsigned long lo = 0, hi, i;
    const char *name;

    if ( !&symtab_nr || !symtab_nr || addr < (unsigned long)_stext ||
         addr >= (unsigned long)_etext )
        return NULL;

    /* The last symbol at or below addr. */
    hi = symtab_nr;
    while ( hi - lo > 1 ) {
        unsigned long mid = (lo + hi) / 2;

        if ( symtab_addrs[mid] <= addr )
            lo = mid;
        else
            hi = mid;
    }
    if ( symtab_addrs[lo] > addr )
        return NULL;

    /* Names are not indexed: a crash report can afford the walk. */
    for ( name = symtab_names, i = 0; i < lo; i++ )
        name += strlen(name) + 1;
    *offset = addr - symtab_addrs[lo];
    return name;
}

void print_symbol(unsigned long addr)
{
    unsigned long off;
    const char *name = symbols_lookup(addr, &off);

    if ( name )
        printk("%s+%#lx", name, off);
    else
        printk("%#lx", addr);
}
