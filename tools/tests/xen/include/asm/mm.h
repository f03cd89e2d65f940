/*
 * Host-test stand-in: "machine" memory is ordinary host memory the test
 * allocates, so machine address == host virtual address, as with the
 * hypervisor's 1:1 directmap.
 */
#ifndef HOST_ASM_MM_H
#define HOST_ASM_MM_H

#include <xen/types.h>

static inline void *maddr_to_virt(paddr_t ma) { return (void *)(uintptr_t)ma; }
static inline paddr_t virt_to_maddr(const void *va) { return (uintptr_t)va; }

#endif
