/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The calls a domain builder makes after createdomain, and their
 * refusals: a vCPU's registers, its affinity, the time offset, a device
 * model's target, cache cleaning, and mapping the new domain's pages
 * into dom0 (privcmd's foreign mappings), which keep those pages alive
 * after the domain is destroyed, until dom0 lets go.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen-sys/Linux/privcmd.h>
#include <xen/domctl.h>

#include "dom0-abi.h"

#define PAGE            4096UL
#define PSTATE_EL1H     0x3c5
#define PSTATE_EL2H     0x3c9
#define PSTATE_AARCH32  0x1d3

static long domctl_call(struct xen_domctl *op)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return hypercall(__HYPERVISOR_domctl, HC_PTR(op), 0, 0);
}

static long vcpu_context(domid_t id, unsigned int cmd, uint32_t vcpu,
                         struct vcpu_guest_context *c)
{
    struct xen_domctl op = { .cmd = cmd, .domain = id };

    op.u.vcpucontext.vcpu = vcpu;
    op.u.vcpucontext.ctxt.p = c;
    return domctl_call(&op);
}

static void test_vcpu_context(domid_t id)
{
    struct vcpu_guest_context c, back;
    struct xen_domctl op = { .cmd = XEN_DOMCTL_setvcpucontext, .domain = id };
    long rc;

    memset(&back, 0xff, sizeof(back));
    rc = vcpu_context(id, XEN_DOMCTL_getvcpucontext, 0, &back);
    check("builder-getvcpucontext-down", rc == 0 && back.flags == 0,
          "rc %ld, flags %#x", rc, back.flags);

    memset(&c, 0, sizeof(c));
    c.flags = VGCF_online;
    c.user_regs.pc64 = GUEST_RAM0_BASE;
    c.user_regs.x0 = 0x48000000;
    c.user_regs.x30 = 0x1234;
    c.user_regs.cpsr = PSTATE_EL1H;
    c.sctlr = 0x00c50078;
    c.user_regs.cpsr = PSTATE_EL2H;
    check_rc("builder-setvcpucontext-el2",
             vcpu_context(id, XEN_DOMCTL_setvcpucontext, 0, &c), -EINVAL);
    c.user_regs.cpsr = PSTATE_AARCH32;
    check_rc("builder-setvcpucontext-aarch32",
             vcpu_context(id, XEN_DOMCTL_setvcpucontext, 0, &c), -EINVAL);
    c.user_regs.cpsr = PSTATE_EL1H;
    c.flags = 0x80;
    check_rc("builder-setvcpucontext-bad-flags",
             vcpu_context(id, XEN_DOMCTL_setvcpucontext, 0, &c), -EINVAL);
    c.flags = VGCF_online;
    check_rc("builder-setvcpucontext-no-such-vcpu",
             vcpu_context(id, XEN_DOMCTL_setvcpucontext, 7, &c), -EINVAL);
    op.u.vcpucontext.ctxt.q = BAD_PTR;
    check_rc("builder-setvcpucontext-bad-pointer", domctl_call(&op), -EFAULT);
    check_rc("builder-setvcpucontext-dom0",
             vcpu_context(0, XEN_DOMCTL_setvcpucontext, 0, &c), -EINVAL);

    check_rc("builder-setvcpucontext",
             vcpu_context(id, XEN_DOMCTL_setvcpucontext, 0, &c), 0);
    rc = vcpu_context(id, XEN_DOMCTL_getvcpucontext, 0, &back);
    check("builder-getvcpucontext",
          rc == 0 && back.flags == VGCF_online &&
          back.user_regs.pc64 == c.user_regs.pc64 &&
          back.user_regs.x0 == c.user_regs.x0 &&
          back.user_regs.x30 == c.user_regs.x30 &&
          back.user_regs.cpsr == PSTATE_EL1H && back.sctlr == c.sctlr,
          "rc %ld, flags %#x, pc %#llx, x0 %#llx, x30 %#llx, cpsr %#llx",
          rc, back.flags, (unsigned long long)back.user_regs.pc64,
          (unsigned long long)back.user_regs.x0,
          (unsigned long long)back.user_regs.x30,
          (unsigned long long)back.user_regs.cpsr);
    /* Down again: nothing of this domain is meant to run. */
    c.flags = 0;
    check_rc("builder-setvcpucontext-offline",
             vcpu_context(id, XEN_DOMCTL_setvcpucontext, 0, &c), 0);
}

static long affinity(domid_t id, unsigned int cmd, uint32_t vcpu,
                     uint32_t flags, uint8_t *hard, uint8_t *soft)
{
    struct xen_domctl op = { .cmd = cmd, .domain = id };

    op.u.vcpuaffinity.vcpu = vcpu;
    op.u.vcpuaffinity.flags = flags;
    op.u.vcpuaffinity.cpumap_hard.bitmap.p = hard;
    op.u.vcpuaffinity.cpumap_hard.nr_bits = hard ? 8 : 0;
    op.u.vcpuaffinity.cpumap_soft.bitmap.p = soft;
    op.u.vcpuaffinity.cpumap_soft.nr_bits = soft ? 8 : 0;
    return domctl_call(&op);
}

static void test_affinity(domid_t id)
{
    uint8_t hard = 0, soft = 1;
    long rc;

    check_rc("builder-affinity-soft",
             affinity(id, XEN_DOMCTL_setvcpuaffinity, 0, XEN_VCPUAFFINITY_SOFT,
                      NULL, &soft), -EOPNOTSUPP);
    check_rc("builder-affinity-empty",
             affinity(id, XEN_DOMCTL_setvcpuaffinity, 0, XEN_VCPUAFFINITY_HARD,
                      &hard, NULL), -EINVAL);
    check_rc("builder-affinity-no-such-vcpu",
             affinity(id, XEN_DOMCTL_setvcpuaffinity, 9, XEN_VCPUAFFINITY_HARD,
                      &soft, NULL), -EINVAL);
    hard = 1;
    rc = affinity(id, XEN_DOMCTL_setvcpuaffinity, 1, XEN_VCPUAFFINITY_HARD,
                  &hard, NULL);
    check("builder-affinity-set", rc == 0 && hard == 1,
          "rc %ld, effective map %#x", rc, hard);
    hard = 0;
    rc = affinity(id, XEN_DOMCTL_getvcpuaffinity, 1, XEN_VCPUAFFINITY_HARD,
                  &hard, NULL);
    check("builder-affinity-get", rc == 0 && hard == 1, "rc %ld, map %#x", rc,
          hard);
}

static void test_misc(domid_t id)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_settimeoffset, .domain = id };

    op.u.settimeoffset.time_offset_seconds = -3600;
    check_rc("builder-settimeoffset", domctl_call(&op), 0);

    op = (struct xen_domctl) { .cmd = XEN_DOMCTL_set_target, .domain = id };
    op.u.set_target.target = id;
    check_rc("builder-set-target-self", domctl_call(&op), -EINVAL);
    op.u.set_target.target = 0;
    check_rc("builder-set-target-dom0", domctl_call(&op), -EINVAL);
    op.u.set_target.target = 30000;
    check_rc("builder-set-target-absent", domctl_call(&op), -ESRCH);

    op = (struct xen_domctl) { .cmd = XEN_DOMCTL_cacheflush, .domain = id };
    op.u.cacheflush.start_pfn = GUEST_RAM0_BASE >> 12;
    op.u.cacheflush.nr_pfns = 1UL << 20;
    check_rc("builder-cacheflush-too-many", domctl_call(&op), -EINVAL);
    op.u.cacheflush.start_pfn = ~0UL - 2;
    op.u.cacheflush.nr_pfns = 16;
    check_rc("builder-cacheflush-wraps", domctl_call(&op), -EINVAL);
    op.u.cacheflush.start_pfn = GUEST_RAM0_BASE >> 12;
    op.u.cacheflush.nr_pfns = 4096;
    check_rc("builder-cacheflush", domctl_call(&op), 0);
}

/* Maps n frames of domain dom; errs[] gets each one's result. */
static void *map_foreign(int fd, domid_t dom, const uint64_t *gfns, int *errs,
                         unsigned int n, long *rc)
{
    struct privcmd_mmapbatch_v2 b = { .num = n, .dom = dom, .arr = gfns,
                                      .err = errs };
    void *addr = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

    if ( addr == MAP_FAILED ) {
        *rc = -errno;
        return NULL;
    }
    b.addr = (uintptr_t)addr;
    *rc = ioctl(fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &b) ? -errno : 0;
    return addr;
}

void test_builder_ops(domid_t id)
{
    test_vcpu_context(id);
    test_affinity(id);
    test_misc(id);
}

/*
 * A page of domain id (RAM at GUEST_RAM0_BASE, populated) mapped into
 * dom0; destroy_domain() then takes the domain away while it is mapped.
 */
void test_foreign_map(domid_t id, void (*destroy_domain)(domid_t))
{
    uint64_t gfns[3] = { GUEST_RAM0_BASE >> 12, 0x7000000, GUEST_RAM0_BASE >> 12 };
    int errs[3] = { 1, 1, 1 }, fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    volatile uint8_t *page;
    long rc;

    if ( !check_errno("foreign-privcmd", fd >= 0, "/dev/xen/privcmd") )
        return;
    page = map_foreign(fd, id, gfns, errs, 2, &rc);
    check("foreign-map",
          page && rc == 0 && errs[0] == 0 && errs[1] == -EINVAL,
          "rc %ld, errors %d (RAM) %d (a hole, -EINVAL expected)", rc, errs[0],
          errs[1]);
    if ( page ) {
        memset((void *)page, 0xab, PAGE);
        /* The domain goes; its page stays until dom0 lets go. */
        destroy_domain(id);
        check("foreign-map-outlives-domain",
              page[0] == 0xab && page[PAGE - 1] == 0xab,
              "read %#x %#x after the domain was destroyed", page[0],
              page[PAGE - 1]);
        munmap((void *)page, 2 * PAGE);
    }
    errs[2] = 1;
    page = map_foreign(fd, id, &gfns[2], &errs[2], 1, &rc);
    check("foreign-map-gone-domain", errs[2] == -ESRCH,
          "rc %ld, error %d (-ESRCH expected)", rc, errs[2]);
    if ( page )
        munmap((void *)page, PAGE);
    close(fd);
}
