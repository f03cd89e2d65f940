/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0-abi: checks, from a running dom0, the guest ABI its stock Linux
 * drivers use.  Each check prints one line
 *     CHECK <name>: ok [detail]      or      CHECK <name>: FAIL <detail>
 * and the program exits with the number of failed checks.
 */
#ifndef DOM0_ABI_H
#define DOM0_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>

/* Records one check; returns cond so callers can stop a group early. */
bool check(const char *name, bool cond, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A check of a libc call: on failure, what errno says. */
bool check_errno(const char *name, bool cond, const char *what);
/* "got X, expected Y" for an errno-style result. */
bool check_rc(const char *name, long got, long want);

/* A hypercall through /dev/xen/privcmd: its return value, or -errno. */
long hypercall(unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3);
#define HC_PTR(p) ((uint64_t)(uintptr_t)(p))
/* A guest address nothing is mapped at, for -EFAULT checks. */
#define BAD_PTR 0x10UL

/* Small sysfs helpers: read a number, write a string; false on error. */
bool sysfs_read_long(const char *path, long *val);
bool sysfs_write(const char *path, const char *val);
/* Milliseconds on the monotonic clock. */
uint64_t now_ms(void);

/* The hypervisor's counters for dom0 (debug keys 'q' and 'm', read back). */
struct hv_counters {
    long pages, ports, grant_maps;
    long p2m_tables;            /* dom0's stage-2 table pages */
    long heap_free;
};
bool hv_counters_read(struct hv_counters *c);

/* /dev/xen/evtchn; the next event on it, which must be port (unmasked
 * again), within 5 s, else false with why. */
int open_evtchn(void);
bool take_event(int fd, uint32_t port, const char **why);

/* Whether Linux uses the FIFO event ABI (else 2-level): --events. */
extern bool events_fifo;

/* The groups of checks, in the order main runs them. */
void test_evtchn_limits(void);
void test_version(void);
void test_evtchn(void);
void test_gnttab(void);
void test_memory(void);
void test_balloon(long mib);
void test_vcpu_hotplug(void);
void test_bad_hypercalls(void);
/* A built domain's setup calls (domctl.c's lifecycle runs them). */
void test_builder_ops(domid_t id);
void test_foreign_map(domid_t id, void (*destroy_domain)(domid_t));
/* In an unprivileged guest, instead of all the others (--isolation). */
void test_isolation(void);
void test_domctl(void);

#endif
