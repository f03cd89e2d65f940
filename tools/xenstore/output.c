// SPDX-License-Identifier: GPL-2.0-only
/* Output held back until the transaction that made it commits. */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

static char *buf;
static size_t used, size;

static void reserve(size_t more)
{
	char *grown;

	if (more <= size - used)
		return;
	size = (used + more) * 2;
	grown = realloc(buf, size);
	if (!grown)
		err(1, "malloc");
	buf = grown;
}

void output(const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		err(1, "output");

	reserve(len + 1);
	va_start(ap, fmt);
	vsnprintf(buf + used, len + 1, fmt, ap);
	va_end(ap);
	used += len;
}

void output_raw(const char *data, size_t len)
{
	reserve(len);
	memcpy(buf + used, data, len);
	used += len;
}

void output_discard(void)
{
	used = 0;
}

void output_flush(void)
{
	if (used && fwrite(buf, 1, used, stdout) != used)
		err(1, "write");
	if (fflush(stdout))
		err(1, "write");
	free(buf);
	buf = NULL;
	used = size = 0;
}
