// SPDX-License-Identifier: GPL-2.0-only
/*
 * A client as an application would write one, built by test-build.sh
 * with the public header alone: it stores a value, reads it back, lists
 * its parent and prints what it saw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <xenstore.h>

int main(void)
{
	struct xs_handle *h = xs_open(0);
	unsigned int len, num, i;
	char **names;
	char *value;

	if (!h) {
		perror("xs_open");
		return 1;
	}
	if (!xs_write(h, XBT_NULL, "/example/greeting", "hello", 5) ||
	    !(value = xs_read(h, XBT_NULL, "/example/greeting", &len))) {
		perror("example");
		return 1;
	}
	printf("read %u bytes: %s\n", len, value);
	free(value);

	names = xs_directory(h, XBT_NULL, "/example", &num);
	if (!names) {
		perror("xs_directory");
		return 1;
	}
	for (i = 0; i < num; i++)
		printf("child: %s\n", names[i]);
	free(names);
	xs_close(h);
	return 0;
}
