/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_ARM_SETUP_H
#define ASM_ARM_SETUP_H

#include <xen/types.h>

#define NR_MEM_BANKS   16
#define NR_RESERVED    32
#define NR_MODULES     8

struct membank {
    paddr_t start;
    paddr_t size;
};

enum bootmodule_kind {
    BOOTMOD_UNKNOWN,
    BOOTMOD_KERNEL,
    BOOTMOD_RAMDISK,
};

struct bootmodule {
    enum bootmodule_kind kind;
    paddr_t start;
    paddr_t size;
    const char *cmdline;    /* its "bootargs", in the host DT */
};

/* What the boot loader handed us, read from the host device tree. */
struct bootinfo {
    unsigned int nr_banks;
    struct membank mem[NR_MEM_BANKS];
    unsigned int nr_reserved;
    struct membank reserved[NR_RESERVED];
    unsigned int nr_modules;
    struct bootmodule modules[NR_MODULES];
    const char *xen_cmdline;
    const char *dom0_cmdline;   /* xen,dom0-bootargs, if any */
};

extern struct bootinfo bootinfo;
extern const void *host_fdt;
extern paddr_t host_fdt_pa;

void bootfdt_parse(const void *fdt);
struct bootmodule *boot_module_find(enum bootmodule_kind kind);

void start_secondary(unsigned int cpu);
void smp_boot_cpus(const void *fdt);
/* EL2 controls for running guests on this pCPU (HCR, VTCR, ...). */
void hyp_cpu_init(void);
/* Enters the scheduler's idle loop on this pCPU, never returning. */
void __noreturn startup_cpu_idle_loop(void);
void construct_dom0(void);

#endif
