#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Regenerates ./configure from configure.ac and m4/*.m4.  Needs autoconf
# (Debian package autoconf).  Commit the regenerated ./configure.
set -e
cd "$(dirname "$0")"
autoconf -Wall -f
rm -rf autom4te.cache configure~
