/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest's virtual timer.  While a vCPU runs, its CNTV_* registers are
 * live and the timer interrupt fires here (PPI 27): we mask the timer and
 * inject the guest's timer PPI.  While it is descheduled, a software timer
 * stands in for it, so a vCPU blocked in WFI wakes up on time.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/sysregs.h>
#include <asm/time.h>
#include <asm/vgic.h>
#include <asm/vtimer.h>

static void vtimer_expired(void *data)
{
    struct vcpu *v = data;

    /* Masked, as the hardware timer would be after we handled it. */
    v->arch.vtimer.ctl |= CNTx_CTL_IMASK;
    vgic_inject_irq(v->domain, v, v->domain->arch.vtimer_ppi, true);
}

void vtimer_vcpu_init(struct vcpu *v)
{
    init_timer(&v->arch.vtimer.timer, vtimer_expired, v, v->processor);
}

void vtimer_vcpu_destroy(struct vcpu *v)
{
    kill_timer(&v->arch.vtimer.timer);
}

void vtimer_save(struct vcpu *v)
{
    struct vtimer *t = &v->arch.vtimer;

    t->ctl = READ_SYSREG(cntv_ctl_el0);
    t->cval = READ_SYSREG(cntv_cval_el0);
    WRITE_SYSREG(0, cntv_ctl_el0);
    isb();
    if ( (t->ctl & CNTx_CTL_ENABLE) && !(t->ctl & CNTx_CTL_IMASK) ) {
        uint64_t fire = t->cval + v->domain->arch.cntvoff;

        set_timer(&t->timer, fire > boot_count ? ticks_to_ns(fire - boot_count) : 0);
    }
}

void vtimer_restore(struct vcpu *v)
{
    struct vtimer *t = &v->arch.vtimer;

    stop_timer(&t->timer);
    WRITE_SYSREG(v->domain->arch.cntvoff, cntvoff_el2);
    WRITE_SYSREG(t->cval, cntv_cval_el0);
    WRITE_SYSREG(t->ctl, cntv_ctl_el0);
    isb();
}

/* The physical virtual-timer PPI: it is the running vCPU's timer. */
void vtimer_interrupt(void)
{
    struct vcpu *v = current;

    WRITE_SYSREG(READ_SYSREG(cntv_ctl_el0) | CNTx_CTL_IMASK, cntv_ctl_el0);
    isb();
    if ( !is_idle_vcpu(v) )
        vgic_inject_irq(v->domain, v, v->domain->arch.vtimer_ppi, true);
}
