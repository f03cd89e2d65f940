/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Writing the guest's device tree: the parameters are checked first, so
 * that every refusal says what is wrong with them; then the nodes go
 * into the caller's buffer through libfdt's sequential writer, and its
 * first error, if any, becomes the one sentence.
 */
#include <errno.h>
#include <string.h>

#include <libfdt.h>

#include "xg_arm_fdt.h"

#define GIC_FIRST_PPI   16
#define GIC_LAST_PPI    31

void xg_arm_hw_default(struct xg_arm_hw *hw)
{
    *hw = (struct xg_arm_hw) {
        .gicd_base = GUEST_GICV3_GICD_BASE,
        .gicd_size = GUEST_GICV3_GICD_SIZE,
        .gicr_base = GUEST_GICV3_GICR0_BASE,
        .gicr_size = GUEST_GICV3_GICR0_SIZE,
        .timer_phys_s_ppi = GUEST_TIMER_PHYS_S_PPI,
        .timer_phys_ns_ppi = GUEST_TIMER_PHYS_NS_PPI,
        .timer_virt_ppi = GUEST_TIMER_VIRT_PPI,
        .evtchn_ppi = GUEST_EVTCHN_PPI,
        .gnttab_base = GUEST_GNTTAB_BASE,
        .gnttab_size = GUEST_GNTTAB_SIZE,
    };
}

static bool is_ppi(unsigned int irq)
{
    return irq >= GIC_FIRST_PPI && irq <= GIC_LAST_PPI;
}

static bool bad_range(uint64_t base, uint64_t size)
{
    return !size || base + size < base;
}

static int check_hw(const struct xg_arm_hw *hw, unsigned int nr_vcpus,
                    char *err, size_t errlen)
{
    if ( !is_ppi(hw->timer_phys_s_ppi) || !is_ppi(hw->timer_phys_ns_ppi) ||
         !is_ppi(hw->timer_virt_ppi) || !is_ppi(hw->evtchn_ppi) )
        return xg_fail(err, errlen, EINVAL, "timer and event-channel "
                       "interrupts must be PPIs (%d to %d)", GIC_FIRST_PPI,
                       GIC_LAST_PPI);
    if ( bad_range(hw->gicd_base, hw->gicd_size) ||
         bad_range(hw->gicr_base, hw->gicr_size) ||
         bad_range(hw->gnttab_base, hw->gnttab_size) )
        return xg_fail(err, errlen, EINVAL, "empty or wrapping GIC or "
                       "grant-table region");
    if ( hw->gicr_size / GUEST_GICV3_RDIST_STRIDE < nr_vcpus )
        return xg_fail(err, errlen, EINVAL, "the redistributor region of "
                       "%llu bytes holds fewer than %u vCPUs",
                       (unsigned long long)hw->gicr_size, nr_vcpus);
    if ( hw->gpaddr_bits > 64 )
        return xg_fail(err, errlen, EINVAL, "%u guest physical address bits",
                       hw->gpaddr_bits);
    return 0;
}

static int check_layout(const struct xg_arm_layout *l, uint64_t initrd_size,
                        char *err, size_t errlen)
{
    static const uint64_t base[] = { GUEST_RAM0_BASE, GUEST_RAM1_BASE };
    static const uint64_t max[] = { GUEST_RAM0_SIZE, GUEST_RAM1_SIZE };
    unsigned int i;

    if ( !l->nr_banks || l->nr_banks > GUEST_RAM_BANKS )
        return xg_fail(err, errlen, EINVAL, "%u RAM banks: a guest has 1 to "
                       "%d", l->nr_banks, GUEST_RAM_BANKS);
    for ( i = 0; i < l->nr_banks; i++ )
        if ( l->bank_base[i] != base[i] || !l->bank_size[i] ||
             l->bank_size[i] > max[i] )
            return xg_fail(err, errlen, EINVAL, "RAM bank %u (%llu bytes at "
                           "%#llx) is not in the guest memory map", i,
                           (unsigned long long)l->bank_size[i],
                           (unsigned long long)l->bank_base[i]);
    if ( initrd_size && bad_range(l->initrd_base, initrd_size) )
        return xg_fail(err, errlen, EINVAL, "an initrd of %llu bytes at "
                       "%#llx", (unsigned long long)initrd_size,
                       (unsigned long long)l->initrd_base);
    if ( initrd_size && !l->initrd_base )
        return xg_fail(err, errlen, EINVAL, "an initrd, but no place for it");
    return 0;
}

static int check_params(const struct xg_arm_dt_params *p,
                        const struct xg_arm_hw *hw, size_t room, char *err,
                        size_t errlen)
{
    size_t len;

    if ( !p->nr_vcpus || p->nr_vcpus > GUEST_MAX_VCPUS )
        return xg_fail(err, errlen, EINVAL, "%u vCPUs: a guest has 1 to %d",
                       p->nr_vcpus, GUEST_MAX_VCPUS);
    if ( !p->layout )
        return xg_fail(err, errlen, EINVAL, "no memory layout");
    if ( check_layout(p->layout, p->initrd_size, err, errlen) ||
         check_hw(hw, p->nr_vcpus, err, errlen) )
        return -1;
    if ( p->rng_seed_size > XG_RNG_SEED_MAX ||
         (p->rng_seed_size && !p->rng_seed) )
        return xg_fail(err, errlen, EINVAL, "an RNG seed of %zu bytes: at "
                       "most %d", p->rng_seed_size, XG_RNG_SEED_MAX);
    /* strnlen: a missing NUL must not run us off the end. */
    len = p->bootargs ? strnlen(p->bootargs, room) : 0;
    if ( len >= room )
        return xg_fail(err, errlen, E2BIG, "the kernel command line is "
                       "longer than the %zu bytes the device tree can hold",
                       room);
    return 0;
}

static int libfdt_error(const struct dt_writer *w, size_t room, char *err,
                        size_t errlen)
{
    if ( w->err == -FDT_ERR_NOSPACE )
        return xg_fail(err, errlen, ENOSPC, "the device tree does not fit in "
                       "%zu bytes (the last node begun: '%s')", room,
                       w->where);
    return xg_fail(err, errlen, EINVAL, "libfdt failed writing the device "
                   "tree (the last node begun: '%s'): %s", w->where,
                   fdt_strerror(w->err));
}

int xg_arm_dt_write(void *buf, size_t size, const struct xg_arm_dt_params *p,
                    char *err, size_t errlen)
{
    struct dt_writer w = { .fdt = buf, .where = "/" };
    struct xg_arm_hw def;
    const struct xg_arm_hw *hw = p->hw;
    size_t room = size < XG_DT_LIMIT ? size : XG_DT_LIMIT;

    if ( !buf )
        return xg_fail(err, errlen, EINVAL, "no buffer for the device tree");
    if ( !hw ) {
        xg_arm_hw_default(&def);
        hw = &def;
    }
    if ( check_params(p, hw, room, err, errlen) )
        return -1;

    w.err = fdt_create(buf, room);
    if ( !w.err )
        w.err = fdt_finish_reservemap(buf);
    dt_begin(&w, "%s", "");
    dt_root_props(&w, p);
    dt_chosen(&w, p);
    dt_cpus(&w, p->nr_vcpus);
    dt_psci(&w);
    dt_memory(&w, p->layout);
    dt_gicv3(&w, hw);
    dt_timer(&w, hw);
    dt_hypervisor(&w, p, hw);
    dt_end(&w);
    if ( !w.err )
        w.err = fdt_finish(buf);
    if ( w.err )
        return libfdt_error(&w, room, err, errlen);
    return 0;
}
