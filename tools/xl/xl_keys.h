/* SPDX-License-Identifier: GPL-2.0-only */
/* Which xl.cfg keys this toolstack handles. */
#ifndef XL_KEYS_H
#define XL_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum xl_key_kind {
    XL_KEY_SUPPORTED, /* xl_parse.c reads it */
    XL_KEY_NOT_YET,   /* Xen's xl knows it; not handled here yet */
    XL_KEY_UNKNOWN,
};

enum xl_key_kind xl_key_kind(const char *name);

/* The keys of XL_KEY_NOT_YET, sorted: n of them. */
const char *const *xl_keys_not_yet(size_t *n);

#endif /* XL_KEYS_H */
