# SPDX-License-Identifier: GPL-2.0-only
#
# XEN_PATHS: where the installed toolstack keeps its configuration, logs,
# state and sockets.  Xen's tools and the scripts written for them expect
# /etc/xen, /var/log/xen, /var/lib/xen, /var/run/xen and /var/run/xenstored,
# so --sysconfdir and --localstatedir default to /etc and /var here rather
# than to autoconf's ${prefix}/etc and ${prefix}/var.  Giving either option
# explicitly still wins.
AC_DEFUN([XEN_PATHS], [
AS_IF([test "x$sysconfdir" = 'x${prefix}/etc'], [sysconfdir=/etc])
AS_IF([test "x$localstatedir" = 'x${prefix}/var'], [localstatedir=/var])
# autoconf 2.70 and later have --runstatedir; older ones leave it unset.
AS_IF([test -z "$runstatedir"], [runstatedir='${localstatedir}/run'])

AC_SUBST([XEN_CONFIG_DIR], ['${sysconfdir}/xen'])
AC_SUBST([XEN_LOG_DIR], ['${localstatedir}/log/xen'])
AC_SUBST([XEN_LIB_DIR], ['${localstatedir}/lib/xen'])
AC_SUBST([XEN_RUN_DIR], ['${runstatedir}/xen'])
AC_SUBST([XEN_RUN_STORED], ['${runstatedir}/xenstored'])
AC_SUBST([runstatedir])
])
