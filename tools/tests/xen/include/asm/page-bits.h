/* Host-test stand-in: the same page geometry as the hypervisor's arches. */
#ifndef HOST_ASM_PAGE_BITS_H
#define HOST_ASM_PAGE_BITS_H

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#endif
