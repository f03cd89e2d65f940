/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VIRQ_DOM_EXC: some domain shut down or died.  xenstored asks the
 * hypervisor which, as Xen's does: a domain that shut down fires
 * @releaseDomain once; one that is dying or gone loses its connection
 * (which fires @releaseDomain too).
 */
#ifndef XENSTORED_DOMAIN_EXC_H
#define XENSTORED_DOMAIN_EXC_H

void domain_exc_check(void);
void domain_exc_close(void);

#endif
