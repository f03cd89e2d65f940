/* SPDX-License-Identifier: MIT */
/*
 * libxenctrl: the control operations a toolstack makes on domains and on
 * the host, with Xen's names and semantics: 0 (or a count) on success,
 * -1 with errno set on failure.  The subset this tree's toolstack uses.
 */
#ifndef XENCTRL_H
#define XENCTRL_H

#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/hvm/params.h>

typedef struct xc_interface_core xc_interface;

/* Accepted for compatibility with Xen's API; never used. */
struct xentoollog_logger;

xc_interface *xc_interface_open(struct xentoollog_logger *logger,
                                struct xentoollog_logger *dombuild_logger,
                                unsigned int open_flags);
int xc_interface_close(xc_interface *xch);

/* Domains */
typedef struct xen_domctl_getdomaininfo xc_domaininfo_t;

/* *pdomid: the id wanted (0: any); on return, the one given. */
int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config);
int xc_domain_destroy(xc_interface *xch, uint32_t domid);
int xc_domain_pause(xc_interface *xch, uint32_t domid);
int xc_domain_unpause(xc_interface *xch, uint32_t domid);
/* Fills info with up to max domains from first on: how many, or -1. */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first,
                          unsigned int max, xc_domaininfo_t *info);
/* That one domain (ESRCH if it does not exist). */
int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid,
                             xc_domaininfo_t *info);
int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max);
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid,
                        uint64_t max_memkb);
int xc_domain_settimeoffset(xc_interface *xch, uint32_t domid,
                            int32_t time_offset_seconds);
int xc_domain_set_target(xc_interface *xch, uint32_t domid, uint32_t target);
/* Cleans guest frames [start, start + nr) to memory (after loading). */
int xc_domain_cacheflush(xc_interface *xch, uint32_t domid, xen_pfn_t start,
                         xen_pfn_t nr);

/* Memory */
/*
 * Gives the domain nr extents of 2^order pages at the frames listed: how
 * many it got (the first ones), or -1.
 */
int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                               unsigned long nr_extents,
                               unsigned int extent_order,
                               unsigned int mem_flags,
                               xen_pfn_t *extent_start);
/* The same, all of them or -1 (ENOMEM for fewer). */
int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents,
                                     unsigned int extent_order,
                                     unsigned int mem_flags,
                                     xen_pfn_t *extent_start);

/* vCPUs */
typedef union {
    struct vcpu_guest_context c;
} vcpu_guest_context_any_t;

typedef struct xen_domctl_getvcpuinfo xc_vcpuinfo_t;
typedef uint8_t *xc_cpumap_t;

int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                       vcpu_guest_context_any_t *ctxt);
int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                       vcpu_guest_context_any_t *ctxt);
int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                    xc_vcpuinfo_t *info);
/* Bytes in a CPU map covering every CPU the host can have. */
int xc_get_cpumap_size(xc_interface *xch);
int xc_vcpu_setaffinity(xc_interface *xch, uint32_t domid, int vcpu,
                        xc_cpumap_t cpumap_hard_inout,
                        xc_cpumap_t cpumap_soft_inout, uint32_t flags);
int xc_vcpu_getaffinity(xc_interface *xch, uint32_t domid, int vcpu,
                        xc_cpumap_t cpumap_hard, xc_cpumap_t cpumap_soft,
                        uint32_t flags);

/* Event channels and HVM parameters */
/* A port of dom's, unbound, that remote_dom may bind: the port, or -1. */
int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom,
                            uint32_t remote_dom);
int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t param,
                     uint64_t value);
int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t param,
                     uint64_t *value);

/* The host */
typedef struct xen_sysctl_physinfo xc_physinfo_t;
typedef struct xen_sysctl_cputopo xc_cputopo_t;

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);
/* *max_cpus in: room in cputopo (may be NULL); out: CPUs there are. */
int xc_cputopoinfo(xc_interface *xch, unsigned int *max_cpus,
                   xc_cputopo_t *cputopo);
/*
 * The hypervisor's console ring: up to *pnr_chars bytes into buffer, from
 * *pindex on if incremental; *pnr_chars and *pindex say what was read.
 */
int xc_readconsolering(xc_interface *xch, char *buffer,
                       unsigned int *pnr_chars, int clear, int incremental,
                       uint32_t *pindex);
/* XENVER_* query into arg (NULL for XENVER_version, which returns it). */
int xc_version(xc_interface *xch, int cmd, void *arg);

#endif
