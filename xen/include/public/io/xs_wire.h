/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: the xenstore wire protocol.  Every message, on a Unix socket
 * or on a domain's shared ring, is a struct xsd_sockmsg header followed by
 * len bytes of payload, usually NUL-terminated strings.  Replies echo the
 * request's type (or XS_ERROR with the errno's name as payload), req_id
 * and tx_id.
 */
#ifndef __XEN_PUBLIC_IO_XS_WIRE_H__
#define __XEN_PUBLIC_IO_XS_WIRE_H__

#include <stdint.h>

enum xsd_sockmsg_type {
    XS_CONTROL = 0,             /* formerly XS_DEBUG */
    XS_DIRECTORY = 1,
    XS_READ = 2,
    XS_GET_PERMS = 3,
    XS_WATCH = 4,
    XS_UNWATCH = 5,
    XS_TRANSACTION_START = 6,
    XS_TRANSACTION_END = 7,
    XS_INTRODUCE = 8,
    XS_RELEASE = 9,
    XS_GET_DOMAIN_PATH = 10,
    XS_WRITE = 11,
    XS_MKDIR = 12,
    XS_RM = 13,
    XS_SET_PERMS = 14,
    XS_WATCH_EVENT = 15,
    XS_ERROR = 16,
    XS_IS_DOMAIN_INTRODUCED = 17,
    XS_RESUME = 18,
    XS_SET_TARGET = 19,
    /* 20 was XS_RESTRICT, withdrawn: never reuse it. */
    XS_RESET_WATCHES = 21,
    XS_DIRECTORY_PART = 22,
    XS_TYPE_COUNT,              /* one past the last valid type */
    XS_INVALID = 0xffff         /* never a valid type */
};
#define XS_DEBUG XS_CONTROL

struct xsd_sockmsg {
    uint32_t type;              /* enum xsd_sockmsg_type */
    uint32_t req_id;            /* chosen by the client, echoed */
    uint32_t tx_id;             /* transaction, or 0 */
    uint32_t len;               /* payload bytes after this header */
};

/* The two strings of an XS_WATCH_EVENT payload, in this order. */
enum xs_watch_type {
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN = 1
};

/* Largest payload of one message, and longest node paths. */
#define XENSTORE_PAYLOAD_MAX    4096
#define XENSTORE_ABS_PATH_MAX   3072
#define XENSTORE_REL_PATH_MAX   2048

/*
 * The page shared between a domain and xenstored.  The domain produces
 * requests in req and consumes replies and watch events from rsp; indexes
 * run freely and are reduced modulo the ring size.
 */
#define XENSTORE_RING_SIZE      1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx)  ((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];
    char rsp[XENSTORE_RING_SIZE];
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features;   /* XENSTORE_SERVER_FEATURE_* */
    uint32_t connection;        /* XENSTORE_CONNECTED or _RECONNECT */
    uint32_t error;             /* XENSTORE_ERROR_* */
};

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2

#define XENSTORE_CONNECTED      0
#define XENSTORE_RECONNECT      1

#define XENSTORE_ERROR_NONE     0
#define XENSTORE_ERROR_COMM     1
#define XENSTORE_ERROR_RINGIDX  2
#define XENSTORE_ERROR_PROTO    3

/* XS_WRITE's optional leading flag of old clients; not a path. */
#define XS_WRITE_NONE           "NONE"
#define XS_WRITE_CREATE         "CREATE"
#define XS_WRITE_CREATE_EXCL    "CREATE|EXCL"

/*
 * XS_ERROR payloads are errno names.  The list is the protocol's: a
 * server sends no other name, and a client maps each back to its errno.
 */
#ifdef EINVAL
struct xsd_errors {
    int errnum;
    const char *errstring;
};
#define XSD_ERROR_ENTRY(e) { e, #e }
static const struct xsd_errors xsd_errors[] __attribute__((unused)) = {
    XSD_ERROR_ENTRY(EINVAL), XSD_ERROR_ENTRY(EACCES), XSD_ERROR_ENTRY(EEXIST),
    XSD_ERROR_ENTRY(EISDIR), XSD_ERROR_ENTRY(ENOENT), XSD_ERROR_ENTRY(ENOMEM),
    XSD_ERROR_ENTRY(ENOSPC), XSD_ERROR_ENTRY(EIO), XSD_ERROR_ENTRY(ENOTEMPTY),
    XSD_ERROR_ENTRY(ENOSYS), XSD_ERROR_ENTRY(EROFS), XSD_ERROR_ENTRY(EBUSY),
    XSD_ERROR_ENTRY(EAGAIN), XSD_ERROR_ENTRY(EISCONN), XSD_ERROR_ENTRY(E2BIG),
    XSD_ERROR_ENTRY(EPERM),
};
#undef XSD_ERROR_ENTRY
#endif

#endif
