/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI client: starting pCPUs and powering the machine off or resetting it. */
#include <xen/fdt.h>
#include <xen/lib.h>
#include <asm/psci.h>

static bool psci_present;

static uint64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;

    __asm__ __volatile__("smc #0" : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
                         :: "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                            "x12", "x13", "x14", "x15", "x16", "x17", "memory");
    return x0;
}

int psci_init(const void *fdt)
{
    int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
    const char *method;
    int len;

    if ( node < 0 )
        node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-1.0");
    if ( node < 0 )
        return -1;
    method = fdt_getprop(fdt, node, "method", &len);
    if ( !method )
        return -1;
    /* At EL2, HVC would trap to ourselves: only SMC reaches firmware. */
    if ( strncmp(method, "smc", len) ) {
        printk(XENLOG_WARNING "PSCI method \"%s\" unusable at EL2\n", method);
        return -1;
    }
    psci_present = true;
    printk("PSCI %lu.%lu via SMC\n",
           (unsigned long)(psci_call(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0) >> 16),
           (unsigned long)(psci_call(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0) & 0xffff));
    return 0;
}

int psci_cpu_on(uint64_t mpidr, paddr_t entry, uint64_t context)
{
    if ( !psci_present )
        return PSCI_NOT_SUPPORTED;
    return (int)psci_call(PSCI_0_2_FN64_CPU_ON, mpidr, entry, context);
}

void psci_system_off(void)
{
    if ( psci_present )
        psci_call(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
}

void psci_system_reset(void)
{
    if ( psci_present )
        psci_call(PSCI_0_2_FN_SYSTEM_RESET, 0, 0, 0);
}
