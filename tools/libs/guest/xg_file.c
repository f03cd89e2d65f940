/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Reading a kernel or an initrd: all of a regular file, refused before
 * any allocation when it is larger than the caller allows.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xg_arm.h"

static int read_all(int fd, const char *path, uint8_t *buf, size_t size,
                    char *err, size_t errlen)
{
    size_t done = 0;

    while ( done < size ) {
        ssize_t n = read(fd, buf + done, size - done);

        if ( n < 0 && errno == EINTR )
            continue;
        if ( n < 0 )
            return xg_fail(err, errlen, errno, "reading %s: %s", path,
                           strerror(errno));
        /* Someone truncated it under us: what is left is not the file. */
        if ( n == 0 )
            return xg_fail(err, errlen, EIO,
                           "%s shrank from %zu bytes while being read",
                           path, size);
        done += n;
    }
    return 0;
}

int xg_read_file(const char *path, size_t max, uint8_t **data, size_t *size,
                 char *err, size_t errlen)
{
    struct stat st;
    uint8_t *buf;
    int fd, e;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if ( fd < 0 )
        return xg_fail(err, errlen, errno, "cannot open %s: %s", path,
                       strerror(errno));
    if ( fstat(fd, &st) ) {
        e = errno;
        close(fd);
        return xg_fail(err, errlen, e, "cannot stat %s: %s", path,
                       strerror(e));
    }
    if ( !S_ISREG(st.st_mode) ) {
        close(fd);
        return xg_fail(err, errlen, EINVAL, "%s is not a regular file", path);
    }
    if ( st.st_size == 0 ) {
        close(fd);
        return xg_fail(err, errlen, EINVAL, "%s is empty", path);
    }
    if ( (uint64_t)st.st_size > max ) {
        close(fd);
        return xg_fail(err, errlen, EFBIG,
                       "%s is %llu bytes, more than the %zu allowed", path,
                       (unsigned long long)st.st_size, max);
    }
    buf = malloc(st.st_size);
    if ( !buf ) {
        close(fd);
        return xg_fail(err, errlen, ENOMEM, "no memory to read %s (%llu bytes)",
                       path, (unsigned long long)st.st_size);
    }
    if ( read_all(fd, path, buf, st.st_size, err, errlen) ) {
        e = errno;
        free(buf);
        close(fd);
        errno = e;
        return -1;
    }
    close(fd);
    *data = buf;
    *size = st.st_size;
    return 0;
}
