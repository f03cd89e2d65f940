/* SPDX-License-Identifier: GPL-2.0-only */
/* PSCI: as a client of the firmware (host) and as offered to guests. */
#ifndef ASM_ARM_PSCI_H
#define ASM_ARM_PSCI_H

#include <xen/types.h>

#define PSCI_0_2_FN_PSCI_VERSION        0x84000000
#define PSCI_0_2_FN_CPU_SUSPEND         0x84000001
#define PSCI_0_2_FN_CPU_OFF             0x84000002
#define PSCI_0_2_FN_CPU_ON              0x84000003
#define PSCI_0_2_FN_AFFINITY_INFO       0x84000004
#define PSCI_0_2_FN_MIGRATE             0x84000005
#define PSCI_0_2_FN_MIGRATE_INFO_TYPE   0x84000006
#define PSCI_0_2_FN_MIGRATE_INFO_UP_CPU 0x84000007
#define PSCI_0_2_FN_SYSTEM_OFF          0x84000008
#define PSCI_0_2_FN_SYSTEM_RESET        0x84000009
#define PSCI_1_0_FN_PSCI_FEATURES       0x8400000a
#define PSCI_0_2_FN64_CPU_SUSPEND       0xc4000001
#define PSCI_0_2_FN64_CPU_ON            0xc4000003
#define PSCI_0_2_FN64_AFFINITY_INFO     0xc4000004
#define PSCI_0_2_FN64_MIGRATE           0xc4000005
#define PSCI_0_2_FN64_MIGRATE_INFO_UP_CPU 0xc4000007

#define PSCI_SUCCESS                    0
#define PSCI_NOT_SUPPORTED              (-1)
#define PSCI_INVALID_PARAMETERS         (-2)
#define PSCI_DENIED                     (-3)
#define PSCI_ALREADY_ON                 (-4)
#define PSCI_ON_PENDING                 (-5)
#define PSCI_INTERNAL_FAILURE           (-6)
#define PSCI_NOT_PRESENT                (-7)
#define PSCI_DISABLED                   (-8)
#define PSCI_INVALID_ADDRESS            (-9)

#define PSCI_AFFINITY_ON                0
#define PSCI_AFFINITY_OFF               1
#define PSCI_AFFINITY_ON_PENDING        2

/* Host side. */
int psci_init(const void *fdt);
int psci_cpu_on(uint64_t mpidr, paddr_t entry, uint64_t context);
void psci_system_off(void);
void psci_system_reset(void);

#endif
