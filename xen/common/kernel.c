/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small hypercalls: xen_version, console_io, sched_op, vm_assist,
 * platform_op and physdev_op.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <public/features.h>
#include <public/platform.h>
#include <public/sched.h>
#include <public/version.h>

uint32_t xen_features_of(const struct domain *d)
{
    uint32_t f = (1u << XENFEAT_writable_page_tables) |
                 (1u << XENFEAT_auto_translated_physmap) |
                 (1u << XENFEAT_memory_op_vnode_supported) |
                 (1u << XENFEAT_ARM_SMCCC_supported);

    if ( is_hardware_domain(d) )
        f |= 1u << XENFEAT_dom0;
    f |= 1u << (d->arch.direct_map ? XENFEAT_direct_mapped
                                   : XENFEAT_not_direct_mapped);
    return f;
}

static long copy_string_out(uint64_t arg, const char *s, size_t bufsize)
{
    char buf[1024];

    BUG_ON(bufsize > sizeof(buf));
    memset(buf, 0, bufsize);
    strlcpy(buf, s, bufsize);
    return raw_copy_to_guest(arg, buf, bufsize) ? -EFAULT : 0;
}

static long xen_build_id(uint64_t arg)
{
    extern const char __note_gnu_build_id_start[] __weak;
    extern const char __note_gnu_build_id_end[] __weak;
    /* An ELF note: namesz, descsz, type, "GNU\0", then the id. */
    const uint32_t *note = (const uint32_t *)__note_gnu_build_id_start;
    struct xen_build_id hdr;
    uint32_t len;

    if ( !__note_gnu_build_id_start ||
         __note_gnu_build_id_end - __note_gnu_build_id_start < 16 )
        return -ENODATA;
    len = note[1];
    if ( raw_copy_from_guest(&hdr, arg, sizeof(hdr)) )
        return -EFAULT;
    if ( hdr.len < len )
        return -ENOBUFS;
    if ( raw_copy_to_guest(arg + sizeof(hdr), (const char *)(note + 3) +
                           ROUNDUP(note[0], 4), len) )
        return -EFAULT;
    return len;
}

long do_xen_version(uint64_t cmd, uint64_t arg)
{
    switch ( cmd ) {
    case XENVER_version:
        return (XEN_VERSION << 16) | XEN_SUBVERSION;
    case XENVER_extraversion:
        return copy_string_out(arg, XEN_EXTRAVERSION, sizeof(xen_extraversion_t));
    case XENVER_compile_info: {
        struct xen_compile_info info;

        memset(&info, 0, sizeof(info));
        strlcpy(info.compiler, "gcc " __VERSION__, sizeof(info.compiler));
        strlcpy(info.compile_by, "builder", sizeof(info.compile_by));
        strlcpy(info.compile_domain, "localdomain", sizeof(info.compile_domain));
        strlcpy(info.compile_date, __DATE__ " " __TIME__, sizeof(info.compile_date));
        return raw_copy_to_guest(arg, &info, sizeof(info)) ? -EFAULT : 0;
    }
    case XENVER_capabilities:
        return copy_string_out(arg, arch_capabilities,
                               sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return copy_string_out(arg, "unavailable", sizeof(xen_changeset_info_t));
    case XENVER_platform_parameters: {
        struct xen_platform_parameters p = { .virt_start = 0 };

        return raw_copy_to_guest(arg, &p, sizeof(p)) ? -EFAULT : 0;
    }
    case XENVER_get_features: {
        struct xen_feature_info fi;

        if ( raw_copy_from_guest(&fi, arg, sizeof(fi)) )
            return -EFAULT;
        if ( fi.submap_idx >= XENFEAT_NR_SUBMAPS )
            return -EINVAL;
        fi.submap = xen_features_of(current->domain);
        return raw_copy_to_guest(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
    }
    case XENVER_pagesize:
        return PAGE_SIZE;
    case XENVER_guest_handle:
        return raw_copy_to_guest(arg, current->domain->handle,
                                 sizeof(current->domain->handle)) ? -EFAULT : 0;
    case XENVER_commandline:
        if ( !current->domain->is_privileged )
            return -EPERM;
        return copy_string_out(arg, saved_cmdline(), sizeof(xen_commandline_t));
    case XENVER_build_id:
        if ( !current->domain->is_privileged )
            return -EPERM;
        return xen_build_id(arg);
    }
    return SUBOP_UNIMPLEMENTED("xen_version", cmd);
}

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf)
{
    char kbuf[128];
    unsigned long done = 0;

    if ( !current->domain->is_privileged )
        return -EPERM;
    switch ( cmd ) {
    case CONSOLEIO_write:
        while ( done < count ) {
            unsigned long n = min(count - done, sizeof(kbuf));

            if ( raw_copy_from_guest(kbuf, buf + done, n) )
                return -EFAULT;
            console_guest_write(kbuf, n);
            done += n;
        }
        return 0;
    case CONSOLEIO_read: {
        size_t n = console_dom0_read(kbuf, min(count, sizeof(kbuf)));

        if ( n && raw_copy_to_guest(buf, kbuf, n) )
            return -EFAULT;
        return n;
    }
    }
    return SUBOP_UNIMPLEMENTED("console_io", cmd);
}

/* The toolstack (or a device model, of its guest) shuts a domain down. */
static long remote_shutdown(uint64_t arg)
{
    struct sched_remote_shutdown rs;
    struct domain *d;
    long rc = 0;

    if ( raw_copy_from_guest(&rs, arg, sizeof(rs)) )
        return -EFAULT;
    if ( rs.reason > SHUTDOWN_MAX )
        return -EINVAL;
    d = get_domain_by_id(rs.domain_id);
    if ( !d )
        return -ESRCH;
    if ( current->domain->is_privileged || current->domain->target == d )
        domain_shutdown(d, rs.reason);
    else
        rc = -EPERM;
    put_domain(d);
    return rc;
}

long do_sched_op(uint64_t cmd, uint64_t arg)
{
    struct sched_shutdown sd;

    switch ( cmd ) {
    case SCHEDOP_yield:
        vcpu_yield();
        return 0;
    case SCHEDOP_block:
        vcpu_block();
        return 0;
    case SCHEDOP_shutdown:
        if ( raw_copy_from_guest(&sd, arg, sizeof(sd)) )
            return -EFAULT;
        if ( sd.reason > SHUTDOWN_MAX )
            return -EINVAL;
        domain_shutdown(current->domain, sd.reason);
        return 0;
    case SCHEDOP_shutdown_code:
        if ( raw_copy_from_guest(&sd, arg, sizeof(sd)) )
            return -EFAULT;
        if ( sd.reason > SHUTDOWN_MAX )
            return -EINVAL;
        current->domain->shutdown_code = sd.reason;
        return 0;
    case SCHEDOP_remote_shutdown:
        return remote_shutdown(arg);
    }
    return SUBOP_UNIMPLEMENTED("sched_op", cmd);
}

long do_vm_assist(uint64_t cmd, uint64_t type)
{
    if ( cmd > VMASST_CMD_disable )
        return SUBOP_UNIMPLEMENTED("vm_assist", cmd);
    /* The only assist Arm has; the runstate area honours it. */
    if ( type != VMASST_TYPE_runstate_update_flag )
        return -EINVAL;
    if ( cmd == VMASST_CMD_enable )
        current->domain->vm_assist |= 1UL << type;
    else
        current->domain->vm_assist &= ~(1UL << type);
    return 0;
}

long do_platform_op(uint64_t arg)
{
    struct xen_platform_op op;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( raw_copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;
    switch ( op.cmd ) {
    case XENPF_settime64:
        if ( op.u.settime64.mbz )
            return -EINVAL;
        /* Its system_time is dom0's own clock, which started at time_zero. */
        wallclock_set(op.u.settime64.secs, op.u.settime64.nsecs,
                      op.u.settime64.system_time + current->domain->time_zero_ns);
        return 0;
    }
    return SUBOP_UNIMPLEMENTED("platform_op", op.cmd);
}

/* PCI is not managed here: Linux only logs the -ENOSYS. */
long do_physdev_op(uint64_t cmd, uint64_t arg)
{
    return SUBOP_UNIMPLEMENTED("physdev_op", cmd);
}
