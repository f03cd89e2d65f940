/* xen-sources: common/event_channel.c common/subop.c common/event_2l.c common/event_fifo.c common/vcpu_info.c */
/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels, common core and 2-level ABI: every EVTCHNOP's success and
 * error returns, port numbering and limits, interdomain channels between
 * two domains and within one, VIRQs and IPIs, bind_vcpu, reset, the
 * 2-level pending/mask/selector/upcall rules, vcpu_info registration
 * (including one straddling two frames), and that destroying a domain
 * leaves no allocation and no page reference behind.  The FIFO ABI has
 * its own file, test-evtchn-fifo.c.
 */
#include "test-evtchn.h"

static struct shared_info *si(struct tdom *td)
{
    return td->d.shared_info;
}

static bool pending(struct tdom *td, evtchn_port_t port)
{
    return test_bit(port, si(td)->evtchn_pending);
}

/* What the guest does once it has seen an event (or to start clean). */
static void guest_ack(struct tdom *td, struct vcpu_info *vi, evtchn_port_t port)
{
    clear_bit(port, si(td)->evtchn_pending);
    vi->evtchn_pending_sel = 0;
    vi->evtchn_upcall_pending = 0;
}

static void check_status(struct vcpu *v, domid_t dom, evtchn_port_t port,
                         uint32_t state, uint32_t vcpu)
{
    struct evtchn_status st;

    CHECK_EQ(status(v, dom, port, &st), 0);
    CHECK_EQ(st.status, state);
    CHECK_EQ(st.vcpu, vcpu);
}

TEST(bad_commands_and_pointers)
{
    struct tdom *td;
    struct vcpu *v;
    struct evtchn_send op = { .port = 1 };
    int cmd;

    env_reset();
    td = tdom_new(1, 2, false);
    v = &td->v[0];
    CHECK_EQ(hc(v, 99, &op), -ENOSYS);
    CHECK_EQ(hc(v, -1, &op), -ENOSYS);
    CHECK_EQ(hc(v, EVTCHNOP_bind_pirq, &op), -ENOSYS);
    /* Every op reads its argument first. */
    for ( cmd = 0; cmd <= EVTCHNOP_reset_cont; cmd++ )
        if ( cmd != EVTCHNOP_bind_pirq )
            CHECK_EQ(do_event_channel_op(cmd, BAD_GVA), -EFAULT);

    /* Writing the result back can fault too (the port stays, as in Xen). */
    fail_copy_to = true;
    CHECK_EQ(alloc_unbound(v, DOMID_SELF, DOMID_SELF, NULL), -EFAULT);
    CHECK_EQ(evtchn_ports_in_use(&td->d), 1);
    /* Ops without results write nothing back. */
    CHECK_EQ(port_op(v, EVTCHNOP_close, 1), 0);
    fail_copy_to = false;

    tdom_free(td);
    env_check_clean();
}

TEST(alloc_unbound)
{
    struct tdom *a, *b, *dom0;
    struct evtchn_status st;
    evtchn_port_t p;

    env_reset();
    dom0 = tdom_new(0, 1, true);
    a = tdom_new(1, 1, false);
    b = tdom_new(2, 1, false);

    /* SELF/SELF (dom0's xenstore) works; port 0 is never handed out. */
    CHECK_EQ(alloc_unbound(&a->v[0], DOMID_SELF, DOMID_SELF, &p), 0);
    CHECK_EQ(p, 1);
    CHECK_EQ(status(&a->v[0], DOMID_SELF, 1, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 1);
    CHECK_EQ(alloc_unbound(&a->v[0], 1, 2, &p), 0);
    CHECK_EQ(p, 2);
    CHECK_EQ(status(&a->v[0], 1, 2, &st), 0);
    CHECK_EQ(st.u.unbound.dom, 2);
    check_status(&a->v[0], DOMID_SELF, 0, EVTCHNSTAT_closed, 0);

    /* In another domain: privileged callers only; SELF is then the caller. */
    CHECK_EQ(alloc_unbound(&a->v[0], 2, DOMID_SELF, NULL), -EPERM);
    CHECK_EQ(evtchn_ports_in_use(&b->d), 0);
    CHECK_EQ(alloc_unbound(&dom0->v[0], 2, DOMID_SELF, &p), 0);
    CHECK_EQ(p, 1);
    CHECK_EQ(status(&b->v[0], DOMID_SELF, 1, &st), 0);
    CHECK_EQ(st.u.unbound.dom, 0);
    CHECK_EQ(alloc_unbound(&a->v[0], 7, 0, NULL), -ESRCH);

    /* The builders' way in: SELF means the domain itself. */
    CHECK_EQ(evtchn_alloc_unbound_port(&b->d, DOMID_SELF, &p), 0);
    CHECK_EQ(p, 2);
    CHECK_EQ(status(&b->v[0], DOMID_SELF, 2, &st), 0);
    CHECK_EQ(st.u.unbound.dom, 2);
    CHECK_EQ(evtchn_ports_in_use(&b->d), 2);

    tdom_free(a);
    tdom_free(b);
    tdom_free(dom0);
    env_check_clean();
}

TEST(port_limits)
{
    struct tdom *domu, *dom0;
    evtchn_port_t p, i;

    env_reset();
    domu = tdom_new(1, 1, false);
    dom0 = tdom_new(0, 1, true);

    /* A domU gets ports 1..1023 (the toolstack's max_evtchn_port). */
    for ( i = 1; i < 1024; i++ ) {
        CHECK_EQ(evtchn_alloc_unbound_port(&domu->d, 0, &p), 0);
        CHECK_EQ(p, i);
    }
    CHECK_EQ(alloc_unbound(&domu->v[0], DOMID_SELF, 0, NULL), -ENOSPC);
    CHECK_EQ(port_op(&domu->v[0], EVTCHNOP_close, 500), 0);
    CHECK_EQ(alloc_unbound(&domu->v[0], DOMID_SELF, 0, &p), 0);
    CHECK_EQ(p, 500);
    CHECK_EQ(evtchn_ports_in_use(&domu->d), 1023);
    /* A lower cap stops new ports but keeps the old ones working. */
    domu->d.max_evtchns = 10;
    CHECK_EQ(evtchn_alloc_unbound_port(&domu->d, 0, &p), -ENOSPC);
    CHECK_EQ(port_op(&domu->v[0], EVTCHNOP_close, 500), 0);

    /* dom0 may have 2^17, but 2-level stops at 4095. */
    for ( i = 1; i < 4096; i++ )
        CHECK_EQ(evtchn_alloc_unbound_port(&dom0->d, 0, &p), 0);
    CHECK_EQ(p, 4095);
    CHECK_EQ(evtchn_alloc_unbound_port(&dom0->d, 0, &p), -ENOSPC);

    tdom_free(domu);
    tdom_free(dom0);
    env_check_clean();
}

/* createdomain's max_evtchn_port is the highest port a domU gets. */
TEST(max_port_from_config)
{
    struct tdom *td;
    evtchn_port_t p;
    unsigned int i;

    env_reset();
    td = tdom_new(1, 1, false);
    CHECK_EQ(evtchn_domain_init(&td->d, 63), 0);
    for ( i = 1; i < 64; i++ )
        CHECK_EQ(evtchn_alloc_unbound_port(&td->d, 0, &p), 0);
    CHECK_EQ(p, 63);
    CHECK_EQ(evtchn_alloc_unbound_port(&td->d, 0, &p), -ENOSPC);
    tdom_free(td);

    /* An absurd maximum is the ABI's (2-level here: 4095). */
    td = tdom_new(1, 1, false);
    CHECK_EQ(evtchn_domain_init(&td->d, UINT32_MAX), 0);
    for ( i = 1; i < 4096; i++ )
        CHECK_EQ(evtchn_alloc_unbound_port(&td->d, 0, &p), 0);
    CHECK_EQ(evtchn_alloc_unbound_port(&td->d, 0, &p), -ENOSPC);
    tdom_free(td);
    env_check_clean();
}

TEST(out_of_memory)
{
    struct tdom *td;
    evtchn_port_t p;

    env_reset();
    td = tdom_new(1, 1, false);
    fail_alloc_in = 1;      /* the bucket pointer array */
    CHECK_EQ(evtchn_alloc_unbound_port(&td->d, 0, &p), -ENOMEM);
    fail_alloc_in = 2;      /* the bucket */
    CHECK_EQ(evtchn_alloc_unbound_port(&td->d, 0, &p), -ENOMEM);
    CHECK_EQ(evtchn_ports_in_use(&td->d), 0);
    CHECK_EQ(evtchn_alloc_unbound_port(&td->d, 0, &p), 0);
    CHECK_EQ(p, 1);
    tdom_free(td);
    env_check_clean();
}

TEST(interdomain)
{
    struct tdom *a, *b, *c;
    struct vcpu *va, *vb;
    struct evtchn_status st;
    evtchn_port_t pa, pb;

    env_reset();
    a = tdom_new(1, 1, false);
    b = tdom_new(2, 1, false);
    c = tdom_new(3, 1, false);
    va = &a->v[0];
    vb = &b->v[0];
    CHECK_EQ(alloc_unbound(va, DOMID_SELF, 2, &pa), 0);

    CHECK_EQ(bind_interdomain(&c->v[0], 1, pa, NULL), -EINVAL); /* not c's */
    CHECK_EQ(bind_interdomain(vb, 1, 5, NULL), -EINVAL);        /* free */
    CHECK_EQ(bind_interdomain(vb, 1, 999, NULL), -EINVAL);      /* no such */
    CHECK_EQ(bind_interdomain(vb, 9, pa, NULL), -ESRCH);
    CHECK_EQ(evtchn_ports_in_use(&b->d), 0);
    CHECK_EQ(bind_interdomain(vb, 1, pa, &pb), 0);
    CHECK_EQ(pb, 1);
    CHECK_EQ(bind_interdomain(vb, 1, pa, NULL), -EINVAL);       /* taken */

    /* The new end starts pending: sends to the unbound end were lost. */
    CHECK(pending(b, pb));
    clear_bit(pb, si(b)->evtchn_pending);
    CHECK_EQ(status(va, DOMID_SELF, pa, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(st.u.interdomain.dom, 2);
    CHECK_EQ(st.u.interdomain.port, pb);
    CHECK_EQ(status(vb, DOMID_SELF, pb, &st), 0);
    CHECK_EQ(st.u.interdomain.dom, 1);
    CHECK_EQ(st.u.interdomain.port, pa);

    /* Each end raises the other. */
    CHECK_EQ(port_op(va, EVTCHNOP_send, pa), 0);
    CHECK(pending(b, pb) && !pending(a, pa));
    CHECK_EQ(port_op(vb, EVTCHNOP_send, pb), 0);
    CHECK(pending(a, pa));

    /* Closing one end (here the higher domid's) leaves the other unbound. */
    CHECK_EQ(port_op(vb, EVTCHNOP_close, pb), 0);
    CHECK(!pending(b, pb));
    check_status(vb, DOMID_SELF, pb, EVTCHNSTAT_closed, 0);
    CHECK_EQ(status(va, DOMID_SELF, pa, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 2);
    CHECK_EQ(port_op(va, EVTCHNOP_send, pa), 0);    /* dropped */
    CHECK(!pending(b, pb));

    /* b may connect again; then a closes (the lower domid's end). */
    CHECK_EQ(bind_interdomain(vb, 1, pa, &pb), 0);
    CHECK_EQ(port_op(va, EVTCHNOP_close, pa), 0);
    CHECK_EQ(status(vb, DOMID_SELF, pb, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 1);
    CHECK_EQ(port_op(vb, EVTCHNOP_close, pb), 0);
    CHECK_EQ(evtchn_ports_in_use(&a->d) + evtchn_ports_in_use(&b->d), 0);

    tdom_free(a);
    tdom_free(b);
    tdom_free(c);
    env_check_clean();
}

TEST(interdomain_to_self)
{
    struct tdom *td;
    struct vcpu *v;
    struct evtchn_status st;
    evtchn_port_t p1, p2;

    env_reset();
    td = tdom_new(0, 1, true);
    v = &td->v[0];
    CHECK_EQ(alloc_unbound(v, DOMID_SELF, DOMID_SELF, &p1), 0);
    CHECK_EQ(bind_interdomain(v, DOMID_SELF, p1, &p2), 0);
    CHECK_EQ(p2, 2);
    CHECK_EQ(status(v, DOMID_SELF, p1, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(st.u.interdomain.dom, 0);
    CHECK_EQ(st.u.interdomain.port, p2);
    clear_bit(p2, si(td)->evtchn_pending);

    CHECK_EQ(port_op(v, EVTCHNOP_send, p1), 0);
    CHECK(pending(td, p2) && !pending(td, p1));
    CHECK_EQ(port_op(v, EVTCHNOP_send, p2), 0);
    CHECK(pending(td, p1));
    CHECK_EQ(port_op(v, EVTCHNOP_close, p1), 0);
    CHECK_EQ(status(v, DOMID_SELF, p2, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 0);

    tdom_free(td);
    env_check_clean();
}

TEST(virq)
{
    struct tdom *td;
    struct vcpu *v;
    struct evtchn_status st;
    evtchn_port_t pt1, pt2, pc;

    env_reset();
    td = tdom_new(0, 3, true);
    v = &td->v[0];
    CHECK_EQ(bind_virq(v, VIRQ_TIMER, 1, &pt1), 0);
    CHECK_EQ(pt1, 1);
    CHECK_EQ(status(v, DOMID_SELF, pt1, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_virq);
    CHECK_EQ(st.u.virq, VIRQ_TIMER);
    CHECK_EQ(st.vcpu, 1);
    CHECK_EQ(bind_virq(v, VIRQ_TIMER, 1, NULL), -EEXIST);
    CHECK_EQ(bind_virq(v, VIRQ_TIMER, 2, &pt2), 0);     /* per vCPU */
    CHECK_EQ(bind_virq(v, VIRQ_CONSOLE, 1, NULL), -EINVAL); /* global */
    CHECK_EQ(bind_virq(v, VIRQ_CONSOLE, 0, &pc), 0);
    CHECK_EQ(bind_virq(v, VIRQ_CONSOLE, 0, NULL), -EEXIST);
    CHECK_EQ(bind_virq(v, NR_VIRQS, 0, NULL), -EINVAL);
    CHECK_EQ(bind_virq(v, VIRQ_DEBUG, 3, NULL), -ENOENT);
    CHECK_EQ(bind_virq(v, VIRQ_DEBUG, 100, NULL), -ENOENT);
    CHECK_EQ(evtchn_ports_in_use(&td->d), 3);
    CHECK_EQ(port_op(v, EVTCHNOP_send, pt1), -EINVAL);  /* not sendable */

    send_guest_vcpu_virq(&td->v[1], VIRQ_TIMER);
    CHECK(pending(td, pt1) && !pending(td, pt2));
    send_guest_vcpu_virq(&td->v[1], VIRQ_DEBUG);        /* unbound: nothing */
    send_guest_global_virq(&td->d, VIRQ_CONSOLE);
    CHECK(pending(td, pc));
    send_guest_global_virq(&td->d, VIRQ_DOM_EXC);
    send_guest_global_virq(NULL, VIRQ_CONSOLE);
    /* vCPU 1 has no vcpu_info yet: its events wait in the bitmap. */
    CHECK_EQ(td->injects[1], 0);
    CHECK_EQ(td->injects[0], 1);

    /* Closing unbinds; the VIRQ can be bound again. */
    CHECK_EQ(port_op(v, EVTCHNOP_close, pt1), 0);
    CHECK_EQ(td->v[1].virq_to_evtchn[VIRQ_TIMER], 0);
    CHECK_EQ(bind_virq(v, VIRQ_TIMER, 1, &pt1), 0);
    CHECK_EQ(td->v[1].virq_to_evtchn[VIRQ_TIMER], pt1);

    tdom_free(td);
    env_check_clean();
}

TEST(ipi_and_bind_vcpu)
{
    struct tdom *td;
    struct vcpu *v;
    struct vcpu_info *vi1;
    unsigned long g;
    evtchn_port_t pi, pt, pc, pu;

    env_reset();
    td = tdom_new(1, 2, false);
    v = &td->v[0];
    g = tdom_page(td);
    CHECK_EQ(register_vcpu_info(&td->v[1], g, 0), 0);
    vi1 = gfn_va(td, g);
    CHECK_EQ(bind_ipi(v, 1, &pi), 0);
    CHECK_EQ(bind_ipi(v, 2, NULL), -ENOENT);
    check_status(v, DOMID_SELF, pi, EVTCHNSTAT_ipi, 1);

    guest_ack(td, vi1, pi);
    CHECK_EQ(port_op(v, EVTCHNOP_send, pi), 0);
    CHECK(pending(td, pi) && vi1->evtchn_pending_sel == 1);
    CHECK_EQ(vi1->evtchn_upcall_pending, 1);
    CHECK_EQ(td->injects[1], 2);    /* registration, then this */
    CHECK_EQ(si(td)->vcpu_info[0].evtchn_pending_sel, 0);

    /* IPIs and per-vCPU VIRQs stay on their vCPU. */
    CHECK_EQ(bind_vcpu(v, pi, 0), -EINVAL);
    CHECK_EQ(bind_virq(v, VIRQ_TIMER, 0, &pt), 0);
    CHECK_EQ(bind_vcpu(v, pt, 1), -EINVAL);
    /* Global VIRQs, unbound and interdomain ports move. */
    CHECK_EQ(bind_virq(v, VIRQ_CONSOLE, 0, &pc), 0);
    CHECK_EQ(bind_vcpu(v, pc, 1), 0);
    check_status(v, DOMID_SELF, pc, EVTCHNSTAT_virq, 1);
    guest_ack(td, vi1, pi);
    send_guest_global_virq(&td->d, VIRQ_CONSOLE);
    CHECK(pending(td, pc) && vi1->evtchn_pending_sel == 1);
    CHECK_EQ(td->injects[0], 0);
    CHECK_EQ(alloc_unbound(v, DOMID_SELF, DOMID_SELF, &pu), 0);
    CHECK_EQ(bind_vcpu(v, pu, 1), 0);
    check_status(v, DOMID_SELF, pu, EVTCHNSTAT_unbound, 1);

    CHECK_EQ(bind_vcpu(v, pu, 2), -ENOENT);
    CHECK_EQ(bind_vcpu(v, 0, 0), -EINVAL);
    CHECK_EQ(bind_vcpu(v, 60, 0), -EINVAL);     /* free */
    CHECK_EQ(bind_vcpu(v, 5000, 0), -EINVAL);   /* no such port */
    /* A closed port forgets its vCPU. */
    CHECK_EQ(port_op(v, EVTCHNOP_close, pu), 0);
    check_status(v, DOMID_SELF, pu, EVTCHNSTAT_closed, 0);

    tdom_free(td);
    env_check_clean();
}

TEST(port_errors)
{
    struct tdom *a, *dom0;
    struct vcpu *v;
    struct evtchn_status st;
    evtchn_port_t p;

    env_reset();
    a = tdom_new(1, 1, false);
    dom0 = tdom_new(0, 1, true);
    v = &a->v[0];
    /* No storage at all yet. */
    CHECK_EQ(status(v, DOMID_SELF, 1, &st), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_close, 1), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_unmask, 1), -EINVAL);

    CHECK_EQ(alloc_unbound(v, DOMID_SELF, 0, &p), 0);
    CHECK_EQ(port_op(v, EVTCHNOP_close, 0), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_close, 5), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_close, 100000), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_send, 0), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_send, 5), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_send, 100000), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_send, p), 0);      /* unbound: dropped */
    CHECK(!pending(a, p));
    CHECK_EQ(port_op(v, EVTCHNOP_unmask, 0), 0);
    CHECK_EQ(port_op(v, EVTCHNOP_unmask, 100000), -EINVAL);
    CHECK_EQ(port_op(v, EVTCHNOP_close, p), 0);
    CHECK_EQ(port_op(v, EVTCHNOP_close, p), -EINVAL);

    check_status(v, DOMID_SELF, 0, EVTCHNSTAT_closed, 0);
    check_status(v, DOMID_SELF, p, EVTCHNSTAT_closed, 0);
    CHECK_EQ(status(v, DOMID_SELF, 64, &st), -EINVAL);
    CHECK_EQ(status(v, 9, 1, &st), -ESRCH);
    /* Another domain's ports: the privileged only. */
    CHECK_EQ(alloc_unbound(&dom0->v[0], DOMID_SELF, 1, &p), 0);
    CHECK_EQ(status(v, 0, p, &st), -EPERM);
    CHECK_EQ(status(&dom0->v[0], 1, 0, &st), 0);

    tdom_free(a);
    tdom_free(dom0);
    env_check_clean();
}

TEST(two_level_pending_and_mask)
{
    struct tdom *td;
    struct vcpu *v;
    struct vcpu_info *vi;
    evtchn_port_t p, p70 = 0;

    env_reset();
    td = tdom_new(1, 1, false);
    v = &td->v[0];
    vi = &si(td)->vcpu_info[0];     /* vCPU 0's until it registers one */
    CHECK_EQ(bind_ipi(v, 0, &p), 0);
    while ( p70 < 70 )
        CHECK_EQ(bind_ipi(v, 0, &p70), 0);

    /* Pending, selector, upcall, interrupt: in that order, once. */
    CHECK_EQ(port_op(v, EVTCHNOP_send, p), 0);
    CHECK(pending(td, p));
    CHECK_EQ(vi->evtchn_pending_sel, 1);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    CHECK_EQ(td->injects[0], 1);
    CHECK_EQ(port_op(v, EVTCHNOP_send, p), 0);      /* already pending */
    clear_bit(p, si(td)->evtchn_pending);
    CHECK_EQ(port_op(v, EVTCHNOP_send, p), 0);      /* selector still set */
    CHECK_EQ(td->injects[0], 1);
    /* A new selector bit while the upcall is still flagged: no interrupt. */
    clear_bit(p, si(td)->evtchn_pending);
    vi->evtchn_pending_sel = 0;
    CHECK_EQ(port_op(v, EVTCHNOP_send, p), 0);
    CHECK_EQ(vi->evtchn_pending_sel, 1);
    CHECK_EQ(td->injects[0], 1);
    guest_ack(td, vi, p);
    CHECK_EQ(port_op(v, EVTCHNOP_send, p), 0);      /* 0 -> 1 again */
    CHECK_EQ(td->injects[0], 2);

    /* Masked: pending only; unmask re-raises into the selector. */
    guest_ack(td, vi, p);
    set_bit(p70, si(td)->evtchn_mask);
    CHECK_EQ(port_op(v, EVTCHNOP_send, p70), 0);
    CHECK(pending(td, p70));
    CHECK_EQ(vi->evtchn_pending_sel, 0);
    CHECK_EQ(td->injects[0], 2);
    CHECK_EQ(port_op(v, EVTCHNOP_unmask, p70), 0);
    CHECK(!test_bit(p70, si(td)->evtchn_mask));
    CHECK_EQ(vi->evtchn_pending_sel, 2);            /* word 1 */
    CHECK_EQ(td->injects[0], 3);
    /* Unmasking what is not pending, or not masked, raises nothing. */
    guest_ack(td, vi, p70);
    set_bit(p70, si(td)->evtchn_mask);
    CHECK_EQ(port_op(v, EVTCHNOP_unmask, p70), 0);
    CHECK(!test_bit(p70, si(td)->evtchn_mask));
    set_bit(p70, si(td)->evtchn_pending);
    CHECK_EQ(port_op(v, EVTCHNOP_unmask, p70), 0);
    CHECK_EQ(vi->evtchn_pending_sel, 0);
    CHECK_EQ(td->injects[0], 3);
    /* Closing clears the pending bit for whoever gets the port next. */
    CHECK_EQ(port_op(v, EVTCHNOP_close, p70), 0);
    CHECK(!pending(td, p70));

    tdom_free(td);
    env_check_clean();
}

TEST(vcpu_info_registration)
{
    struct tdom *td;
    struct vcpu_info *vi0, *vi1;
    unsigned long g0, g1, g2;
    evtchn_port_t p0, p1;

    env_reset();
    td = tdom_new(1, 2, false);
    g0 = tdom_page(td);
    g1 = tdom_page(td);
    tdom_page(td);                  /* g1 + 1 */
    g2 = tdom_page(td);
    tdom_page(td);                  /* g2 + 1 */
    CHECK_EQ(bind_ipi(&td->v[0], 0, &p0), 0);
    CHECK_EQ(bind_ipi(&td->v[0], 1, &p1), 0);
    CHECK_EQ(port_op(&td->v[0], EVTCHNOP_send, p0), 0);
    si(td)->vcpu_info[0].time.version = 77;

    CHECK_EQ(register_vcpu_info(&td->v[0], g0, 4), -ENXIO);
    CHECK_EQ(register_vcpu_info(&td->v[0], g0, 4096), -ENXIO);
    CHECK_EQ(register_vcpu_info(&td->v[0], GFN_BASE + DOM_GFNS, 0), -EINVAL);
    td->type[g0 - GFN_BASE] = p2m_ram_ro;
    CHECK_EQ(register_vcpu_info(&td->v[0], g0, 0), -EINVAL);
    td->type[g0 - GFN_BASE] = p2m_mmio_direct;
    CHECK_EQ(register_vcpu_info(&td->v[0], g0, 0), -EINVAL);
    td->type[g0 - GFN_BASE] = p2m_ram_rw;

    /* vCPU 0: the old contents move, then everything is flagged. */
    CHECK_EQ(register_vcpu_info(&td->v[0], g0, 64), 0);
    vi0 = (struct vcpu_info *)((char *)gfn_va(td, g0) + 64);
    CHECK_EQ(vi0->time.version, 77);
    CHECK_EQ(vi0->evtchn_pending_sel, ~0UL);
    CHECK_EQ(vi0->evtchn_upcall_pending, 1);
    CHECK_EQ(td->injects[0], 2);
    CHECK_EQ(frame_table[td->page_of[g0 - GFN_BASE]].count_info, 1);
    CHECK_EQ(register_vcpu_info(&td->v[0], g1, 0), -EINVAL);   /* once */
    guest_ack(td, vi0, p0);
    CHECK_EQ(port_op(&td->v[0], EVTCHNOP_send, p0), 0);
    CHECK_EQ(vi0->evtchn_pending_sel, 1);
    CHECK_EQ(si(td)->vcpu_info[0].evtchn_pending_sel, 1);  /* the old copy */

    /* vCPU 1 raised before it has one: no crash, no upcall. */
    CHECK_EQ(port_op(&td->v[0], EVTCHNOP_send, p1), 0);
    CHECK(pending(td, p1));
    CHECK_EQ(td->injects[1], 0);
    /* Straddling frames that are not machine-contiguous, or not RAM. */
    td->page_of[g1 + 1 - GFN_BASE] = td->page_of[g2 - GFN_BASE];
    CHECK_EQ(register_vcpu_info(&td->v[1], g1, 4088), -ENXIO);
    td->type[g2 + 1 - GFN_BASE] = p2m_invalid;
    CHECK_EQ(register_vcpu_info(&td->v[1], g2, 4088), -EINVAL);
    td->type[g2 + 1 - GFN_BASE] = p2m_ram_rw;
    CHECK_EQ(frame_table[td->page_of[g1 - GFN_BASE]].count_info, 0);
    CHECK_EQ(frame_table[td->page_of[g2 - GFN_BASE]].count_info, 0);

    /* A contiguous straddle works: 8 bytes in g2, 40 in g2 + 1. */
    memset((char *)gfn_va(td, g2) + 4088, 0xff, 8);
    memset(gfn_va(td, g2 + 1), 0xff, 40);
    CHECK_EQ(register_vcpu_info(&td->v[1], g2, 4088), 0);
    vi1 = (struct vcpu_info *)((char *)gfn_va(td, g2) + 4088);
    CHECK_EQ(vi1->evtchn_pending_sel, ~0UL);
    CHECK_EQ(vi1->evtchn_upcall_pending, 1);
    CHECK_EQ(vi1->time.version, 0);     /* no old copy to keep */
    CHECK_EQ(td->injects[1], 1);
    CHECK_EQ(frame_table[td->page_of[g2 + 1 - GFN_BASE]].count_info, 1);
    guest_ack(td, vi1, p1);
    CHECK_EQ(port_op(&td->v[0], EVTCHNOP_send, p1), 0);
    CHECK_EQ(*(uint64_t *)gfn_va(td, g2 + 1), 1);   /* the selector */
    CHECK_EQ(td->injects[1], 2);

    unmap_vcpu_info(&td->v[1]);
    CHECK_EQ(frame_table[td->page_of[g2 - GFN_BASE]].count_info, 0);
    CHECK_EQ(frame_table[td->page_of[g2 + 1 - GFN_BASE]].count_info, 0);
    tdom_free(td);
    env_check_clean();
}

TEST(reset)
{
    struct tdom *a, *b, *dom0;
    struct evtchn_reset op = { .dom = DOMID_SELF };
    struct evtchn_status st;
    evtchn_port_t p, pb;

    env_reset();
    dom0 = tdom_new(0, 1, true);
    a = tdom_new(1, 1, false);
    b = tdom_new(2, 1, false);
    CHECK_EQ(alloc_unbound(&a->v[0], DOMID_SELF, 0, NULL), 0);
    CHECK_EQ(bind_ipi(&a->v[0], 0, NULL), 0);
    CHECK_EQ(bind_virq(&a->v[0], VIRQ_TIMER, 0, NULL), 0);
    CHECK_EQ(alloc_unbound(&b->v[0], DOMID_SELF, 1, &pb), 0);
    CHECK_EQ(bind_interdomain(&a->v[0], 2, pb, NULL), 0);

    CHECK_EQ(hc(&a->v[0], EVTCHNOP_reset, &op), 0);
    CHECK_EQ(evtchn_ports_in_use(&a->d), 0);
    CHECK_EQ(status(&b->v[0], DOMID_SELF, pb, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(bind_virq(&a->v[0], VIRQ_TIMER, 0, &p), 0);
    CHECK_EQ(p, 1);

    op.dom = 2;
    CHECK_EQ(hc(&a->v[0], EVTCHNOP_reset, &op), -EPERM);
    CHECK_EQ(hc(&dom0->v[0], EVTCHNOP_reset, &op), -EINVAL);   /* running */
    atomic_set(&b->d.pause_count, 1);
    CHECK_EQ(hc(&dom0->v[0], EVTCHNOP_reset_cont, &op), 0);
    CHECK_EQ(evtchn_ports_in_use(&b->d), 0);
    op.dom = 9;
    CHECK_EQ(hc(&dom0->v[0], EVTCHNOP_reset, &op), -ESRCH);

    tdom_free(a);
    tdom_free(b);
    tdom_free(dom0);
    env_check_clean();
}

TEST(destroy_frees_everything)
{
    struct tdom *a, *b;
    struct evtchn_status st;
    evtchn_port_t pa, pb, p;
    unsigned long g;
    int i;

    env_reset();
    a = tdom_new(1, 2, false);
    b = tdom_new(2, 1, false);
    /* Several buckets (and a grown bucket array), every kind of port. */
    for ( i = 0; i < 300; i++ )
        CHECK_EQ(bind_ipi(&a->v[0], i % 2, NULL), 0);
    CHECK_EQ(bind_virq(&a->v[0], VIRQ_TIMER, 1, NULL), 0);
    CHECK_EQ(alloc_unbound(&b->v[0], DOMID_SELF, 1, &pb), 0);
    CHECK_EQ(bind_interdomain(&a->v[0], 2, pb, NULL), 0);
    CHECK_EQ(alloc_unbound(&a->v[0], DOMID_SELF, 2, &pa), 0);
    CHECK_EQ(bind_interdomain(&b->v[0], 1, pa, NULL), 0);
    g = tdom_page(a);
    tdom_page(a);                   /* g + 1 */
    CHECK_EQ(register_vcpu_info(&a->v[0], g, 0), 0);
    CHECK_EQ(register_vcpu_info(&a->v[1], g, 4088), 0);

    /* Destroyed, a's ports are gone; b's wait for a again. */
    evtchn_domain_destroy(&a->d);
    CHECK_EQ(evtchn_ports_in_use(&a->d), 0);
    CHECK_EQ(alloc_unbound(&a->v[0], DOMID_SELF, 0, &p), -ENOSPC);
    CHECK_EQ(port_op(&a->v[0], EVTCHNOP_send, 1), -EINVAL);
    CHECK_EQ(status(&b->v[0], DOMID_SELF, pb, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_unbound);
    CHECK_EQ(st.u.unbound.dom, 1);
    CHECK_EQ(port_op(&b->v[0], EVTCHNOP_send, pb), 0);
    tdom_free(a);       /* destroying twice is harmless */
    tdom_free(b);
    env_check_clean();
}

TEST(dump)
{
    struct tdom *a, *b;
    evtchn_port_t pb;

    env_reset();
    a = tdom_new(1, 1, false);
    b = tdom_new(2, 1, false);
    CHECK_EQ(alloc_unbound(&b->v[0], DOMID_SELF, 1, &pb), 0);
    CHECK_EQ(bind_interdomain(&a->v[0], 2, pb, NULL), 0);
    CHECK_EQ(bind_virq(&a->v[0], VIRQ_DEBUG, 0, NULL), 0);
    CHECK_EQ(bind_ipi(&a->v[0], 0, NULL), 0);
    CHECK_EQ(alloc_unbound(&a->v[0], DOMID_SELF, 0, NULL), 0);
    evtchn_dump(&a->d);
    tdom_free(a);
    tdom_free(b);
    env_check_clean();
}

TESTS(T(bad_commands_and_pointers), T(alloc_unbound), T(port_limits),
      T(max_port_from_config),
      T(out_of_memory), T(interdomain), T(interdomain_to_self), T(virq),
      T(ipi_and_bind_vcpu), T(port_errors), T(two_level_pending_and_mask),
      T(vcpu_info_registration), T(reset), T(destroy_frees_everything),
      T(dump))
