// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the pure parts of libxenstore and of the commands:
 * permission strings, value escaping, paths, and the wire helpers.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "harness.h"
#include "wire.h"
#include "xs_lib.h"

static const char *perms_parse(void)
{
	static const char good[] = "r5\0w0\0b12\0n0x10\0r017";
	struct xs_permissions p[5];

	CHECK(xs_strings_to_perms(p, 5, good));
	CHECK(p[0].perms == XS_PERM_READ && p[0].id == 5);
	CHECK(p[1].perms == XS_PERM_WRITE && p[1].id == 0);
	CHECK(p[2].perms == (XS_PERM_READ | XS_PERM_WRITE) && p[2].id == 12);
	CHECK(p[3].perms == XS_PERM_NONE && p[3].id == 16);
	CHECK(p[4].perms == XS_PERM_READ && p[4].id == 15);
	/* Only as many as asked for: the rest may be anything. */
	CHECK(xs_strings_to_perms(p, 1, "w3\0garbage"));
	CHECK(p[0].perms == XS_PERM_WRITE && p[0].id == 3);
	return NULL;
}

static const char *perms_parse_rejects(void)
{
	static const char *const bad[] = {
		"x1", "r", "", "r-1", "r 1", "r+1", "r1x", "R1",
		"r4294967296", "b99999999999999999999",
	};
	struct xs_permissions p;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		errno = 0;
		if (xs_strings_to_perms(&p, 1, bad[i]) || errno != EINVAL)
			return test_fail("accepted \"%s\"", bad[i]);
	}
	/* The second of two is bad. */
	CHECK_ERR(xs_strings_to_perms(&p, 2, "r1\0q2"), EINVAL);
	return NULL;
}

static const char *perms_print(void)
{
	char buf[MAX_STRLEN(unsigned int) + 1];
	struct xs_permissions p = { .id = 5, .perms = XS_PERM_READ };

	CHECK(xs_perm_to_string(&p, buf, sizeof(buf)) && !strcmp(buf, "r5"));
	p = (struct xs_permissions){ 0, XS_PERM_READ | XS_PERM_WRITE };
	CHECK(xs_perm_to_string(&p, buf, sizeof(buf)) && !strcmp(buf, "b0"));
	p = (struct xs_permissions){ 7, XS_PERM_NONE | XS_PERM_IGNORE };
	CHECK(xs_perm_to_string(&p, buf, sizeof(buf)) && !strcmp(buf, "n7"));
	p = (struct xs_permissions){ UINT_MAX, XS_PERM_WRITE };
	CHECK(xs_perm_to_string(&p, buf, sizeof(buf)) &&
	      !strcmp(buf, "w4294967295"));
	/* Bits that are the daemon's business only. */
	p = (struct xs_permissions){ 1, XS_PERM_READ | XS_PERM_OWNER };
	CHECK_ERR(xs_perm_to_string(&p, buf, sizeof(buf)), EINVAL);
	p = (struct xs_permissions){ 12345, XS_PERM_READ };
	CHECK_ERR(xs_perm_to_string(&p, buf, 4), ERANGE);
	return NULL;
}

static const char *perms_round_trip(void)
{
	static const unsigned int ids[] = { 0, 1, 32767, 65535, UINT_MAX };
	char buf[MAX_STRLEN(unsigned int) + 1];
	struct xs_permissions in, out;
	unsigned int i, bits;

	for (i = 0; i < ARRAY_SIZE(ids); i++)
		for (bits = 0; bits < 4; bits++) {
			in = (struct xs_permissions){ ids[i], bits };
			CHECK(xs_perm_to_string(&in, buf, sizeof(buf)));
			CHECK(xs_strings_to_perms(&out, 1, buf));
			CHECK(out.id == in.id && out.perms == in.perms);
		}
	return NULL;
}

static const char *escape_values(void)
{
	static const char raw[] = "a b~\t\n\r\\\x01\x07\x08\x1f\x7f\xff";
	char *s = escape_value(raw, sizeof(raw) - 1);

	CHECK(!strcmp(s, "a b~\\t\\n\\r\\\\\\001\\007\\x08\\x1f\\x7f\\xff"));
	free(s);
	/* An embedded NUL, and the empty value. */
	s = escape_value("x\0y", 3);
	CHECK(!strcmp(s, "x\\000y"));
	free(s);
	s = escape_value("", 0);
	CHECK(!strcmp(s, ""));
	free(s);
	return NULL;
}

/* Whether unescaping in gives the want_len bytes of want. */
static bool unescapes_to(const char *in, const char *want, size_t want_len)
{
	char out[64];
	size_t len = unescape_value(out, in);

	return len == want_len && !memcmp(out, want, len);
}

static const char *unescape_values(void)
{
	CHECK(unescapes_to("plain", "plain", 5));
	CHECK(unescapes_to("\\t\\n\\r\\\\", "\t\n\r\\", 4));
	CHECK(unescapes_to("\\000\\101\\7", "\0A\a", 3));
	/* Octal takes at most three digits, and only octal ones. */
	CHECK(unescapes_to("\\1012", "A2", 2));
	CHECK(unescapes_to("\\08", "\0" "8", 2));
	CHECK(unescapes_to("\\x41\\x4\\xfF", "A\x04\xff", 3));
	CHECK(unescapes_to("\\x414", "A4", 2));
	/* No hex digit: an x; another letter: itself. */
	CHECK(unescapes_to("\\xg\\q", "xgq", 3));
	CHECK(unescapes_to("end\\", "end\\", 4));
	CHECK(unescapes_to("", "", 0));
	return NULL;
}

static const char *escape_round_trip(void)
{
	char all[256], back[256 * 4 + 1];
	unsigned int i;
	char *s;

	for (i = 0; i < 256; i++)
		all[i] = i;
	s = escape_value(all, sizeof(all));
	CHECK(strlen(s) < sizeof(back));
	CHECK(unescape_value(back, s) == sizeof(all));
	CHECK(!memcmp(back, all, sizeof(all)));
	free(s);
	return NULL;
}

static const char *join_paths(void)
{
	static const char *const cases[][3] = {
		{ "/", "a", "/a" },
		{ "/a", "b", "/a/b" },
		{ "/a/", "b", "/a/b" },
		{ "rel", "b", "rel/b" },
		{ "", "b", "/b" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *p = path_join(cases[i][0], cases[i][1]);
		bool ok = !strcmp(p, cases[i][2]);

		free(p);
		if (!ok)
			return test_fail("join(\"%s\", \"%s\")", cases[i][0],
					 cases[i][1]);
	}
	return NULL;
}

static const char *subpaths(void)
{
	CHECK(xs_path_is_subpath("/a", "/a"));
	CHECK(xs_path_is_subpath("/a", "/a/b"));
	CHECK(xs_path_is_subpath("/a/b", "/a/b/c/d"));
	CHECK(xs_path_is_subpath("/", "/a"));
	CHECK(xs_path_is_subpath("/", "/"));
	CHECK(!xs_path_is_subpath("/a", "/ab"));
	CHECK(!xs_path_is_subpath("/a/b", "/a"));
	CHECK(!xs_path_is_subpath("a", "/a"));
	CHECK(!xs_path_is_subpath("/a", "a"));
	CHECK(xs_path_is_subpath("@releaseDomain", "@releaseDomain/3"));
	return NULL;
}

static const char *wire_headers(void)
{
	static char big[XENSTORE_PAYLOAD_MAX + 1];
	struct xsd_sockmsg hdr;
	struct iovec iov[3] = {
		{ .iov_base = "/a", .iov_len = 3 },
		{ .iov_base = big, .iov_len = 0 },
		{ .iov_base = "xyz", .iov_len = 3 },
	};

	CHECK(!xs_wire_header(&hdr, XS_WRITE, 9, 4, iov, 3));
	CHECK(hdr.type == XS_WRITE && hdr.req_id == 9 && hdr.tx_id == 4 &&
	      hdr.len == 6);
	/* The limit exactly, and one byte over it. */
	iov[1].iov_len = XENSTORE_PAYLOAD_MAX - 6;
	CHECK(!xs_wire_header(&hdr, XS_WRITE, 1, 0, iov, 3));
	CHECK(hdr.len == XENSTORE_PAYLOAD_MAX);
	iov[1].iov_len++;
	CHECK(xs_wire_header(&hdr, XS_WRITE, 1, 0, iov, 3) == E2BIG);
	/* Lengths that wrap around when summed. */
	iov[1].iov_len = (size_t)-2;
	CHECK(xs_wire_header(&hdr, XS_WRITE, 1, 0, iov, 3) == E2BIG);
	return NULL;
}

static const char *wire_errnos(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xsd_errors); i++) {
		const char *name = xsd_errors[i].errstring;
		int e = xsd_errors[i].errnum;

		if (xs_wire_errno(name, strlen(name) + 1) != e ||
		    xs_wire_errno(name, strlen(name)) != e)
			return test_fail("%s not mapped", name);
	}
	CHECK(xs_wire_errno("ENOENTX", 8) == EINVAL);
	CHECK(xs_wire_errno("ENOEN", 5) == EINVAL);
	CHECK(xs_wire_errno("ENOENT", 5) == EINVAL);
	CHECK(xs_wire_errno("", 0) == EINVAL);
	CHECK(xs_wire_errno("EAGAIN\0junk", 11) == EAGAIN);
	CHECK(xs_wire_errno("EWHATEVER", 10) == EINVAL);
	return NULL;
}

static const char *wire_replies(void)
{
	struct xsd_sockmsg hdr = { .type = XS_READ, .req_id = 7 };

	CHECK(xs_wire_is_reply(&hdr, 7, XS_READ));
	CHECK(!xs_wire_is_reply(&hdr, 8, XS_READ));
	CHECK(!xs_wire_is_reply(&hdr, 7, XS_WRITE));
	hdr.type = XS_ERROR;
	CHECK(xs_wire_is_reply(&hdr, 7, XS_WRITE));
	hdr.type = XS_WATCH_EVENT;
	CHECK(!xs_wire_is_reply(&hdr, 7, XS_READ));
	return NULL;
}

static const char *wire_split(void)
{
	unsigned int num = 99;
	char **v;

	v = xs_wire_split("a\0bb\0", 5, false, &num);
	CHECK(v && num == 2 && !strcmp(v[0], "a") && !strcmp(v[1], "bb") &&
	      !v[2]);
	free(v);
	v = xs_wire_split("", 0, false, &num);
	CHECK(v && num == 0 && !v[0]);
	free(v);
	v = xs_wire_split("p\0\0", 3, true, &num);
	CHECK(v && num == 2 && !strcmp(v[1], ""));
	free(v);
	CHECK_ERR(xs_wire_split("p\0\0", 3, false, &num), EIO);
	CHECK_ERR(xs_wire_split("a\0b", 3, true, &num), EIO);
	CHECK_ERR(xs_wire_split("\0", 1, false, &num), EIO);
	return NULL;
}

static const char *wire_numbers(void)
{
	unsigned long v = 0;

	CHECK(xs_wire_uint("42", 2, UINT32_MAX, &v) && v == 42);
	CHECK(xs_wire_uint("42\0", 3, UINT32_MAX, &v) && v == 42);
	CHECK(xs_wire_uint("4294967295", 10, UINT32_MAX, &v) &&
	      v == UINT32_MAX);
	CHECK_ERR(xs_wire_uint("4294967296", 10, UINT32_MAX, &v), EIO);
	CHECK_ERR(xs_wire_uint("99999999999999999999999", 23, ULONG_MAX, &v),
		  EIO);
	CHECK_ERR(xs_wire_uint("", 0, UINT32_MAX, &v), EIO);
	CHECK_ERR(xs_wire_uint("\0", 1, UINT32_MAX, &v), EIO);
	CHECK_ERR(xs_wire_uint("4x", 2, UINT32_MAX, &v), EIO);
	CHECK_ERR(xs_wire_uint("-1", 2, UINT32_MAX, &v), EIO);
	CHECK_ERR(xs_wire_uint(" 1", 2, UINT32_MAX, &v), EIO);
	CHECK_ERR(xs_wire_uint("4\0\0", 3, UINT32_MAX, &v), EIO);
	CHECK_ERR(xs_wire_uint("10", 2, 9, &v), EIO);
	return NULL;
}

static const char *count_strings(void)
{
	CHECK(xs_count_strings("a\0b\0", 4) == 2);
	CHECK(xs_count_strings("a\0b", 3) == 1);
	CHECK(xs_count_strings("", 0) == 0);
	CHECK(xs_count_strings("\0\0\0", 3) == 3);
	return NULL;
}

static const char *daemon_paths(void)
{
	const char *s;

	unsetenv("XENSTORED_PATH");
	unsetenv("XENSTORED_RUNDIR");
	CHECK(!strcmp(xs_daemon_rundir(), XEN_RUN_STORED));
	CHECK(!strcmp(xs_daemon_socket(), XEN_RUN_STORED "/socket"));
	CHECK(!strcmp(xs_daemon_socket_ro(), XEN_RUN_STORED "/socket"));

	setenv("XENSTORED_RUNDIR", "/tmp/xs", 1);
	CHECK(!strcmp(xs_daemon_rundir(), "/tmp/xs"));
	CHECK(!strcmp(xs_daemon_socket(), "/tmp/xs/socket"));

	setenv("XENSTORED_PATH", "/elsewhere/sock", 1);
	CHECK(!strcmp(xs_daemon_socket(), "/elsewhere/sock"));
	CHECK(!strcmp(xs_domain_dev(), "/elsewhere/sock"));
	unsetenv("XENSTORED_PATH");

	/* A run folder too long for any socket path. */
	{
		char *dir = malloc(PATH_MAX + 1);

		memset(dir, 'd', PATH_MAX);
		dir[PATH_MAX] = '\0';
		dir[0] = '/';
		setenv("XENSTORED_RUNDIR", dir, 1);
		free(dir);
		s = xs_daemon_socket();
		CHECK(s == NULL);
		CHECK_ERR(xs_open(XS_OPEN_SOCKETONLY), ENAMETOOLONG);
	}
	unsetenv("XENSTORED_RUNDIR");
	return NULL;
}

static const struct test_case cases[] = {
	TEST(perms_parse),
	TEST(perms_parse_rejects),
	TEST(perms_print),
	TEST(perms_round_trip),
	TEST(escape_values),
	TEST(unescape_values),
	TEST(escape_round_trip),
	TEST(join_paths),
	TEST(subpaths),
	TEST(wire_headers),
	TEST(wire_errnos),
	TEST(wire_replies),
	TEST(wire_split),
	TEST(wire_numbers),
	TEST(count_strings),
	TEST(daemon_paths),
};

int main(void)
{
	return test_run("units", cases, ARRAY_SIZE(cases), NULL);
}
