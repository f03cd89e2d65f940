/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated MMIO: a guest data abort on an address no stage-2 mapping covers
 * is handed to the handler registered for that range (vGIC distributor and
 * redistributors, ...).
 */
#ifndef ASM_ARM_MMIO_H
#define ASM_ARM_MMIO_H

#include <xen/types.h>

struct domain;
struct vcpu;

struct mmio_access {
    paddr_t gpa;            /* the faulting guest physical address */
    unsigned int size;      /* 1, 2, 4 or 8 bytes */
    bool is_write;
};

struct mmio_handler_ops {
    /* Both return true if handled; false makes the access abort. */
    bool (*read)(struct vcpu *v, const struct mmio_access *a, uint64_t *val,
                 void *priv);
    bool (*write)(struct vcpu *v, const struct mmio_access *a, uint64_t val,
                  void *priv);
};

#define MAX_MMIO_HANDLERS 8

struct mmio_handler {
    paddr_t base, size;
    const struct mmio_handler_ops *ops;
    void *priv;
};

struct mmio_handlers {
    unsigned int nr;
    struct mmio_handler h[MAX_MMIO_HANDLERS];
};

int register_mmio_handler(struct domain *d, const struct mmio_handler_ops *ops,
                          paddr_t base, paddr_t size, void *priv);

#endif
