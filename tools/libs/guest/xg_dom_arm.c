/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The arm64 domain builder: a domain created with its vCPUs becomes one
 * ready to run.  In order: read the kernel and initrd, place them and
 * the device tree in the guest's RAM as Xen 4.17 does, give the domain
 * its RAM and magic pages, write everything in through foreign mappings,
 * make the console and xenstore event channels and publish both rings as
 * HVM parameters, clean the caches (the guest starts with its MMU off)
 * and point vCPU 0 at the kernel with the device tree in x0.
 *
 * Grants 0 and 1 (console, xenstore) are not seeded: xenconsoled and
 * xenstored map those pages as foreign frames instead, as Xen's daemons
 * fall back to.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <libfdt.h>
#include <xen/arch-arm.h>
#include <xen/version.h>

#include "xg_private.h"

#define PAGE_SHIFT      12
/* How vCPU 0 enters the kernel: EL1h, D A I F masked; MMU, caches off. */
#define GUEST_PSTATE    0x3c5
#define GUEST_SCTLR     0x00c50078UL
/* Xen's order for the magic pages at GUEST_MAGIC_BASE. */
#define MAGIC_CONSOLE   0
#define MAGIC_XENSTORE  1
#define RNG_SEED_SIZE   128     /* what libxl gives */

struct build {
    xc_interface *xch;
    xenforeignmemory_handle *fmem;
    const struct xg_guest_spec *s;
    struct xg_arm_kernel kernel;
    uint8_t *initrd;
    size_t initrd_size;
    struct xg_arm_layout layout;
    uint8_t dtb[XG_DT_MAX];
    char *err;
    size_t errlen;
};

static int fail_errno(struct build *b, const char *what)
{
    int e = errno;

    xg_set_err(b->err, b->errlen, "%s: %s", what, strerror(e));
    errno = e;
    return -1;
}

static int read_inputs(struct build *b)
{
    uint8_t *file;
    size_t size;

    if ( xg_read_file(b->s->kernel_path, XG_KERNEL_MAX, &file, &size,
                      b->err, b->errlen) ||
         xg_arm_kernel_parse(file, size, &b->kernel, b->err, b->errlen) )
        return -1;
    if ( b->s->ramdisk_path &&
         xg_read_file(b->s->ramdisk_path, b->s->mem_kib << 10, &b->initrd,
                      &b->initrd_size, b->err, b->errlen) )
        return -1;
    return 0;
}

/*
 * The device tree, as libxl writes it: with entropy for the guest's RNG,
 * and extended regions sized by the guest's physical address width.
 */
static int write_dt(struct build *b)
{
    uint8_t seed[RNG_SEED_SIZE];
    struct xg_arm_hw hw;
    xc_domaininfo_t info;
    struct xg_arm_dt_params p = {
        .nr_vcpus = b->s->nr_vcpus, .layout = &b->layout,
        .initrd_size = b->initrd_size, .bootargs = b->s->cmdline,
        .hw = &hw, .rng_seed = seed, .rng_seed_size = sizeof(seed),
    };
    int v = xc_version(b->xch, XENVER_version, NULL);

    if ( v < 0 )
        return fail_errno(b, "asking the hypervisor's version");
    if ( xc_domain_getinfo_single(b->xch, b->s->domid, &info) )
        return fail_errno(b, "asking the hypervisor about the domain");
    if ( getrandom(seed, sizeof(seed), 0) != (ssize_t)sizeof(seed) )
        return fail_errno(b, "reading entropy for the guest's RNG seed");
    p.xen_major = v >> 16;
    p.xen_minor = v & 0xffff;
    xg_arm_hw_default(&hw);
    hw.gpaddr_bits = info.gpaddr_bits;
    return xg_arm_dt_write(b->dtb, sizeof(b->dtb), &p, b->err, b->errlen);
}

static int populate(struct build *b)
{
    const struct xg_arm_layout *l = &b->layout;
    xen_pfn_t magic[NR_MAGIC_PAGES];
    unsigned int i;

    for ( i = 0; i < l->nr_banks; i++ )
        if ( xg_populate_ram(b->xch, b->s->domid, l->bank_base[i] >> PAGE_SHIFT,
                             l->bank_size[i] >> PAGE_SHIFT) )
            return fail_errno(b, "giving the guest its RAM");
    for ( i = 0; i < NR_MAGIC_PAGES; i++ )
        magic[i] = (GUEST_MAGIC_BASE >> PAGE_SHIFT) + i;
    if ( xc_domain_populate_physmap_exact(b->xch, b->s->domid, NR_MAGIC_PAGES,
                                          0, 0, magic) )
        return fail_errno(b, "giving the guest its console and xenstore pages");
    return 0;
}

/* Everything the guest reads at boot, into its RAM, then to memory. */
static int load(struct build *b)
{
    const struct xg_arm_layout *l = &b->layout;
    uint32_t domid = b->s->domid;
    size_t dtb_size = fdt_totalsize(b->dtb);

    if ( xg_write_guest(b->fmem, domid, l->kernel_base, b->kernel.data,
                        b->kernel.size) )
        return fail_errno(b, "copying the kernel into the guest");
    if ( b->initrd_size &&
         xg_write_guest(b->fmem, domid, l->initrd_base, b->initrd,
                        b->initrd_size) )
        return fail_errno(b, "copying the initrd into the guest");
    if ( xg_write_guest(b->fmem, domid, l->dtb_base, b->dtb, dtb_size) )
        return fail_errno(b, "copying the device tree into the guest");
    /* Fresh pages come zeroed; the magic ones are the rings' start state. */
    if ( xc_domain_cacheflush(b->xch, domid, l->kernel_base >> PAGE_SHIFT,
                              (b->kernel.size >> PAGE_SHIFT) + 1) ||
         (b->initrd_size &&
          xc_domain_cacheflush(b->xch, domid, l->initrd_base >> PAGE_SHIFT,
                               (b->initrd_size >> PAGE_SHIFT) + 1)) ||
         xc_domain_cacheflush(b->xch, domid, l->dtb_base >> PAGE_SHIFT,
                              (dtb_size >> PAGE_SHIFT) + 1) )
        return fail_errno(b, "cleaning the guest's caches");
    return 0;
}

static int rings(struct build *b, struct xg_guest_built *out)
{
    uint32_t domid = b->s->domid;
    int console = xc_evtchn_alloc_unbound(b->xch, domid, b->s->console_domid);
    int store = xc_evtchn_alloc_unbound(b->xch, domid, b->s->store_domid);

    if ( console < 0 || store < 0 )
        return fail_errno(b, "making the console and xenstore event channels");
    out->console_port = console;
    out->store_port = store;
    out->console_gfn = (GUEST_MAGIC_BASE >> PAGE_SHIFT) + MAGIC_CONSOLE;
    out->store_gfn = (GUEST_MAGIC_BASE >> PAGE_SHIFT) + MAGIC_XENSTORE;
    if ( xc_hvm_param_set(b->xch, domid, HVM_PARAM_CONSOLE_PFN,
                          out->console_gfn) ||
         xc_hvm_param_set(b->xch, domid, HVM_PARAM_CONSOLE_EVTCHN, console) ||
         xc_hvm_param_set(b->xch, domid, HVM_PARAM_STORE_PFN, out->store_gfn) ||
         xc_hvm_param_set(b->xch, domid, HVM_PARAM_STORE_EVTCHN, store) )
        return fail_errno(b, "setting the guest's HVM parameters");
    return 0;
}

/* Linux's boot protocol: x0 the device tree, x1-x3 zero. */
static int boot_vcpu(struct build *b)
{
    vcpu_guest_context_any_t ctxt;

    memset(&ctxt, 0, sizeof(ctxt));
    ctxt.c.flags = VGCF_online;
    ctxt.c.user_regs.pc64 = b->layout.kernel_base;
    ctxt.c.user_regs.x0 = b->layout.dtb_base;
    ctxt.c.user_regs.cpsr = GUEST_PSTATE;
    ctxt.c.sctlr = GUEST_SCTLR;
    if ( xc_vcpu_setcontext(b->xch, b->s->domid, 0, &ctxt) )
        return fail_errno(b, "setting vCPU 0's registers");
    return 0;
}

int xg_arm_build(xc_interface *xch, const struct xg_guest_spec *s,
                 struct xg_guest_built *out, char *err, size_t errlen)
{
    struct build *b = calloc(1, sizeof(*b));
    int rc = -1;

    if ( !b ) {
        xg_set_err(err, errlen, "no memory for the builder");
        return -1;
    }
    *b = (struct build) { .xch = xch, .s = s, .err = err, .errlen = errlen };
    if ( read_inputs(b) ||
         xg_arm_place(s->mem_kib << 10, &b->kernel, b->initrd_size,
                      sizeof(b->dtb), &b->layout, err, errlen) ||
         write_dt(b) )
        goto out;
    b->fmem = xenforeignmemory_open(NULL, 0);
    if ( !b->fmem ) {
        fail_errno(b, "opening /dev/xen/privcmd for foreign mappings");
        goto out;
    }
    if ( populate(b) || load(b) || rings(b, out) || boot_vcpu(b) )
        goto out;
    rc = 0;
 out:
    xenforeignmemory_close(b->fmem);
    free(b->kernel.data);
    free(b->initrd);
    free(b);
    return rc;
}
