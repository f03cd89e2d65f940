# SPDX-License-Identifier: GPL-2.0-only
#
# XEN_ARG_TARGET_ARCH: --with-target-arch=arm64|x86_64 (default arm64).
# Sets and substitutes XEN_TARGET_ARCH; accepts aarch64 and amd64 as
# spellings of the same two architectures.
AC_DEFUN([XEN_ARG_TARGET_ARCH], [
AC_ARG_WITH([target-arch],
    [AS_HELP_STRING([--with-target-arch=ARCH],
        [architecture the hypervisor and dom0 tools are built for:
         arm64 or x86_64 @<:@arm64@:>@])],
    [xen_target_arch=$withval], [xen_target_arch=arm64])
AS_CASE([$xen_target_arch],
    [arm64|aarch64], [XEN_TARGET_ARCH=arm64],
    [x86_64|amd64|x86-64], [XEN_TARGET_ARCH=x86_64],
    [AC_MSG_ERROR([unknown --with-target-arch=$xen_target_arch: use arm64 or x86_64])])
AS_IF([test "$XEN_TARGET_ARCH" = x86_64],
    [AC_MSG_WARN([the x86_64 port is not written yet; configure only checks the tools it will need])])
AC_SUBST([XEN_TARGET_ARCH])
])
