// SPDX-License-Identifier: GPL-2.0-only
/* Values escaped for the terminal, and back, in Xen's notation. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>

#include "client.h"

char *escape_value(const char *val, size_t len)
{
	/* The longest escape, \xhh, takes four bytes for one. */
	char *out = malloc(len * 4 + 1), *op = out;
	size_t i;

	if (!out)
		err(1, "malloc");
	for (i = 0; i < len; i++) {
		unsigned char c = val[i];

		if (c >= ' ' && c <= '~' && c != '\\') {
			*op++ = c;
			continue;
		}
		*op++ = '\\';
		switch (c) {
		case '\t':
			*op++ = 't';
			break;
		case '\n':
			*op++ = 'n';
			break;
		case '\r':
			*op++ = 'r';
			break;
		case '\\':
			*op++ = '\\';
			break;
		default:
			op += sprintf(op, c < 010 ? "%03o" : "x%02x", c);
		}
	}
	*op = '\0';
	return out;
}

static int digit_value(char c, unsigned int base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

/* Reads up to max digits in base at *in; -1 if there is none. */
static int read_number(const char **in, unsigned int base, int max)
{
	int n = 0, value = 0, d;

	while (n < max && (d = digit_value((*in)[n], base)) >= 0) {
		value = value * base + d;
		n++;
	}
	*in += n;
	return n ? value : -1;
}

size_t unescape_value(char *out, const char *in)
{
	char *op = out;

	while (*in) {
		char c = *in++;
		int v;

		/* A lone backslash at the end stands for itself. */
		if (c != '\\' || !*in) {
			*op++ = c;
			continue;
		}
		c = *in++;
		switch (c) {
		case 't':
			*op++ = '\t';
			break;
		case 'n':
			*op++ = '\n';
			break;
		case 'r':
			*op++ = '\r';
			break;
		case 'x':
			v = read_number(&in, 16, 2);
			*op++ = v < 0 ? 'x' : v;
			break;
		case '0' ... '7':
			in--;
			*op++ = read_number(&in, 8, 3);
			break;
		default:
			*op++ = c;
		}
	}
	return op - out;
}
