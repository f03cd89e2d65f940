/* SPDX-License-Identifier: LGPL-2.1-only */
#ifndef XL_DOM_XS_H
#define XL_DOM_XS_H

#include <stdint.h>

/* What xenstore is told about a new domain. */
struct xl_dom_xs {
    uint32_t domid;
    const char *name;
    const char *uuid;               /* as text */
    uint64_t max_memkb, target_memkb;
    unsigned int vcpus, max_vcpus;  /* online at boot, and all */
    uint32_t store_port, console_port;
    uint64_t store_gfn, console_gfn;
};

/* Its directories, before it is built: 0, or -1 with errno set. */
int xs_domain_make(const struct xl_dom_xs *x);
/* Memory, vCPUs, rings and console once built; then INTRODUCE. */
int xs_domain_introduce(const struct xl_dom_xs *x);

#endif
