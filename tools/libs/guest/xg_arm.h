/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The arm64 builder's pure parts, which only compute (and the host
 * tests call directly): reading a kernel, placing kernel, initrd and
 * device tree in the guest's RAM, and writing the device tree.
 *
 * Every input is untrusted.  Each function returns 0, or -1 with errno
 * set and one sentence (no trailing period) in err, which may be NULL
 * or 0 bytes long when the caller does not want it.
 */
#ifndef XG_ARM_H
#define XG_ARM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/arch-arm.h>

/*
 * The most a kernel may take, compressed or not, and what a gzip stream
 * may inflate to: Xen's XC_DOM_DECOMPRESS_MAX, its default for kernels,
 * modules and device trees alike.
 */
#define XG_KERNEL_MAX       (1UL << 30)
/*
 * Room for our device tree: with 128 vCPUs and a long command line it
 * stays under 32 KiB.  Linux on arm64 takes at most 2 MiB (XG_DT_LIMIT).
 */
#define XG_DT_MAX           (64UL << 10)
#define XG_DT_LIMIT         (2UL << 20)

/* ---- Files and gzip ---------------------------------------------------- */

/* A regular file's contents: at most max bytes, else an error. */
int xg_read_file(const char *path, size_t max, uint8_t **data, size_t *size,
                 char *err, size_t errlen);

/* Whether buf starts like a gzip stream. */
bool xg_is_gzip(const void *buf, size_t size);

/*
 * One gzip stream that must fill in exactly, inflated into a new buffer
 * (free()) of at most max bytes; what the stream's trailer records is the
 * most allocated.  EFBIG past max, EINVAL for a corrupt or truncated one.
 */
int xg_gunzip(const void *in, size_t in_size, size_t max, uint8_t **out,
              size_t *out_size, char *err, size_t errlen);

/* ---- The kernel -------------------------------------------------------- */

/* The arm64 Image header (Linux's Documentation/arm64/booting.rst). */
#define XG_IMAGE_HEADER_SIZE 64

struct xg_arm_image {
    uint64_t text_offset;   /* from a 2 MiB aligned base (0x80000 if old) */
    uint64_t image_size;    /* as in the header; 0 for pre-3.17 Images */
    uint64_t flags;
    unsigned int page_size; /* the kernel's: 4096, 16384, 65536; 0 unknown */
    bool phys_anywhere;     /* may sit anywhere, not only near RAM's base */
};

/*
 * Checks the header of an Image of size bytes (the whole file): magic,
 * little-endian, sizes and text_offset sane.  EOPNOTSUPP for big-endian,
 * ENOEXEC for no magic, EINVAL for impossible sizes.
 */
int xg_arm_image_parse(const uint8_t *file, size_t size,
                       struct xg_arm_image *img, char *err, size_t errlen);

struct xg_arm_kernel {
    uint8_t *data;          /* the Image, uncompressed (free()) */
    size_t size;            /* bytes of it to load */
    uint64_t text_offset;   /* from a 2 MiB aligned base */
    uint64_t mem_size;      /* bytes it occupies once running (>= size) */
    unsigned int page_size; /* see struct xg_arm_image */
    bool phys_anywhere;
    bool was_gzip;          /* data came out of a gzip stream */
};

/*
 * An arm64 Image, raw or gzip-compressed, from its bytes (taken over:
 * freed, or kept as k->data; freed on failure too).  A 32-bit zImage and
 * other compressions are refused with EOPNOTSUPP, anything else with
 * ENOEXEC.
 */
int xg_arm_kernel_parse(uint8_t *file, size_t size, struct xg_arm_kernel *k,
                        char *err, size_t errlen);

/* ---- Guest physical memory --------------------------------------------- */

/* Where things go in the guest's physical memory. */
struct xg_arm_layout {
    uint64_t bank_base[GUEST_RAM_BANKS], bank_size[GUEST_RAM_BANKS];
    unsigned int nr_banks;          /* banks of non-zero size, from 0 */
    uint64_t kernel_base;           /* where the Image is loaded: the entry */
    uint64_t kernel_end;            /* kernel_base + its mem_size */
    uint64_t initrd_base;           /* 0 if none */
    uint64_t dtb_base;
};

/*
 * RAM (mem bytes, whole pages; bank 0 first) and the places of the
 * kernel, an initrd of initrd_size bytes (0: none) and a device tree of
 * at most dtb_size bytes (at most XG_DT_LIMIT), as Xen 4.17 places them:
 * the kernel at text_offset from the start of RAM, the initrd then the
 * device tree at 128 MiB when RAM allows, else as high as they fit, else
 * below the kernel.  The device tree never crosses a 2 MiB boundary.
 * ENOMEM when RAM is too small, EINVAL for impossible arguments.
 */
int xg_arm_place(uint64_t mem, const struct xg_arm_kernel *k,
                 uint64_t initrd_size, uint64_t dtb_size,
                 struct xg_arm_layout *l, char *err, size_t errlen);

/* ---- The device tree --------------------------------------------------- */

/* The platform the device tree describes. */
struct xg_arm_hw {
    uint64_t gicd_base, gicd_size;      /* GICv3 distributor */
    uint64_t gicr_base, gicr_size;      /* redistributors, one region */
    /* Interrupt ids (16-31) of the PPIs, as the hypervisor raises them. */
    unsigned int timer_phys_s_ppi, timer_phys_ns_ppi, timer_virt_ppi;
    unsigned int evtchn_ppi;
    uint64_t gnttab_base, gnttab_size;  /* where the guest maps grants */
    uint32_t clock_frequency;           /* timer Hz; 0: none in the tree */
    /*
     * The guest's physical address bits (getdomaininfo's gpaddr_bits):
     * with it, the free space of the RAM banks is offered as "extended
     * regions" for foreign and grant mappings, as libxl does; 0: none.
     */
    unsigned int gpaddr_bits;
};

/* Our hypervisor's: the constants of <xen/arch-arm.h>. */
void xg_arm_hw_default(struct xg_arm_hw *hw);

struct xg_arm_dt_params {
    unsigned int nr_vcpus;
    const struct xg_arm_layout *layout;
    uint64_t initrd_size;           /* 0: no initrd */
    const char *bootargs;           /* NULL: none */
    unsigned int xen_major, xen_minor;
    const struct xg_arm_hw *hw;     /* NULL: xg_arm_hw_default()'s */
    /* Entropy for the guest's RNG (/chosen/rng-seed); NULL: none. */
    const uint8_t *rng_seed;
    size_t rng_seed_size;           /* at most XG_RNG_SEED_MAX */
};

/* libxl gives 128 bytes; we accept up to this. */
#define XG_RNG_SEED_MAX     512

/*
 * Writes the guest's device tree into buf (size bytes; its total size
 * is then fdt_totalsize(buf)).  ENOSPC when it does not fit, E2BIG for
 * bootargs that could never fit, EINVAL for impossible parameters.
 */
int xg_arm_dt_write(void *buf, size_t size, const struct xg_arm_dt_params *p,
                    char *err, size_t errlen);

/* ---- Errors ------------------------------------------------------------ */

/* Formats one sentence into err (if any room). */
void xg_set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same, sets errno to errnum and returns -1. */
int xg_fail(char *err, size_t errlen, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
