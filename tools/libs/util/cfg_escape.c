/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Values quoted in messages: a value may hold any byte (escapes put
 * newlines and control characters in strings), and a message is one
 * line of reasonable length.
 */
#include <stdio.h>
#include <string.h>

#include "cfg.h"

const char *xlu_cfg_escape(const char *s, char *buf, size_t size)
{
    static const char cut[] = "...";
    size_t len = 0;

    if ( size < sizeof(cut) + 4 ) {
        if ( size )
            buf[0] = '\0';
        return buf;
    }
    for ( ; *s; s++ ) {
        unsigned char c = *s;
        /* Room for this byte as \xHH, and for "..." and the NUL after. */
        size_t need = (c < ' ' || c == 0x7f) ? 4 : 1;

        if ( len + need + sizeof(cut) > size ) {
            memcpy(buf + len, cut, sizeof(cut));
            return buf;
        }
        if ( need == 4 )
            snprintf(buf + len, 5, "\\x%02x", c);
        else
            buf[len] = c;
        len += need;
    }
    buf[len] = '\0';
    return buf;
}
