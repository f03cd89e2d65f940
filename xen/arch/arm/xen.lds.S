/* SPDX-License-Identifier: GPL-2.0-only */
/* Link map of the hypervisor image on arm64. */
#include <asm/config.h>

OUTPUT_ARCH(aarch64)
ENTRY(_start)

PHDRS
{
    text PT_LOAD;
}

SECTIONS
{
    . = XEN_VIRT_START;
    _start_image = .;

    .text : {
        _stext = .;
        *(.text.header)
        *(.text.vectors)
        *(.text .text.*)
        _etext = .;
    } :text

    . = ALIGN(4096);
    .rodata : {
        _srodata = .;
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __start_xen_params = .;
        KEEP(*(xen_params))
        __stop_xen_params = .;
        . = ALIGN(8);
        __start_hypercall_table = .;
        KEEP(*(.hypercall_table))
        __stop_hypercall_table = .;
        . = ALIGN(8);
        *(.symtab.xen)
        . = ALIGN(4);
        __note_gnu_build_id_start = .;
        *(.note.gnu.build-id)
        __note_gnu_build_id_end = .;
        _erodata = .;
    } :text

    . = ALIGN(4096);
    .data : {
        _sdata = .;
        *(.data.page_aligned)
        /* Before .data.*, which would otherwise swallow it. */
        . = ALIGN(64);
        __per_cpu_start = .;
        *(.data.percpu)
        . = ALIGN(64);
        __per_cpu_end = .;
        *(.data .data.*)
        _edata = .;
    } :text

    . = ALIGN(4096);
    .bss (NOLOAD) : {
        __bss_start = .;
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(64);
        __bss_end = .;
    } :text

    . = ALIGN(4096);
    _end = .;

    /DISCARD/ : {
        *(.comment) *(.note .note.*) *(.eh_frame) *(.interp) *(.dynamic)
    }
}

ASSERT(_end - _start_image <= XEN_IMAGE_MAX_SIZE, "hypervisor image too large")
