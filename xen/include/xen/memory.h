/* SPDX-License-Identifier: GPL-2.0-only */
/* A domain's memory: page ownership accounting and memory_op. */
#ifndef XEN_MEMORY_H
#define XEN_MEMORY_H

#include <xen/frame.h>
#include <xen/types.h>

struct domain;
struct page_info;

/* Gives 2^order allocated pages to d (counted against max_pages). */
int assign_pages(struct domain *d, struct page_info *pg, unsigned int order);
/* Takes a page back from d: off its list, allocation reference dropped. */
void relinquish_page(struct domain *d, struct page_info *pg);
/* Frees every page d still owns (domain destruction). */
void relinquish_all_pages(struct domain *d);

#endif
