# SPDX-License-Identifier: GPL-2.0-only
#
# XEN_CHECK_QEMU: find the QEMU system emulator that `make run` and the
# flights boot the hypervisor in, and check that it has the guest-loader
# device used to hand dom0's kernel and initramfs to the hypervisor.
# Building needs neither, so anything missing here is only a warning.
AC_DEFUN([XEN_CHECK_QEMU], [
AC_REQUIRE([XEN_ARG_TARGET_ARCH])
AC_ARG_VAR([QEMU_SYSTEM], [QEMU system emulator used by make run and make check])
AS_CASE([$XEN_TARGET_ARCH],
    [arm64], [xen_qemu_default=qemu-system-aarch64; xen_qemu_pkg=qemu-system-arm],
    [x86_64], [xen_qemu_default=qemu-system-x86_64; xen_qemu_pkg=qemu-system-x86])
XEN_FIND_PROG([QEMU_SYSTEM], [$xen_qemu_default])
HAVE_QEMU=n
AS_IF([test $xen_found = no],
    [XEN_WARN([$QEMU_SYSTEM not found: 'make run' and 'make check' need it (Debian package $xen_qemu_pkg)])],
    [HAVE_QEMU=y
     AC_MSG_CHECKING([$QEMU_SYSTEM version])
     xen_qemu_version=`$QEMU_SYSTEM --version 2>/dev/null | sed -n 's/^QEMU emulator version \([[0-9.]]*\).*/\1/p'`
     AC_MSG_RESULT([${xen_qemu_version:-unknown}])
     AS_IF([test "$XEN_TARGET_ARCH" = arm64], [
         AC_MSG_CHECKING([whether $QEMU_SYSTEM has the guest-loader device])
         AS_IF([$QEMU_SYSTEM -machine none -device help 2>/dev/null | grep '"guest-loader"' >/dev/null],
             [AC_MSG_RESULT([yes])],
             [AC_MSG_RESULT([no])
              XEN_WARN([$QEMU_SYSTEM lacks -device guest-loader (QEMU 6.0 or later has it): 'make run' cannot pass dom0 to the hypervisor])])])])
AC_SUBST([QEMU_SYSTEM])
AC_SUBST([HAVE_QEMU])
])
