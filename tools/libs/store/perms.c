// SPDX-License-Identifier: LGPL-2.1-only
/* Permissions as the protocol spells them: a letter, then a domain id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_lib.h"

static bool perm_from_letter(char letter, unsigned int *perms)
{
	switch (letter) {
	case 'n':
		*perms = XS_PERM_NONE;
		return true;
	case 'r':
		*perms = XS_PERM_READ;
		return true;
	case 'w':
		*perms = XS_PERM_WRITE;
		return true;
	case 'b':
		*perms = XS_PERM_READ | XS_PERM_WRITE;
		return true;
	}
	return false;
}

/* As Xen: the id may be decimal, octal or hex, but nothing else. */
static bool perm_from_string(const char *s, struct xs_permissions *perm)
{
	unsigned long id;
	char *end;

	if (!perm_from_letter(s[0], &perm->perms))
		return false;
	/* strtoul would skip blanks and accept a sign. */
	if (s[1] < '0' || s[1] > '9')
		return false;
	errno = 0;
	id = strtoul(s + 1, &end, 0);
	if (*end || errno || id > UINT_MAX)
		return false;
	perm->id = id;
	return true;
}

bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num,
			 const char *strings)
{
	unsigned int i;

	for (i = 0; i < num; i++) {
		if (!perm_from_string(strings, &perms[i])) {
			errno = EINVAL;
			return false;
		}
		strings += strlen(strings) + 1;
	}
	return true;
}

bool xs_perm_to_string(const struct xs_permissions *perm,
		       char *buffer, size_t buf_len)
{
	static const char letters[] = "nrwb";
	unsigned int bits = perm->perms & ~XS_PERM_IGNORE;
	int len;

	if (bits > (XS_PERM_READ | XS_PERM_WRITE)) {
		errno = EINVAL;
		return false;
	}
	len = snprintf(buffer, buf_len, "%c%u", letters[bits], perm->id);
	if (len < 0 || (size_t)len >= buf_len) {
		errno = ERANGE;
		return false;
	}
	return true;
}
