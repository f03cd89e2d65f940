/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers every hypervisor file may use. */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <stdarg.h>
#include <xen/compiler.h>
#include <xen/string.h>
#include <xen/types.h>

#define ARRAY_SIZE(a)        (sizeof(a) / sizeof((a)[0]))
#define ROUNDUP(x, a)        (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a)      ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)     (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)   (((n) + (d) - 1) / (d))
#define min(a, b)            ((a) < (b) ? (a) : (b))
#define max(a, b)            ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

#define BUILD_BUG_ON(cond)   _Static_assert(!(cond), #cond)

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Log levels, as a prefix of the format string (Xen/Linux style).  Messages
 * above the threshold set by loglvl= / guest_loglvl= are dropped.
 */
#define XENLOG_ERR       "<0>"
#define XENLOG_WARNING   "<1>"
#define XENLOG_INFO      "<2>"
#define XENLOG_DEBUG     "<3>"

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

void __noreturn __bug(const char *file, int line);
void __assert_failed(const char *expr, const char *file, int line);

#define BUG()           __bug(__FILE__, __LINE__)
#define BUG_ON(cond)    do { if ( unlikely(cond) ) BUG(); } while ( 0 )

#ifdef NDEBUG
#define ASSERT(p)       do { if ( 0 && (p) ) {} } while ( 0 )
#else
#define ASSERT(p) \
    do { if ( unlikely(!(p)) ) __assert_failed(#p, __FILE__, __LINE__); } while ( 0 )
#endif

unsigned long long simple_strtoull(const char *cp, const char **endp,
                                   unsigned int base);
/* Parses "<n>[KMGT]" into bytes; *endp is left after the suffix. */
unsigned long long parse_size_and_unit(const char *s, const char **endp);

#endif /* XEN_LIB_H */
