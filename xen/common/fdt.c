/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Flattened device tree reader.
 *
 * Nothing in a blob is trusted: every public function first re-derives the
 * block layout from the header (struct fdt_blob), and every token, name,
 * string offset and length is checked against those blocks before it is
 * touched.  All walks move strictly forward through the struct block, so a
 * corrupted blob ends a walk with -EINVAL (or -ENOENT) rather than looping.
 *
 * The one thing that cannot be checked here is that the buffer really holds
 * totalsize bytes; fdt_check() establishes that once.
 */

#include <xen/errno.h>
#include <xen/fdt.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/types.h>

#define FDT_TOKEN_SIZE      4
/* A property token is followed by its value length and name offset. */
#define FDT_PROP_HDR_SIZE   (FDT_TOKEN_SIZE + 8)
#define FDT_RSV_ENTRY_SIZE  16
/* Version 16 headers end before size_dt_struct. */
#define FDT_V16_HDR_SIZE    offsetof(struct fdt_header, size_dt_struct)
#define FDT_V17_HDR_SIZE    sizeof(struct fdt_header)
/* Offsets are handed out as int, so no blob may be larger. */
#define FDT_MAX_TOTALSIZE   0x7fffffffU

#define fdt_hdr(fdt, field) \
    fdt_be32_load((const uint8_t *)(fdt) + offsetof(struct fdt_header, field))

/* Where the blocks of a blob are, as derived and checked from its header. */
struct fdt_blob {
    const uint8_t *base;
    uint32_t totalsize;
    const uint8_t *dt_struct;
    uint32_t struct_size;
    const char *strings;
    uint32_t strings_size;
    uint32_t rsvmap_off;    /* from base */
    uint32_t rsvmap_limit;  /* the reservation map must end by here */
};

/* Does [off, off + size) lie within [0, total)?  Written not to overflow. */
static bool fdt_range_ok(uint32_t off, uint32_t size, uint32_t total)
{
    return off <= total && size <= total - off;
}

static bool fdt_ranges_overlap(uint32_t a, uint32_t a_size,
                               uint32_t b, uint32_t b_size)
{
    return a_size && b_size && a < b + b_size && b < a + a_size;
}

/*
 * Version 16 has no size_dt_struct: the struct block can only be assumed to
 * reach up to whichever block follows it, or the end of the blob.
 */
static uint32_t fdt_v16_struct_size(uint32_t off_struct, uint32_t off_strings,
                                    uint32_t off_rsvmap, uint32_t total)
{
    uint32_t end = total;

    if ( off_strings > off_struct && off_strings < end )
        end = off_strings;
    if ( off_rsvmap > off_struct && off_rsvmap < end )
        end = off_rsvmap;

    return end - off_struct;
}

/*
 * Validate the header against totalsize (not against the buffer, which only
 * fdt_check() knows) and locate the blocks.
 */
static int fdt_open(const void *fdt, struct fdt_blob *b)
{
    uint32_t version, hdr_size, total, off_struct, struct_size;
    uint32_t off_strings, strings_size, off_rsvmap, rsvmap_limit;

    /* Aligned so that cell pointers into the blob are aligned too. */
    if ( !fdt || ((uintptr_t)fdt & 3) )
        return -EINVAL;
    if ( fdt_hdr(fdt, magic) != FDT_MAGIC )
        return -EINVAL;

    /* No field beyond totalsize is read before it is known to be there. */
    total = fdt_hdr(fdt, totalsize);
    if ( total < FDT_V16_HDR_SIZE || total > FDT_MAX_TOTALSIZE )
        return -EINVAL;

    version = fdt_hdr(fdt, version);
    if ( version < FDT_MIN_VERSION ||
         fdt_hdr(fdt, last_comp_version) > FDT_VERSION )
        return -EINVAL;
    hdr_size = version >= 17 ? FDT_V17_HDR_SIZE : FDT_V16_HDR_SIZE;
    if ( total < hdr_size )
        return -EINVAL;

    off_struct = fdt_hdr(fdt, off_dt_struct);
    off_strings = fdt_hdr(fdt, off_dt_strings);
    strings_size = fdt_hdr(fdt, size_dt_strings);
    off_rsvmap = fdt_hdr(fdt, off_mem_rsvmap);

    /* Tokens are 4-byte aligned; reservation entries are 8-byte aligned. */
    if ( off_struct < hdr_size || (off_struct & 3) || off_struct > total )
        return -EINVAL;
    if ( version >= 17 )
        struct_size = fdt_hdr(fdt, size_dt_struct);
    else
        struct_size = fdt_v16_struct_size(off_struct, off_strings,
                                          off_rsvmap, total);
    if ( !fdt_range_ok(off_struct, struct_size, total) )
        return -EINVAL;

    if ( off_strings < hdr_size ||
         !fdt_range_ok(off_strings, strings_size, total) )
        return -EINVAL;

    if ( off_rsvmap < hdr_size || (off_rsvmap & 7) ||
         !fdt_range_ok(off_rsvmap, FDT_RSV_ENTRY_SIZE, total) )
        return -EINVAL;

    if ( fdt_ranges_overlap(off_struct, struct_size,
                            off_strings, strings_size) ||
         fdt_ranges_overlap(off_rsvmap, 1, off_struct, struct_size) ||
         fdt_ranges_overlap(off_rsvmap, 1, off_strings, strings_size) )
        return -EINVAL;

    /* The map's length is only known by walking it; bound it by what follows. */
    rsvmap_limit = total;
    if ( struct_size && off_struct > off_rsvmap && off_struct < rsvmap_limit )
        rsvmap_limit = off_struct;
    if ( strings_size && off_strings > off_rsvmap &&
         off_strings < rsvmap_limit )
        rsvmap_limit = off_strings;

    b->base = fdt;
    b->totalsize = total;
    b->dt_struct = b->base + off_struct;
    b->struct_size = struct_size;
    b->strings = (const char *)b->base + off_strings;
    b->strings_size = strings_size;
    b->rsvmap_off = off_rsvmap;
    b->rsvmap_limit = rsvmap_limit;

    return 0;
}

/* The NUL-terminated string at @off in the strings block, or NULL. */
static const char *fdt_string(const struct fdt_blob *b, uint32_t off)
{
    const char *s = b->strings + off;

    if ( off >= b->strings_size ||
         strnlen(s, b->strings_size - off) == b->strings_size - off )
        return NULL;

    return s;
}

/*
 * Decode the token at struct offset @off: return it, and set *next to the
 * offset just past it (name, value and padding included).  -EINVAL if the
 * token is unknown or what it carries does not fit in the struct block.
 * *next is always greater than @off and at most struct_size.
 */
static int fdt_token(const struct fdt_blob *b, int off, int *next)
{
    uint32_t pos, tag, len, room;

    if ( off < 0 || (off & 3) ||
         !fdt_range_ok(off, FDT_TOKEN_SIZE, b->struct_size) )
        return -EINVAL;

    tag = fdt_be32_load(b->dt_struct + off);
    pos = off + FDT_TOKEN_SIZE;

    switch ( tag )
    {
    case FDT_BEGIN_NODE:
        room = b->struct_size - pos;
        len = strnlen((const char *)b->dt_struct + pos, room);
        if ( len == room )
            return -EINVAL; /* the name's NUL is not in the block */
        pos += len + 1;
        break;

    case FDT_PROP:
        if ( !fdt_range_ok(pos, FDT_PROP_HDR_SIZE - FDT_TOKEN_SIZE,
                           b->struct_size) )
            return -EINVAL;
        len = fdt_be32_load(b->dt_struct + pos);
        pos += FDT_PROP_HDR_SIZE - FDT_TOKEN_SIZE;
        if ( len > b->struct_size - pos )
            return -EINVAL;
        pos += len;
        break;

    case FDT_END_NODE:
    case FDT_NOP:
    case FDT_END:
        break;

    default:
        return -EINVAL;
    }

    /* No room for the padding means no room for the FDT_END either. */
    pos = ROUNDUP(pos, 4);
    if ( pos > b->struct_size )
        return -EINVAL;
    *next = pos;

    return tag;
}

/* The first token at or after *off that is not a NOP; *off moves to it. */
static int fdt_token_skip_nops(const struct fdt_blob *b, int *off, int *next)
{
    int tag;

    while ( (tag = fdt_token(b, *off, next)) == FDT_NOP )
        *off = *next;

    return tag;
}

/* Offset of the first token inside @node, or -EINVAL if it is no node. */
static int fdt_node_body(const struct fdt_blob *b, int node)
{
    int next, tag = fdt_token(b, node, &next);

    if ( tag != FDT_BEGIN_NODE )
        return tag < 0 ? tag : -EINVAL;

    return next;
}

static int fdt_blob_root(const struct fdt_blob *b, int *depth)
{
    int off = 0, next, tag = fdt_token_skip_nops(b, &off, &next);

    if ( tag != FDT_BEGIN_NODE )
        return tag < 0 ? tag : -EINVAL;
    if ( depth )
        *depth = 0;

    return off;
}

static int fdt_blob_next_node(const struct fdt_blob *b, int node, int *depth)
{
    int off, next, tag;

    if ( node < 0 )
        return fdt_blob_root(b, depth);

    off = fdt_node_body(b, node);
    if ( off < 0 )
        return off;

    for ( ; ; off = next )
    {
        tag = fdt_token(b, off, &next);
        switch ( tag )
        {
        case FDT_BEGIN_NODE:
            if ( depth )
                (*depth)++;
            return off;

        case FDT_END_NODE:
            if ( depth && --(*depth) < 0 )
                return -ENOENT;
            break;

        case FDT_PROP:
        case FDT_NOP:
            break;

        case FDT_END:
            return -ENOENT;

        default:
            return tag < 0 ? tag : -EINVAL;
        }
    }
}

static int fdt_blob_first_subnode(const struct fdt_blob *b, int node)
{
    int depth = 0;

    node = fdt_blob_next_node(b, node, &depth);
    if ( node >= 0 && depth != 1 )
        return -ENOENT;

    return node;
}

static int fdt_blob_next_subnode(const struct fdt_blob *b, int node)
{
    int depth = 1;

    /* Skip the subtree of @node: a sibling is back at depth 1. */
    do {
        node = fdt_blob_next_node(b, node, &depth);
    } while ( node >= 0 && depth > 1 );

    return node;
}

static const char *fdt_blob_node_name(const struct fdt_blob *b, int node,
                                      int *lenp)
{
    int next, tag = fdt_token(b, node, &next);
    const char *name;

    if ( tag != FDT_BEGIN_NODE )
    {
        if ( lenp )
            *lenp = tag < 0 ? tag : -EINVAL;
        return NULL;
    }

    /* fdt_token() found the NUL within the block. */
    name = (const char *)b->dt_struct + node + FDT_TOKEN_SIZE;
    if ( lenp )
        *lenp = strlen(name);

    return name;
}

/* The property at or after @off, skipping NOPs; -ENOENT at a node token. */
static int fdt_prop_from(const struct fdt_blob *b, int off)
{
    int next, tag = fdt_token_skip_nops(b, &off, &next);

    if ( tag == FDT_PROP )
        return off;

    return tag < 0 ? tag : -ENOENT;
}

static int fdt_blob_first_property(const struct fdt_blob *b, int node)
{
    int off = fdt_node_body(b, node);

    return off < 0 ? off : fdt_prop_from(b, off);
}

static int fdt_blob_next_property(const struct fdt_blob *b, int prop)
{
    int next, tag = fdt_token(b, prop, &next);

    if ( tag != FDT_PROP )
        return tag < 0 ? tag : -EINVAL;

    return fdt_prop_from(b, next);
}

static const void *fdt_blob_property_at(const struct fdt_blob *b, int prop,
                                        const char **namep, int *lenp)
{
    int next, err, tag = fdt_token(b, prop, &next);
    const uint8_t *hdr = b->dt_struct + prop;
    const char *name;

    if ( tag != FDT_PROP )
    {
        err = tag < 0 ? tag : -EINVAL;
        goto fail;
    }

    name = fdt_string(b, fdt_be32_load(hdr + 8));
    if ( !name )
    {
        err = -EINVAL;
        goto fail;
    }

    if ( namep )
        *namep = name;
    /* fdt_token() checked the length against the block. */
    if ( lenp )
        *lenp = fdt_be32_load(hdr + 4);

    return hdr + FDT_PROP_HDR_SIZE;

 fail:
    if ( lenp )
        *lenp = err;
    return NULL;
}

static const void *fdt_blob_getprop(const struct fdt_blob *b, int node,
                                    const char *name, size_t namelen,
                                    int *lenp)
{
    int prop, len;
    const char *prop_name;
    const void *val;

    for ( prop = fdt_blob_first_property(b, node); prop >= 0;
          prop = fdt_blob_next_property(b, prop) )
    {
        val = fdt_blob_property_at(b, prop, &prop_name, &len);
        if ( !val )
        {
            prop = len;
            break;
        }
        /* Compare lengths first: memcmp() must not run past prop_name. */
        if ( strlen(prop_name) == namelen &&
             !memcmp(prop_name, name, namelen) )
        {
            if ( lenp )
                *lenp = len;
            return val;
        }
    }

    if ( lenp )
        *lenp = prop;
    return NULL;
}

/* A property that must be a single cell, with a default when absent. */
static int fdt_blob_cells(const struct fdt_blob *b, int node,
                          const char *name, int dflt)
{
    int len;
    const void *val = fdt_blob_getprop(b, node, name, strlen(name), &len);
    uint32_t cells;

    if ( !val )
        return len == -ENOENT ? dflt : len;
    if ( len != 4 )
        return -EINVAL;

    cells = fdt_be32_load(val);
    if ( cells > FDT_MAX_CELLS )
        return -EINVAL;

    return cells;
}

/*
 * Without back links the parent is found by walking from the root: once to
 * learn @node's depth, once more to find the last node one level up before
 * it.  Both walks are linear; the tree is small.
 */
static int fdt_blob_parent(const struct fdt_blob *b, int node)
{
    int off, depth, node_depth, parent = -ENOENT;

    for ( off = fdt_blob_root(b, &depth); off >= 0 && off < node;
          off = fdt_blob_next_node(b, off, &depth) )
        ;
    if ( off < 0 )
        return off == -ENOENT ? -EINVAL : off;
    if ( off != node )
        return -EINVAL; /* not the offset of a node */
    if ( depth == 0 )
        return -ENOENT; /* the root */
    node_depth = depth;

    for ( off = fdt_blob_root(b, &depth); off >= 0 && off < node;
          off = fdt_blob_next_node(b, off, &depth) )
        if ( depth == node_depth - 1 )
            parent = off;

    return parent;
}

static bool fdt_name_matches(const char *node_name, int node_len,
                             const char *name, size_t len, bool has_unit)
{
    if ( (size_t)node_len == len )
        return !memcmp(node_name, name, len);

    /* "uart" stands for "uart@1000", never the reverse. */
    return !has_unit && (size_t)node_len > len && node_name[len] == '@' &&
           !memcmp(node_name, name, len);
}

static int fdt_subnode_by_name(const struct fdt_blob *b, int parent,
                               const char *name, size_t len)
{
    bool has_unit = memchr(name, '@', len);
    const char *node_name;
    int node, node_len;

    for ( node = fdt_blob_first_subnode(b, parent); node >= 0;
          node = fdt_blob_next_subnode(b, node) )
    {
        node_name = fdt_blob_node_name(b, node, &node_len);
        if ( !node_name )
            return node_len;
        if ( fdt_name_matches(node_name, node_len, name, len, has_unit) )
            return node;
    }

    return node;
}

/* Follow the components of path[0..len) down from @node. */
static int fdt_walk_path(const struct fdt_blob *b, int node, const char *path,
                         size_t len)
{
    const char *end = path + len, *comp_end;

    while ( node >= 0 )
    {
        while ( path < end && *path == '/' )
            path++;
        if ( path == end )
            break;

        comp_end = memchr(path, '/', end - path);
        if ( !comp_end )
            comp_end = end;
        node = fdt_subnode_by_name(b, node, path, comp_end - path);
        path = comp_end;
    }

    return node;
}

/* ------------------------------------------------------------------ */

int fdt_check(const void *fdt, size_t bufsize)
{
    struct fdt_blob b;
    int rc, off, next, tag, depth = 0;
    bool root_done = false, props_allowed = false;

    BUILD_BUG_ON(sizeof(struct fdt_header) != 40);
    BUILD_BUG_ON(FDT_V16_HDR_SIZE != 36);

    /* The header fields fdt_open() reads all lie in the v16 header. */
    if ( bufsize < FDT_V16_HDR_SIZE || !fdt || ((uintptr_t)fdt & 3) )
        return -EINVAL;
    if ( fdt_hdr(fdt, magic) != FDT_MAGIC || fdt_hdr(fdt, totalsize) > bufsize )
        return -EINVAL;

    rc = fdt_open(fdt, &b);
    if ( rc )
        return rc;

    rc = fdt_num_mem_rsv(fdt);
    if ( rc < 0 )
        return rc;

    /*
     * One root node, properly nested, properties before subnodes (the
     * property iterators rely on that), then FDT_END.
     */
    for ( off = 0; ; off = next )
    {
        tag = fdt_token(&b, off, &next);
        switch ( tag )
        {
        case FDT_BEGIN_NODE:
            if ( root_done )
                return -EINVAL;
            depth++;
            props_allowed = true;
            break;

        case FDT_END_NODE:
            if ( depth == 0 )
                return -EINVAL;
            if ( --depth == 0 )
                root_done = true;
            props_allowed = false;
            break;

        case FDT_PROP:
            if ( !props_allowed ||
                 !fdt_string(&b, fdt_be32_load(b.dt_struct + off + 8)) )
                return -EINVAL;
            break;

        case FDT_NOP:
            break;

        case FDT_END:
            return root_done ? 0 : -EINVAL;

        default:
            return tag < 0 ? tag : -EINVAL;
        }
    }
}

size_t fdt_totalsize(const void *fdt)
{
    return fdt ? fdt_hdr(fdt, totalsize) : 0;
}

int fdt_num_mem_rsv(const void *fdt)
{
    struct fdt_blob b;
    uint32_t pos;
    const uint8_t *entry;
    int rc = fdt_open(fdt, &b), n;

    if ( rc )
        return rc;

    for ( n = 0, pos = b.rsvmap_off;
          fdt_range_ok(pos, FDT_RSV_ENTRY_SIZE, b.rsvmap_limit);
          n++, pos += FDT_RSV_ENTRY_SIZE )
    {
        entry = b.base + pos;
        /* An all-zero entry ends the map. */
        if ( !fdt_be32_load(entry) && !fdt_be32_load(entry + 4) &&
             !fdt_be32_load(entry + 8) && !fdt_be32_load(entry + 12) )
            return n;
    }

    return -EINVAL;
}

int fdt_get_mem_rsv(const void *fdt, unsigned int n, paddr_t *addr,
                    paddr_t *size)
{
    struct fdt_blob b;
    const uint32_t *entry;
    int nr = fdt_num_mem_rsv(fdt);

    if ( nr < 0 )
        return nr;
    if ( n >= (unsigned int)nr )
        return -ENOENT;
    fdt_open(fdt, &b); /* cannot fail: fdt_num_mem_rsv() just did it */

    entry = (const uint32_t *)(b.base + b.rsvmap_off +
                               n * FDT_RSV_ENTRY_SIZE);
    if ( addr )
        *addr = fdt_read_cells(entry, 2);
    if ( size )
        *size = fdt_read_cells(entry + 2, 2);

    return 0;
}

int fdt_next_node(const void *fdt, int node, int *depth)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_next_node(&b, node, depth);
}

int fdt_first_subnode(const void *fdt, int node)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_first_subnode(&b, node);
}

int fdt_next_subnode(const void *fdt, int node)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_next_subnode(&b, node);
}

const char *fdt_node_name(const void *fdt, int node, int *len)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    if ( rc )
    {
        if ( len )
            *len = rc;
        return NULL;
    }

    return fdt_blob_node_name(&b, node, len);
}

int fdt_parent_offset(const void *fdt, int node)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_parent(&b, node);
}

int fdt_path_offset_namelen(const void *fdt, const char *path, int len)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b), node, alias_len;
    const char *end, *alias_end, *alias;

    if ( rc )
        return rc;
    if ( !path || len <= 0 )
        return -EINVAL;

    node = fdt_blob_root(&b, NULL);
    end = path + len;

    if ( path < end && *path != '/' )
    {
        /*
         * "serial0/..." starts at the path /aliases/serial0 names.  That
         * must be absolute, so aliases cannot recurse.
         */
        alias_end = memchr(path, '/', len);
        if ( !alias_end )
            alias_end = end;
        node = fdt_walk_path(&b, node, "/aliases", strlen("/aliases"));
        if ( node < 0 )
            return node;
        alias = fdt_blob_getprop(&b, node, path, alias_end - path,
                                 &alias_len);
        if ( !alias )
            return alias_len;
        if ( alias_len < 2 || alias[0] != '/' ||
             strnlen(alias, alias_len) != (size_t)alias_len - 1 )
            return -EINVAL;

        node = fdt_walk_path(&b, fdt_blob_root(&b, NULL), alias,
                             alias_len - 1);
        path = alias_end;
    }

    return fdt_walk_path(&b, node, path, end - path);
}

int fdt_path_offset(const void *fdt, const char *path)
{
    size_t len = path ? strlen(path) : 0;

    if ( len > FDT_MAX_TOTALSIZE )
        return -EINVAL;

    return fdt_path_offset_namelen(fdt, path, len);
}

const void *fdt_getprop(const void *fdt, int node, const char *name,
                        int *lenp)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    if ( rc || !name )
    {
        if ( lenp )
            *lenp = rc ? rc : -EINVAL;
        return NULL;
    }

    return fdt_blob_getprop(&b, node, name, strlen(name), lenp);
}

int fdt_first_property(const void *fdt, int node)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_first_property(&b, node);
}

int fdt_next_property(const void *fdt, int prop)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_next_property(&b, prop);
}

const void *fdt_property_at(const void *fdt, int prop, const char **name,
                            int *lenp)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    if ( rc )
    {
        if ( lenp )
            *lenp = rc;
        return NULL;
    }

    return fdt_blob_property_at(&b, prop, name, lenp);
}

int fdt_getprop_u32(const void *fdt, int node, const char *name,
                    uint32_t *val)
{
    int len;
    const void *prop = fdt_getprop(fdt, node, name, &len);

    if ( !prop )
        return len;
    if ( len != 4 )
        return -EINVAL;
    if ( val )
        *val = fdt_be32_load(prop);

    return 0;
}

const char *fdt_getprop_string(const void *fdt, int node, const char *name,
                               int *lenp)
{
    int len;
    const char *str = fdt_getprop(fdt, node, name, &len);
    size_t str_len;

    if ( !str )
        goto out;

    str_len = strnlen(str, len);
    if ( str_len == (size_t)len )
    {
        str = NULL;
        len = -EINVAL; /* empty, or no NUL inside the value */
        goto out;
    }
    len = str_len;

 out:
    if ( lenp )
        *lenp = len;
    return str;
}

bool fdt_stringlist_contains(const char *list, int len, const char *s)
{
    size_t s_len, item_len;

    if ( !list || !s || len <= 0 )
        return false;

    s_len = strlen(s);
    while ( len > 0 )
    {
        item_len = strnlen(list, len);
        if ( item_len == (size_t)len )
            return false; /* an unterminated tail is no string */
        if ( item_len == s_len && !memcmp(list, s, s_len) )
            return true;
        list += item_len + 1;
        len -= item_len + 1;
    }

    return false;
}

bool fdt_node_is_compatible(const void *fdt, int node, const char *compat)
{
    int len;
    const char *list = fdt_getprop(fdt, node, "compatible", &len);

    return list && fdt_stringlist_contains(list, len, compat);
}

int fdt_node_offset_by_compatible(const void *fdt, int start,
                                  const char *compat)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b), node, len;
    const char *list;

    if ( rc )
        return rc;

    for ( node = fdt_blob_next_node(&b, start, NULL); node >= 0;
          node = fdt_blob_next_node(&b, node, NULL) )
    {
        list = fdt_blob_getprop(&b, node, "compatible", strlen("compatible"),
                                &len);
        if ( list && fdt_stringlist_contains(list, len, compat) )
            return node;
    }

    return node;
}

int fdt_address_cells(const void *fdt, int node)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_cells(&b, node, "#address-cells",
                                    FDT_DEFAULT_ADDR_CELLS);
}

int fdt_size_cells(const void *fdt, int node)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b);

    return rc ? rc : fdt_blob_cells(&b, node, "#size-cells",
                                    FDT_DEFAULT_SIZE_CELLS);
}

uint64_t fdt_read_cells(const uint32_t *cells, unsigned int n)
{
    uint64_t val = 0;

    /* More than two cells keep their low 64 bits. */
    while ( n-- )
        val = (val << 32) | fdt_be32_load(cells++);

    return val;
}

int fdt_get_reg(const void *fdt, int node, unsigned int index,
                paddr_t *addr, paddr_t *size)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b), parent, addr_cells, size_cells, len;
    unsigned int entry_cells;
    const uint32_t *reg;

    if ( rc )
        return rc;

    parent = fdt_blob_parent(&b, node);
    if ( parent < 0 )
        return parent;

    addr_cells = fdt_blob_cells(&b, parent, "#address-cells",
                                FDT_DEFAULT_ADDR_CELLS);
    size_cells = fdt_blob_cells(&b, parent, "#size-cells",
                                FDT_DEFAULT_SIZE_CELLS);
    if ( addr_cells < 0 )
        return addr_cells;
    if ( size_cells < 0 )
        return size_cells;
    /* paddr_t holds two cells; an address of none is no address. */
    if ( addr_cells < 1 || addr_cells > 2 || size_cells > 2 )
        return -EINVAL;

    reg = fdt_blob_getprop(&b, node, "reg", strlen("reg"), &len);
    if ( !reg )
        return len;

    entry_cells = addr_cells + size_cells;
    if ( len % (entry_cells * 4) )
        return -EINVAL;
    if ( index >= len / (entry_cells * 4) )
        return -ENOENT;

    reg += index * entry_cells;
    if ( addr )
        *addr = fdt_read_cells(reg, addr_cells);
    if ( size )
        *size = fdt_read_cells(reg + addr_cells, size_cells);

    return 0;
}

static uint32_t fdt_blob_phandle(const struct fdt_blob *b, int node)
{
    static const char *const names[] = { "phandle", "linux,phandle" };
    const void *val;
    uint32_t phandle;
    unsigned int i;
    int len;

    for ( i = 0; i < ARRAY_SIZE(names); i++ )
    {
        val = fdt_blob_getprop(b, node, names[i], strlen(names[i]), &len);
        if ( !val || len != 4 )
            continue;
        phandle = fdt_be32_load(val);
        /* 0 and ~0 are not valid phandles. */
        return phandle == ~0U ? 0 : phandle;
    }

    return 0;
}

uint32_t fdt_get_phandle(const void *fdt, int node)
{
    struct fdt_blob b;

    return fdt_open(fdt, &b) ? 0 : fdt_blob_phandle(&b, node);
}

int fdt_node_offset_by_phandle(const void *fdt, uint32_t phandle)
{
    struct fdt_blob b;
    int rc = fdt_open(fdt, &b), node;

    if ( rc )
        return rc;
    if ( phandle == 0 || phandle == ~0U )
        return -EINVAL;

    for ( node = fdt_blob_root(&b, NULL); node >= 0;
          node = fdt_blob_next_node(&b, node, NULL) )
        if ( fdt_blob_phandle(&b, node) == phandle )
            return node;

    return node;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
