/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arm domains and vCPUs: EL2 controls, guest register state, the context
 * switch, and the path between a trap and the return to a guest.
 */
#include <xen/errno.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <public/domctl.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <asm/gic.h>
#include <asm/p2m.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/time.h>
#include <asm/traps.h>
#include <asm/vgic.h>
#include <asm/vtimer.h>

#define SCTLR_EL1_RESET 0x00c50078UL    /* MMU and caches off */
#define CPTR_EL2_RES1   0x000032ffUL    /* non-VHE RES1 bits, TZ: trap SVE */

void vfp_save_state(struct vfp_state *s);
void vfp_restore_state(const struct vfp_state *s);

void hyp_cpu_init(void)
{
    WRITE_SYSREG(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB |
                 HCR_BSU_IS | HCR_TWI | HCR_TWE | HCR_TSC | HCR_TSW |
                 HCR_TACR | HCR_TID3 | HCR_RW, hcr_el2);
    WRITE_SYSREG(CPTR_EL2_RES1, cptr_el2);
    WRITE_SYSREG(READ_SYSREG(midr_el1), vpidr_el2);
    WRITE_SYSREG(0, mdcr_el2);
    p2m_cpu_init();
    isb();
}

struct cpu_user_regs *guest_cpu_user_regs(void)
{
    uint64_t sp;

    __asm__ ("mov %0, sp" : "=r" (sp));
    return (struct cpu_user_regs *)(ROUNDDOWN(sp, STACK_SIZE) + STACK_SIZE) - 1;
}

void startup_cpu_idle_loop(void)
{
    reset_stack_and_return_to_guest(guest_cpu_user_regs());
}

/* What Arm builds: HVM on stage-2 paging, a GICv3, no TEE. */
int arch_sanitise_domain_config(struct xen_domctl_createdomain *c)
{
    if ( c->flags != (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap) )
        return -EINVAL;
    if ( c->max_vcpus < 1 || c->max_vcpus > GUEST_MAX_VCPUS )
        return -EINVAL;
    if ( c->arch.tee_type != XEN_DOMCTL_CONFIG_TEE_NONE )
        return -EINVAL;
    if ( c->arch.gic_version == XEN_DOMCTL_CONFIG_GIC_NATIVE )
        c->arch.gic_version = XEN_DOMCTL_CONFIG_GIC_V3;
    if ( c->arch.gic_version != XEN_DOMCTL_CONFIG_GIC_V3 )
        return -EOPNOTSUPP;
    if ( c->arch.nr_spis > VGIC_MAX_SPIS )
        return -EINVAL;
    return 0;
}

static const paddr_t guest_rdist_base = GUEST_GICV3_GICR0_BASE;
static const paddr_t guest_rdist_size = GUEST_GICV3_GICR0_SIZE;

int arch_domain_create(struct domain *d,
                       const struct xen_domctl_createdomain *config)
{
    int rc;

    d->arch.cntvoff = get_cycles();
    d->time_zero_ns = ticks_to_ns(d->arch.cntvoff - boot_count);
    d->arch.vtimer_ppi = GIC_PPI_VIRT_TIMER;
    /* dom0 gets the first PPI no host device uses, as Xen picks it. */
    d->arch.evtchn_ppi = d->is_privileged ? 16 : GUEST_EVTCHN_PPI;
    rc = p2m_init(d);
    if ( rc )
        return rc;
    rc = vgic_domain_init(d, d->is_privileged ? gic.nr_lines - 32
                                              : config->arch.nr_spis);
    /* dom0 mirrors the host's GIC (domain_build); a domU gets the guest map. */
    if ( !rc && !d->is_privileged )
        rc = vgic_set_layout(d, GUEST_GICV3_GICD_BASE, 1, &guest_rdist_base,
                             &guest_rdist_size);
    if ( rc ) {
        vgic_domain_destroy(d);
        p2m_teardown(d);
    }
    return rc;
}

void arch_domain_destroy(struct domain *d)
{
    release_guest_irqs(d);
    vgic_domain_destroy(d);
    p2m_teardown(d);
}

/* The state Linux's booting.rst asks for: EL1h, interrupts masked, MMU off. */
void vcpu_reset_state(struct vcpu *v, uint64_t entry, uint64_t x0)
{
    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.pc = entry;
    v->arch.regs.x[0] = x0;
    v->arch.regs.cpsr = PSR_GUEST64_INIT;
    v->arch.sctlr = SCTLR_EL1_RESET;
    v->arch.cpacr = 0;
}

int arch_vcpu_create(struct vcpu *v)
{
    if ( v->domain->domain_id == DOMID_IDLE )
        return 0;
    vcpu_reset_state(v, 0, 0);
    v->arch.vmpidr = MPIDR_RES1 | (v->vcpu_id & 0xf) |
                     ((uint64_t)(v->vcpu_id >> 4) << 8);
    vtimer_vcpu_init(v);
    return vgic_vcpu_init(v);
}

void arch_vcpu_destroy(struct vcpu *v)
{
    if ( v->domain->domain_id != DOMID_IDLE )
        vtimer_vcpu_destroy(v);
}

static void save_el1_state(struct vcpu *v)
{
    struct arch_vcpu *a = &v->arch;

    a->sctlr = READ_SYSREG(sctlr_el1);
    a->ttbr0 = READ_SYSREG(ttbr0_el1);
    a->ttbr1 = READ_SYSREG(ttbr1_el1);
    a->tcr = READ_SYSREG(tcr_el1);
    a->mair = READ_SYSREG(mair_el1);
    a->amair = READ_SYSREG(amair_el1);
    a->vbar = READ_SYSREG(vbar_el1);
    a->contextidr = READ_SYSREG(contextidr_el1);
    a->tpidr_el0 = READ_SYSREG(tpidr_el0);
    a->tpidrro_el0 = READ_SYSREG(tpidrro_el0);
    a->tpidr_el1 = READ_SYSREG(tpidr_el1);
    a->sp_el0 = READ_SYSREG(sp_el0);
    a->sp_el1 = READ_SYSREG(sp_el1);
    a->elr_el1 = READ_SYSREG(elr_el1);
    a->spsr_el1 = READ_SYSREG(spsr_el1);
    a->esr_el1 = READ_SYSREG(esr_el1);
    a->far_el1 = READ_SYSREG(far_el1);
    a->afsr0 = READ_SYSREG(afsr0_el1);
    a->afsr1 = READ_SYSREG(afsr1_el1);
    a->par = READ_SYSREG(par_el1);
    a->cpacr = READ_SYSREG(cpacr_el1);
    a->csselr = READ_SYSREG(csselr_el1);
    a->cntkctl = READ_SYSREG(cntkctl_el1);
    a->mdscr = READ_SYSREG(mdscr_el1);
}

static void restore_el1_state(const struct vcpu *v)
{
    const struct arch_vcpu *a = &v->arch;

    WRITE_SYSREG(a->sctlr, sctlr_el1);
    WRITE_SYSREG(a->ttbr0, ttbr0_el1);
    WRITE_SYSREG(a->ttbr1, ttbr1_el1);
    WRITE_SYSREG(a->tcr, tcr_el1);
    WRITE_SYSREG(a->mair, mair_el1);
    WRITE_SYSREG(a->amair, amair_el1);
    WRITE_SYSREG(a->vbar, vbar_el1);
    WRITE_SYSREG(a->contextidr, contextidr_el1);
    WRITE_SYSREG(a->tpidr_el0, tpidr_el0);
    WRITE_SYSREG(a->tpidrro_el0, tpidrro_el0);
    WRITE_SYSREG(a->tpidr_el1, tpidr_el1);
    WRITE_SYSREG(a->sp_el0, sp_el0);
    WRITE_SYSREG(a->sp_el1, sp_el1);
    WRITE_SYSREG(a->elr_el1, elr_el1);
    WRITE_SYSREG(a->spsr_el1, spsr_el1);
    WRITE_SYSREG(a->esr_el1, esr_el1);
    WRITE_SYSREG(a->far_el1, far_el1);
    WRITE_SYSREG(a->afsr0, afsr0_el1);
    WRITE_SYSREG(a->afsr1, afsr1_el1);
    WRITE_SYSREG(a->par, par_el1);
    WRITE_SYSREG(a->cpacr, cpacr_el1);
    WRITE_SYSREG(a->csselr, csselr_el1);
    WRITE_SYSREG(a->cntkctl, cntkctl_el1);
    WRITE_SYSREG(a->mdscr, mdscr_el1);
    WRITE_SYSREG(a->vmpidr, vmpidr_el2);
}

void context_switch(struct vcpu *prev, struct vcpu *next)
{
    struct cpu_user_regs *frame = guest_cpu_user_regs();

    if ( !is_idle_vcpu(prev) ) {
        prev->arch.regs = *frame;
        save_el1_state(prev);
        vfp_save_state(&prev->arch.fp);
        vtimer_save(prev);
        vgic_save_state(prev);
    }
    if ( !is_idle_vcpu(next) ) {
        p2m_load(next->domain);
        restore_el1_state(next);
        vfp_restore_state(&next->arch.fp);
        vtimer_restore(next);
        vgic_restore_state(next);
        *frame = next->arch.regs;
        isb();
    }
}

void enter_hypervisor_from_guest(struct cpu_user_regs *regs)
{
    vgic_sync_from_lrs(current);
}

/*
 * Runs softirqs (which may switch vCPUs) until there is a guest to run,
 * idling in WFI meanwhile; then loads its pending interrupts.
 */
void leave_hypervisor_to_guest(struct cpu_user_regs *regs)
{
    unsigned int cpu = smp_processor_id();

    for ( ;; ) {
        while ( softirq_pending(cpu) ) {
            local_irq_enable();
            do_softirq();
            local_irq_disable();
        }
        if ( !is_idle_vcpu(current) )
            break;
        /* WFI wakes on a pending interrupt even with them masked here. */
        wait_for_interrupt();
        local_irq_enable();
        local_irq_disable();
    }
    vgic_flush_lrs(current);
}

uint64_t arch_vcpu_pc(const struct vcpu *v)
{
    return v == current ? guest_cpu_user_regs()->pc : v->arch.regs.pc;
}

void arch_dump_domain(struct domain *d)
{
    printk("  stage-2: %lu table pages\n", d->arch.p2m.nr_tables);
}

void arch_dump_vcpu(struct vcpu *v)
{
    const struct vtimer *t = &v->arch.vtimer;

    printk("    vtimer ctl=%#lx cval=%#lx (now %#lx) soft=%d@%llu\n",
           (unsigned long)t->ctl, (unsigned long)t->cval,
           (unsigned long)(get_cycles() - v->domain->arch.cntvoff),
           t->timer.active, (unsigned long long)t->timer.expires);
    vgic_dump_irq(v, v->domain->arch.evtchn_ppi);
    vgic_dump_irq(v, v->domain->arch.vtimer_ppi);
    vgic_dump_vcpu(v);
}

void arch_get_domain_info(const struct domain *d,
                          struct xen_domctl_getdomaininfo *info)
{
    /* Arm guests are all what Xen calls HVM, on stage-2 paging. */
    info->flags |= XEN_DOMINF_hvm_guest | XEN_DOMINF_hap;
    info->gpaddr_bits = p2m_ipa_bits;
    info->arch_config.gic_version = XEN_DOMCTL_CONFIG_GIC_V3;
    info->arch_config.tee_type = XEN_DOMCTL_CONFIG_TEE_NONE;
    info->arch_config.nr_spis = d->arch.vgic.nr_spis;
}

void arch_do_physinfo(struct xen_sysctl_physinfo *pi)
{
    pi->cpu_khz = cpu_khz;
    pi->capabilities |= XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap;
}

void arch_evtchn_inject(struct vcpu *v)
{
    vgic_inject_irq(v->domain, v, v->domain->arch.evtchn_ppi, true);
}

bool arch_vcpu_has_pending_irq(const struct vcpu *v)
{
    return vgic_vcpu_pending_irq(v);
}

void domain_crash(struct domain *d)
{
    printk(XENLOG_ERR "Domain %u crashed\n", d->domain_id);
    domain_shutdown(d, SHUTDOWN_crash);
}
