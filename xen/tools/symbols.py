#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Build-time generator: turns `nm -n` output into an assembly file holding
the hypervisor's symbol table (sorted addresses plus names), which the crash
reporter uses to print symbolic backtraces.  Reads stdin, writes stdout."""
import sys


def main():
    syms = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 3:
            continue
        addr, kind, name = parts
        # Code symbols only; skip local labels and the table itself.
        if kind not in "tTwW" or name.startswith(("$", ".L", "symtab_")):
            continue
        syms.append((int(addr, 16), name))
    print('\t.section .symtab.xen, "a", %progbits')
    print("\t.p2align 3")
    print("\t.global symtab_nr, symtab_addrs, symtab_names")
    print(f"symtab_nr:\n\t.quad {len(syms)}")
    print("symtab_addrs:")
    for addr, _ in syms:
        print(f"\t.quad 0x{addr:x}")
    print("symtab_names:")
    for _, name in syms:
        print(f'\t.asciz "{name}"')


if __name__ == "__main__":
    main()
