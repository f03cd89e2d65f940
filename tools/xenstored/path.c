/* SPDX-License-Identifier: GPL-2.0-only */
#include <string.h>

#include "conn.h"
#include "path.h"
#include "quota.h"

#define HOME_PREFIX "/local/domain/"

static bool valid_chars(const char *path)
{
    return strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "abcdefghijklmnopqrstuvwxyz"
                        "0123456789-/_@") == strlen(path);
}

/* The length of "/local/domain/<domid>/" starting path, or 0. */
static size_t home_prefix_len(const char *path)
{
    size_t len = strlen(HOME_PREFIX), digits;

    if ( strncmp(path, HOME_PREFIX, len) )
        return 0;
    digits = strspn(path + len, "0123456789");
    if ( !digits || digits > 5 || path[len + digits] != '/' )
        return 0;
    return len + digits + 1;
}

bool path_valid(const char *path)
{
    size_t len = strlen(path);

    if ( path[0] != '/' )
        return false;
    if ( len > 1 && path[len - 1] == '/' )
        return false;
    if ( strstr(path, "//") )
        return false;
    if ( len > home_prefix_len(path) + quota(QUOTA_PATH_MAX) )
        return false;
    return valid_chars(path);
}

char *path_home(struct arena *a, unsigned int domid)
{
    return arena_printf(a, HOME_PREFIX "%u", domid);
}

char *path_canonical(struct arena *a, const struct connection *conn,
                     const char *path)
{
    if ( path[0] == '/' || path[0] == '@' )
        return (char *)path;
    return arena_printf(a, HOME_PREFIX "%u/%s", conn_home_domid(conn), path);
}

char *path_parent(struct arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');

    if ( slash == path )
        return arena_strdup(a, "/");
    return arena_printf(a, "%.*s", (int)(slash - path), path);
}

const char *path_base(const char *path)
{
    return strrchr(path, '/') + 1;
}

char *path_join(struct arena *a, const char *dir, const char *name)
{
    return arena_printf(a, "%s/%s", strcmp(dir, "/") ? dir : "", name);
}

bool path_is_child(const char *child, const char *parent)
{
    size_t len = strlen(parent);

    if ( !strcmp(parent, "/") )
        return true;
    return !strncmp(child, parent, len) &&
           (child[len] == '/' || child[len] == '\0');
}
