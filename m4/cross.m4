# SPDX-License-Identifier: GPL-2.0-only
#
# XEN_CHECK_CROSS: find the compiler and binutils that build the hypervisor
# and the dom0 tools for XEN_TARGET_ARCH, i.e. ${CROSS_COMPILE}gcc, -ld,
# -objcopy and -nm, and check that the compiler really targets that
# architecture.  CROSS_COMPILE may be given in the environment or on the
# configure command line; an explicitly empty value means the native
# compiler.  A missing toolchain is an error naming the Debian package.
AC_DEFUN([XEN_CHECK_CROSS], [
AC_REQUIRE([XEN_ARG_TARGET_ARCH])
AC_ARG_VAR([CROSS_COMPILE],
    [prefix of the target toolchain, e.g. aarch64-linux-gnu- (default from
     --with-target-arch; empty for the build machine's own compiler)])

xen_build_arch=`uname -m`
AS_CASE([$XEN_TARGET_ARCH],
    [arm64], [xen_gnu_triplet=aarch64-linux-gnu
              xen_dumpmachine_pattern='aarch64*'
              xen_native_arch=aarch64],
    [x86_64], [xen_gnu_triplet=x86_64-linux-gnu
               xen_dumpmachine_pattern='x86_64*'
               xen_native_arch=x86_64])
# Debian's package names use '-' where the triplet has '_'.
xen_cross_pkg="gcc-`echo $xen_gnu_triplet | tr _ -`"
xen_binutils_pkg="binutils-`echo $xen_gnu_triplet | tr _ -`"

AS_IF([test "${CROSS_COMPILE+set}" != set],
    [AS_IF([test "$xen_build_arch" = "$xen_native_arch"],
        [CROSS_COMPILE=],
        [CROSS_COMPILE=$xen_gnu_triplet-])])

AC_MSG_CHECKING([for the $XEN_TARGET_ARCH compiler ${CROSS_COMPILE}gcc])
AS_IF([command -v "${CROSS_COMPILE}gcc" >/dev/null 2>&1],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no])
     AC_MSG_ERROR([${CROSS_COMPILE}gcc was not found, so nothing can be built
    for $XEN_TARGET_ARCH.  On Debian, install it as root with
        apt-get install $xen_cross_pkg
    or run 'make deps', which installs every build and test dependency.
    To use another toolchain, pass CROSS_COMPILE=<prefix> to ./configure.])])

AC_MSG_CHECKING([whether ${CROSS_COMPILE}gcc targets $XEN_TARGET_ARCH])
xen_dumpmachine=`${CROSS_COMPILE}gcc -dumpmachine 2>/dev/null`
AS_CASE([$xen_dumpmachine],
    [$xen_dumpmachine_pattern], [AC_MSG_RESULT([yes ($xen_dumpmachine)])],
    [AC_MSG_RESULT([no ($xen_dumpmachine)])
     AC_MSG_ERROR([${CROSS_COMPILE}gcc builds for '$xen_dumpmachine', not $XEN_TARGET_ARCH;
    set CROSS_COMPILE to the right prefix (e.g. $xen_gnu_triplet-)])])

for xen_tool in ld objcopy nm; do
    AC_MSG_CHECKING([for ${CROSS_COMPILE}$xen_tool])
    AS_IF([command -v "${CROSS_COMPILE}$xen_tool" >/dev/null 2>&1],
        [AC_MSG_RESULT([yes])],
        [AC_MSG_RESULT([no])
         AC_MSG_ERROR([${CROSS_COMPILE}$xen_tool was not found.  On Debian it comes
    with $xen_cross_pkg (package $xen_binutils_pkg);
    run 'make deps' as root, or apt-get install $xen_cross_pkg])])
done
AC_SUBST([CROSS_COMPILE])
])
