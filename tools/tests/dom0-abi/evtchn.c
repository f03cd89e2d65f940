/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels: a local interdomain pair through /dev/xen/evtchn with
 * notifications ping-ponged across it, VIRQs, the hypercall sub-ops Linux
 * does not expose (bind_ipi, bind_vcpu, set_priority, status) through
 * privcmd, bad ports and sub-ops, and the per-domain port limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xen/event_channel.h>
#include <xen/sysctl.h>
#include <xen-sys/Linux/evtchn.h>

#include "dom0-abi.h"

#define PING_PONGS      5000
#define EVENT_WAIT_MS   5000
#define BAD_PORT        0x7fffffffu

/* Set by main from --events: which ABI Linux should be using. */
bool events_fifo = true;

static bool debug_key(const char *keys);

static long evtchn_op(unsigned int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_event_channel_op, cmd, HC_PTR(arg), 0);
}

int open_evtchn(void)
{
    return open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC);
}

bool take_event(int fd, uint32_t port, const char **why)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    uint32_t fired;

    if ( poll(&pfd, 1, EVENT_WAIT_MS) != 1 ) {
        *why = "no event within 5 s";
        return false;
    }
    if ( read(fd, &fired, sizeof(fired)) != sizeof(fired) ) {
        *why = "read failed";
        return false;
    }
    if ( fired != port ) {
        *why = "event on another port";
        return false;
    }
    if ( write(fd, &fired, sizeof(fired)) != sizeof(fired) ) {
        *why = "unmask (write) failed";
        return false;
    }
    return true;
}

static bool notify(int fd, uint32_t port)
{
    struct ioctl_evtchn_notify n = { .port = port };

    return ioctl(fd, IOCTL_EVTCHN_NOTIFY, &n) == 0;
}

static void check_status(const char *name, uint32_t port, uint32_t want_status,
                         uint32_t want_peer_port)
{
    struct evtchn_status st = { .dom = DOMID_SELF, .port = port };
    long rc = evtchn_op(EVTCHNOP_status, &st);

    check(name, !rc && st.status == want_status &&
          (want_status != EVTCHNSTAT_interdomain ||
           (st.u.interdomain.dom == 0 &&
            st.u.interdomain.port == want_peer_port)),
          "rc %ld, status %u (want %u), peer d%u port %u (want %u)", rc,
          st.status, want_status, st.u.interdomain.dom, st.u.interdomain.port,
          want_peer_port);
}

static void ping_pong(int a, uint32_t pa, int b, uint32_t pb)
{
    const char *why = "";
    uint64_t start = now_ms();
    unsigned int i;

    for ( i = 0; i < PING_PONGS; i++ ) {
        if ( !notify(a, pa) ) {
            why = "notify on the first port failed";
            break;
        }
        if ( !take_event(b, pb, &why) )
            break;
        if ( !notify(b, pb) ) {
            why = "notify on the second port failed";
            break;
        }
        if ( !take_event(a, pa, &why) )
            break;
    }
    if ( !check("evtchn-ping-pong", i == PING_PONGS,
                "%u of %u round trips in %llu ms%s%s", i, PING_PONGS,
                (unsigned long long)(now_ms() - start),
                i == PING_PONGS ? "" : ": ", i == PING_PONGS ? "" : why) )
        debug_key("qe");        /* the hypervisor's view, into the log */
}

/* An unbound port and its peer, each on its own /dev/xen/evtchn. */
static void check_local_pair(void)
{
    struct ioctl_evtchn_bind_unbound_port unbound = { .remote_domain = 0 };
    struct ioctl_evtchn_bind_interdomain inter = { .remote_domain = 0 };
    struct ioctl_evtchn_unbind unbind;
    int a = open_evtchn(), b = open_evtchn();
    int pa, pb;

    if ( !check_errno("evtchn-open", a >= 0 && b >= 0, "/dev/xen/evtchn twice") )
        goto out;
    pa = ioctl(a, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound);
    if ( !check("evtchn-bind-unbound", pa > 0, "port %d", pa) )
        goto out;
    check_status("evtchn-status-unbound", pa, EVTCHNSTAT_unbound, 0);
    inter.remote_port = pa;
    pb = ioctl(b, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter);
    if ( !check("evtchn-bind-interdomain-self", pb > 0 && pb != pa,
                "port %d to port %d", pb, pa) )
        goto out;
    check_status("evtchn-status-interdomain", pa, EVTCHNSTAT_interdomain, pb);

    /* Binding to a port that is no longer unbound is refused. */
    check("evtchn-bind-interdomain-taken",
          ioctl(b, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter) < 0 && errno == EINVAL,
          "errno %d (want EINVAL)", errno);

    ping_pong(a, pa, b, pb);

    /* Closing one end leaves the other unbound, as Xen does. */
    unbind.port = pb;
    check("evtchn-unbind", ioctl(b, IOCTL_EVTCHN_UNBIND, &unbind) == 0,
          "port %d", pb);
    check_status("evtchn-status-peer-closed", pa, EVTCHNSTAT_unbound, 0);
out:
    if ( a >= 0 )
        close(a);
    if ( b >= 0 )
        close(b);
}

static bool debug_key(const char *keys)
{
    struct xen_sysctl op;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_debug_keys;
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    op.u.debug_keys.keys.p = keys;
    op.u.debug_keys.nr_keys = strlen(keys);
    return hypercall(__HYPERVISOR_sysctl, HC_PTR(&op), 0, 0) == 0;
}

/* VIRQ_DEBUG is raised on every vCPU by the 'q' debug key, as in Xen. */
static void check_virqs(void)
{
    struct ioctl_evtchn_bind_virq bv = { .virq = VIRQ_DEBUG };
    struct evtchn_bind_virq hv;
    const char *why = "";
    int fd = open_evtchn(), port;

    if ( fd < 0 )
        return;
    port = ioctl(fd, IOCTL_EVTCHN_BIND_VIRQ, &bv);
    if ( check("evtchn-bind-virq-debug", port > 0, "port %d", port) ) {
        check_status("evtchn-status-virq", port, EVTCHNSTAT_virq, 0);
        check("evtchn-virq-debug-delivered",
              debug_key("q") && take_event(fd, port, &why), "%s", why);
    }
    bv.virq = VIRQ_DOM_EXC;
    port = ioctl(fd, IOCTL_EVTCHN_BIND_VIRQ, &bv);
    check("evtchn-bind-virq-dom_exc", port > 0, "port %d", port);
    close(fd);

    /* Linux's console already has VIRQ_CONSOLE. */
    hv = (struct evtchn_bind_virq){ .virq = VIRQ_CONSOLE, .vcpu = 0 };
    check_rc("evtchn-bind-virq-console-twice",
             evtchn_op(EVTCHNOP_bind_virq, &hv), -EEXIST);
    hv = (struct evtchn_bind_virq){ .virq = 1000, .vcpu = 0 };
    check_rc("evtchn-bind-virq-bad-virq", evtchn_op(EVTCHNOP_bind_virq, &hv),
             -EINVAL);
    hv = (struct evtchn_bind_virq){ .virq = VIRQ_DOM_EXC, .vcpu = 1 };
    check_rc("evtchn-bind-virq-global-on-vcpu1",
             evtchn_op(EVTCHNOP_bind_virq, &hv), -EINVAL);
    hv = (struct evtchn_bind_virq){ .virq = VIRQ_DEBUG, .vcpu = 4096 };
    check_rc("evtchn-bind-virq-bad-vcpu", evtchn_op(EVTCHNOP_bind_virq, &hv),
             -ENOENT);
}

static void close_port(uint32_t port)
{
    struct evtchn_close c = { .port = port };

    evtchn_op(EVTCHNOP_close, &c);
}

/* Sub-ops on ports Linux does not know of: made and closed here. */
static void check_hypercall_ops(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = 0 };
    struct evtchn_bind_ipi ipi = { .vcpu = 0 };
    struct evtchn_bind_vcpu bvc;
    struct evtchn_set_priority sp;
    struct evtchn_send send;
    long rc;

    rc = evtchn_op(EVTCHNOP_bind_ipi, &ipi);
    if ( check("evtchn-bind-ipi", !rc && ipi.port, "rc %ld, port %u", rc,
               ipi.port) ) {
        check_status("evtchn-status-ipi", ipi.port, EVTCHNSTAT_ipi, 0);
        close_port(ipi.port);
        check_status("evtchn-status-closed", ipi.port, EVTCHNSTAT_closed, 0);
    }

    rc = evtchn_op(EVTCHNOP_alloc_unbound, &au);
    if ( !check("evtchn-alloc-unbound", !rc && au.port, "rc %ld, port %u",
                rc, au.port) )
        return;
    bvc = (struct evtchn_bind_vcpu){ .port = au.port, .vcpu = 0 };
    check_rc("evtchn-bind-vcpu", evtchn_op(EVTCHNOP_bind_vcpu, &bvc), 0);
    bvc.vcpu = 4096;
    check_rc("evtchn-bind-vcpu-bad-vcpu", evtchn_op(EVTCHNOP_bind_vcpu, &bvc),
             -ENOENT);
    sp = (struct evtchn_set_priority){ .port = au.port,
                                       .priority = EVTCHN_FIFO_PRIORITY_MAX };
    check_rc("evtchn-set-priority", evtchn_op(EVTCHNOP_set_priority, &sp),
             events_fifo ? 0 : -ENOSYS);
    sp.priority = EVTCHN_FIFO_PRIORITY_MIN + 1;
    check_rc("evtchn-set-priority-bad", evtchn_op(EVTCHNOP_set_priority, &sp),
             events_fifo ? -EINVAL : -ENOSYS);
    close_port(au.port);
    send.port = au.port;
    check_rc("evtchn-send-closed-port", evtchn_op(EVTCHNOP_send, &send), -EINVAL);
}

static void check_bad_input(void)
{
    struct evtchn_send send = { .port = BAD_PORT };
    struct evtchn_status st = { .dom = DOMID_SELF, .port = BAD_PORT };
    struct evtchn_close cl = { .port = 0 };
    struct evtchn_unmask um = { .port = BAD_PORT };
    struct evtchn_alloc_unbound au = { .dom = 0x1234, .remote_dom = 0 };
    struct evtchn_reset rs = { .dom = 0x1234 };

    check_rc("evtchn-send-bad-port", evtchn_op(EVTCHNOP_send, &send), -EINVAL);
    check_rc("evtchn-status-bad-port", evtchn_op(EVTCHNOP_status, &st), -EINVAL);
    check_rc("evtchn-close-port-0", evtchn_op(EVTCHNOP_close, &cl), -EINVAL);
    check_rc("evtchn-unmask-bad-port", evtchn_op(EVTCHNOP_unmask, &um), -EINVAL);
    check_rc("evtchn-alloc-unbound-no-domain",
             evtchn_op(EVTCHNOP_alloc_unbound, &au), -ESRCH);
    check_rc("evtchn-reset-no-domain", evtchn_op(EVTCHNOP_reset, &rs), -ESRCH);
    check_rc("evtchn-unknown-subop", evtchn_op(99, &send), -ENOSYS);
    check_rc("evtchn-bad-pointer", evtchn_op(EVTCHNOP_send, (void *)BAD_PTR),
             -EFAULT);
}

void test_evtchn(void)
{
    check_local_pair();
    check_virqs();
    check_hypercall_ops();
    check_bad_input();
}

/*
 * Unbound ports until the hypervisor says -ENOSPC: 4096 ports in all with
 * the 2-level ABI, 2^17 with FIFO.  Then every one is closed again.
 */
void test_evtchn_limits(void)
{
    const uint32_t limit = events_fifo ? EVTCHN_FIFO_NR_CHANNELS : 4096;
    uint32_t *ports = calloc(limit, sizeof(*ports));
    struct hv_counters before, after;
    uint32_t n = 0, i, highest = 0;
    uint64_t start = now_ms();
    long rc = 0;

    if ( !ports || !hv_counters_read(&before) )
        return;
    while ( n < limit ) {
        struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = 0 };

        rc = evtchn_op(EVTCHNOP_alloc_unbound, &au);
        if ( rc )
            break;
        ports[n++] = au.port;
        if ( au.port > highest )
            highest = au.port;
    }
    /* Port 0 is never handed out. */
    check("evtchn-port-limit", rc == -ENOSPC &&
          n + (uint32_t)before.ports + 1 == limit && highest == limit - 1,
          "%u more ports until rc %ld (want -ENOSPC), %ld in use before, "
          "highest port %u, limit %u, %llu ms", n, rc, before.ports, highest,
          limit, (unsigned long long)(now_ms() - start));
    for ( i = 0; i < n; i++ )
        close_port(ports[i]);
    free(ports);
    check("evtchn-port-limit-all-closed", hv_counters_read(&after) &&
          after.ports == before.ports, "ports in use %ld -> %ld",
          before.ports, after.ports);
}
