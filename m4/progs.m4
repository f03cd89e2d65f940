# SPDX-License-Identifier: GPL-2.0-only
#
# XEN_WARN(MESSAGE): warn now and repeat the warning in the closing summary.
AC_DEFUN([XEN_WARN], [
AC_MSG_WARN([$1])
xen_warnings="$xen_warnings
  - $1"
])

# XEN_FIND_PROG(VARIABLE, PROGRAM): AC_CHECK_PROGS, which trusts a value
# the user gave for VARIABLE, followed by a check that the program it names
# can be found.  Sets xen_found to yes or no; when no, VARIABLE keeps the
# user's value, or is PROGRAM when the user gave none.
AC_DEFUN([XEN_FIND_PROG], [
AC_CHECK_PROGS([$1], [$2])
AS_IF([test -n "$$1" && command -v "$$1" >/dev/null 2>&1],
    [xen_found=yes],
    [xen_found=no
     $1=${$1:-$2}])
])

# XEN_CHECK_PYTHON: python3 (3.6 or later) runs the build's generators and
# the flight scripts.  Required.
AC_DEFUN([XEN_CHECK_PYTHON], [
AC_ARG_VAR([PYTHON], [Python 3 interpreter])
XEN_FIND_PROG([PYTHON], [python3])
AS_IF([test $xen_found = no],
    [AC_MSG_ERROR([$PYTHON was not found; install the Debian package python3 (or run 'make deps' as root)])])
AC_MSG_CHECKING([whether $PYTHON is 3.6 or later])
AS_IF([$PYTHON -c 'import sys; sys.exit(sys.version_info < (3, 6))' >/dev/null 2>&1],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no])
     AC_MSG_ERROR([$PYTHON is not Python 3.6 or later; set PYTHON=<path> to a newer one])])
AC_SUBST([PYTHON])
])

# XEN_CHECK_DTC: the device-tree compiler, for the device trees the build
# and the flights write and inspect.  Warn only.
AC_DEFUN([XEN_CHECK_DTC], [
AC_ARG_VAR([DTC], [device-tree compiler])
XEN_FIND_PROG([DTC], [dtc])
HAVE_DTC=n
AS_IF([test $xen_found = no],
    [XEN_WARN([$DTC not found: building and inspecting device trees will fail (Debian package device-tree-compiler)])],
    [HAVE_DTC=y])
AC_SUBST([DTC])
AC_SUBST([HAVE_DTC])
])
