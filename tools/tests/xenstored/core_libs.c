/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenevtchn and libxengnttab on the host: without /dev/xen they must
 * fail cleanly, with the errno of the missing device; with it (a Xen
 * host), open and close.
 */
#include <errno.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>

#include "core.h"

static void evtchn(void)
{
    xenevtchn_handle *xce;

    errno = 0;
    xce = xenevtchn_open(NULL, 0);
    if ( access("/dev/xen/evtchn", F_OK) ) {
        CHECK(!xce && errno == ENOENT, "open without the device: errno %d",
              errno);
    } else {
        CHECK(xce && xenevtchn_fd(xce) >= 0, "open failed: errno %d", errno);
        CHECK(!xenevtchn_close(xce), "close failed");
    }
    CHECK(!xenevtchn_close(NULL), "closing nothing failed");
}

static void gnttab(void)
{
    xengnttab_handle *xgt;

    errno = 0;
    xgt = xengnttab_open(NULL, 0);
    if ( access("/dev/xen/gntdev", F_OK) ) {
        CHECK(!xgt && errno == ENOENT, "open without the device: errno %d",
              errno);
    } else {
        CHECK(xgt, "open failed: errno %d", errno);
        CHECK(xengnttab_unmap(xgt, NULL, 1) == -1 && errno == EINVAL,
              "unmapping nothing");
        CHECK(!xengnttab_close(xgt), "close failed");
    }
    CHECK(!xengnttab_close(NULL), "closing nothing failed");
}

SUITE(suite_libs, "libs",
      { "evtchn", evtchn },
      { "gnttab", gnttab });
