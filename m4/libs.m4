# SPDX-License-Identifier: GPL-2.0-only
#
# Library checks for the toolstack.  Each library is looked for twice:
#  - with the host compiler (CC), which builds the host unit tests and any
#    host build of the tools;
#  - with ${CROSS_COMPILE}gcc, which builds the tools that run in dom0.  On
#    Debian the target's copies come from multiarch packages such as
#    libfdt-dev:arm64 (after 'dpkg --add-architecture arm64').

# XEN_LINK_CHECK(COMPILER, CFLAGS, HEADER, LIBRARY, FUNCTION)
# Sets xen_link_result to yes when a program including HEADER and calling
# FUNCTION compiles and links with COMPILER CFLAGS ... -lLIBRARY, else to no.
# Uses no cache, so the same check can be made with several compilers.
AC_DEFUN([XEN_LINK_CHECK], [
xen_save_CC=$CC
xen_save_CPPFLAGS=$CPPFLAGS
xen_save_LIBS=$LIBS
CC=$1
CPPFLAGS="$2 $CPPFLAGS"
LIBS="-l$4 $LIBS"
AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <$3>]],
                                [[void (*volatile p)(void) = (void (*)(void))$5; return p == 0;]])],
    [xen_link_result=yes], [xen_link_result=no])
CC=$xen_save_CC
CPPFLAGS=$xen_save_CPPFLAGS
LIBS=$xen_save_LIBS
])

# XEN_CHECK_TOOL_LIB(NAME, HEADER, LIBRARY, FUNCTION, DEBIAN-PACKAGE,
#                    REQUIRED, [CFLAGS])
# Sets and substitutes HAVE_<NAME> (host) and TARGET_HAVE_<NAME> (dom0's
# architecture) to y or n.  A missing host library is an error when REQUIRED
# is "yes" and --enable-tools was given explicitly; otherwise it only warns,
# since the default build does not link these libraries yet.
AC_DEFUN([XEN_CHECK_TOOL_LIB], [
AC_MSG_CHECKING([for $2 and -l$3 (host)])
XEN_LINK_CHECK([$CC], [$7], [$2], [$3], [$4])
AC_MSG_RESULT([$xen_link_result])
AS_IF([test $xen_link_result = yes], [HAVE_$1=y], [HAVE_$1=n])

AC_MSG_CHECKING([for $2 and -l$3 ($XEN_TARGET_ARCH, for dom0)])
XEN_LINK_CHECK([${CROSS_COMPILE}gcc], [$7], [$2], [$3], [$4])
AC_MSG_RESULT([$xen_link_result])
AS_IF([test $xen_link_result = yes], [TARGET_HAVE_$1=y], [TARGET_HAVE_$1=n])

AS_IF([test "$HAVE_$1" = n], [
    AS_IF([test "$6" = yes],
        [xen_missing_libs="$xen_missing_libs $5"],
        [XEN_WARN([optional library -l$3 not found for the host (Debian package $5)])])])
AS_IF([test "$TARGET_HAVE_$1" = n && test "$enable_tools" != no],
    [xen_missing_target_libs="$xen_missing_target_libs -l$3"
     xen_missing_target_pkgs="$xen_missing_target_pkgs $5:$xen_debian_arch"])
AC_SUBST([HAVE_$1])
AC_SUBST([TARGET_HAVE_$1])
])

# XEN_CHECK_TOOL_LIBS: libfdt, zlib and yajl (needed by the tools), libxml2
# (optional).
AC_DEFUN([XEN_CHECK_TOOL_LIBS], [
AC_REQUIRE([XEN_CHECK_CROSS])
AS_CASE([$XEN_TARGET_ARCH],
    [arm64], [xen_debian_arch=arm64],
    [x86_64], [xen_debian_arch=amd64])
xen_missing_libs=
xen_missing_target_libs=
xen_missing_target_pkgs=
XEN_CHECK_TOOL_LIB([LIBFDT], [libfdt.h], [fdt], [fdt_check_header], [libfdt-dev], [yes])
XEN_CHECK_TOOL_LIB([ZLIB], [zlib.h], [z], [inflate], [zlib1g-dev], [yes])
XEN_CHECK_TOOL_LIB([LIBYAJL], [yajl/yajl_parse.h], [yajl], [yajl_alloc], [libyajl-dev], [yes])
# libxml2's headers live in a folder of their own; ask pkg-config where.
AC_CHECK_PROGS([PKG_CONFIG], [pkg-config])
LIBXML2_CFLAGS=
AS_IF([test -n "$PKG_CONFIG"],
    [LIBXML2_CFLAGS=`$PKG_CONFIG --cflags libxml-2.0 2>/dev/null`])
AS_IF([test -z "$LIBXML2_CFLAGS"], [LIBXML2_CFLAGS=-I/usr/include/libxml2])
AC_SUBST([LIBXML2_CFLAGS])
XEN_CHECK_TOOL_LIB([LIBXML2], [libxml/parser.h], [xml2], [xmlReadMemory], [libxml2-dev], [no], [$LIBXML2_CFLAGS])
AS_IF([test -n "$xen_missing_libs" && test "$enable_tools" = yes],
    [AC_MSG_ERROR([--enable-tools was given, but libraries the toolstack needs are
    missing on the host.  Install them as root with
        apt-get install$xen_missing_libs
    or leave out --enable-tools to only be warned.])],
    [test -n "$xen_missing_libs" && test "$enable_tools" = auto],
    [XEN_WARN([host libraries for the toolstack not found; as root: apt-get install$xen_missing_libs])])
AS_IF([test -n "$xen_missing_target_libs"],
    [AS_CASE([$xen_missing_target_pkgs],
        [*libfdt-dev:*], [xen_fdt_note="; note that Debian 12's libfdt-dev is not multiarch, so libfdt-dev:$xen_debian_arch replaces the host's libfdt-dev"],
        [xen_fdt_note=])
     AC_MSG_NOTICE([${CROSS_COMPILE}gcc cannot link$xen_missing_target_libs, so the dom0 tools cannot use them (TARGET_HAVE_*=n in config/Tools.mk).  To add them, as root: dpkg --add-architecture $xen_debian_arch && apt-get update && apt-get install$xen_missing_target_pkgs$xen_fdt_note])])
])
