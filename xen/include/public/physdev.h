/* SPDX-License-Identifier: MIT */
/* Guest ABI: physdev_op (Linux dom0 reports PCI devices through it). */
#ifndef __XEN_PUBLIC_PHYSDEV_H__
#define __XEN_PUBLIC_PHYSDEV_H__

#include "xen.h"

#define PHYSDEVOP_manage_pci_add     15
#define PHYSDEVOP_manage_pci_remove  16
#define PHYSDEVOP_manage_pci_add_ext 20
#define PHYSDEVOP_pci_device_add     25
#define PHYSDEVOP_pci_device_remove  26

#endif
