/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sequential flattened device tree writer.
 *
 * While a tree is being built the buffer is laid out as
 *
 *   [header][reservation map][struct block ->   free   <- strings block]
 *
 * with the strings growing down from the end of the buffer, since neither
 * block's final size is known up front.  A property's name offset is
 * recorded meanwhile as the distance from the buffer's end to its string;
 * fdt_finish() moves the strings down behind the struct block and rewrites
 * those distances into real offsets.
 *
 * The writer's state lives in the header fields, so that the buffer alone
 * is the handle.  During construction they mean:
 *
 *   magic             FDT_SW_MAGIC: readers reject an unfinished tree
 *   totalsize         usable size of the buffer
 *   off_mem_rsvmap    sizeof(struct fdt_header)
 *   off_dt_struct     end of the reservation map, and so the struct start
 *   size_dt_struct    bytes of struct block written
 *   size_dt_strings   bytes of strings written at the end of the buffer
 *   off_dt_strings    number of open nodes
 *   version           the phase (enum fdt_sw_phase)
 */

#include <xen/errno.h>
#include <xen/fdt.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/types.h>

#define FDT_SW_MAGIC        (~FDT_MAGIC)
#define FDT_SW_HDR_SIZE     sizeof(struct fdt_header)
#define FDT_RSV_ENTRY_SIZE  16
#define FDT_TOKEN_SIZE      4
#define FDT_PROP_HDR_SIZE   (FDT_TOKEN_SIZE + 8)
/* Readers hand out int offsets; keep every blob below that. */
#define FDT_SW_MAX_SIZE     0x7ffffffcU

/* What may come next. */
enum fdt_sw_phase {
    FDT_SW_RSVMAP = 1,  /* reservation entries, or the root */
    FDT_SW_NO_ROOT,     /* map closed: the root */
    FDT_SW_PROPS,       /* just opened a node: properties, subnodes, end */
    FDT_SW_SUBNODES,    /* closed a subnode: further subnodes, end */
    FDT_SW_DONE,        /* closed the root: only fdt_finish() */
};

struct fdt_sw {
    uint8_t *base;
    uint32_t bufsize;
    uint32_t struct_off;
    uint32_t struct_size;
    uint32_t strings_size;
    uint32_t depth;
    uint32_t phase;
};

#define sw_hdr_get(base, field) \
    fdt_be32_load((base) + offsetof(struct fdt_header, field))
#define sw_hdr_set(base, field, val) \
    fdt_be32_store((base) + offsetof(struct fdt_header, field), (val))

/* Load the state, refusing anything that could make a write go astray. */
static int fdt_sw_load(void *fdt, struct fdt_sw *sw)
{
    uint8_t *base = fdt;

    if ( !fdt || sw_hdr_get(base, magic) != FDT_SW_MAGIC )
        return -EINVAL;

    sw->base = base;
    sw->bufsize = sw_hdr_get(base, totalsize);
    sw->struct_off = sw_hdr_get(base, off_dt_struct);
    sw->struct_size = sw_hdr_get(base, size_dt_struct);
    sw->strings_size = sw_hdr_get(base, size_dt_strings);
    sw->depth = sw_hdr_get(base, off_dt_strings);
    sw->phase = sw_hdr_get(base, version);

    if ( sw->bufsize > FDT_SW_MAX_SIZE ||
         sw->phase < FDT_SW_RSVMAP || sw->phase > FDT_SW_DONE ||
         sw->struct_off < FDT_SW_HDR_SIZE ||
         (sw->struct_off - FDT_SW_HDR_SIZE) % FDT_RSV_ENTRY_SIZE ||
         sw->struct_off > sw->bufsize ||
         sw->struct_size > sw->bufsize - sw->struct_off ||
         sw->strings_size > sw->bufsize - sw->struct_off - sw->struct_size )
        return -EINVAL;

    return 0;
}

static void fdt_sw_store(const struct fdt_sw *sw)
{
    sw_hdr_set(sw->base, off_dt_struct, sw->struct_off);
    sw_hdr_set(sw->base, size_dt_struct, sw->struct_size);
    sw_hdr_set(sw->base, size_dt_strings, sw->strings_size);
    sw_hdr_set(sw->base, off_dt_strings, sw->depth);
    sw_hdr_set(sw->base, version, sw->phase);
}

static size_t fdt_sw_free(const struct fdt_sw *sw)
{
    return sw->bufsize - sw->struct_off - sw->struct_size - sw->strings_size;
}

/* Where the next struct bytes go; the caller has checked the room. */
static uint8_t *fdt_sw_grab(struct fdt_sw *sw, size_t len)
{
    uint8_t *p = sw->base + sw->struct_off + sw->struct_size;

    sw->struct_size += len;

    return p;
}

static void fdt_sw_token(struct fdt_sw *sw, uint32_t tag)
{
    fdt_be32_store(fdt_sw_grab(sw, FDT_TOKEN_SIZE), tag);
}

/*
 * Distance from the buffer's end of a string equal to name[0..len], NUL
 * included, already in the strings area (a suffix of a longer one will do),
 * or 0 if there is none.
 */
static uint32_t fdt_sw_find_string(const struct fdt_sw *sw, const char *name,
                                   size_t len)
{
    const uint8_t *end = sw->base + sw->bufsize;
    const uint8_t *p = end - sw->strings_size;

    for ( ; (size_t)(end - p) > len; p++ )
        if ( *p == (uint8_t)name[0] && !memcmp(p, name, len + 1) )
            return end - p;

    return 0;
}

int fdt_create(void *buf, size_t size)
{
    uint8_t *base = buf;

    BUILD_BUG_ON(FDT_SW_HDR_SIZE % 8); /* the reservation map is 8-aligned */

    if ( !buf || ((uintptr_t)buf & 3) )
        return -EINVAL;
    if ( size < FDT_SW_HDR_SIZE )
        return -ENOSPC;
    size = min(size, (size_t)FDT_SW_MAX_SIZE);

    memset(base, 0, FDT_SW_HDR_SIZE);
    sw_hdr_set(base, magic, FDT_SW_MAGIC);
    sw_hdr_set(base, totalsize, size);
    sw_hdr_set(base, off_mem_rsvmap, FDT_SW_HDR_SIZE);
    sw_hdr_set(base, off_dt_struct, FDT_SW_HDR_SIZE);
    sw_hdr_set(base, version, FDT_SW_RSVMAP);

    return 0;
}

static void fdt_sw_rsv_entry(struct fdt_sw *sw, uint64_t addr, uint64_t size)
{
    uint8_t *entry = sw->base + sw->struct_off;

    fdt_write_cells(entry, 2, addr);
    fdt_write_cells(entry + 8, 2, size);
    sw->struct_off += FDT_RSV_ENTRY_SIZE;
}

int fdt_add_mem_rsv(void *fdt, paddr_t addr, paddr_t size)
{
    struct fdt_sw sw;
    int rc = fdt_sw_load(fdt, &sw);

    if ( rc )
        return rc;
    /* A zero size would also make (0, 0), the map's terminator. */
    if ( sw.phase != FDT_SW_RSVMAP || !size )
        return -EINVAL;
    if ( fdt_sw_free(&sw) < FDT_RSV_ENTRY_SIZE )
        return -ENOSPC;

    fdt_sw_rsv_entry(&sw, addr, size);
    fdt_sw_store(&sw);

    return 0;
}

int fdt_finish_mem_rsv(void *fdt)
{
    struct fdt_sw sw;
    int rc = fdt_sw_load(fdt, &sw);

    if ( rc )
        return rc;
    if ( sw.phase != FDT_SW_RSVMAP )
        return -EINVAL;
    if ( fdt_sw_free(&sw) < FDT_RSV_ENTRY_SIZE )
        return -ENOSPC;

    fdt_sw_rsv_entry(&sw, 0, 0);
    sw.phase = FDT_SW_NO_ROOT;
    fdt_sw_store(&sw);

    return 0;
}

int fdt_begin_node(void *fdt, const char *name)
{
    struct fdt_sw sw;
    size_t name_len, padded, need, rsv_end = 0;
    uint8_t *p;
    int rc = fdt_sw_load(fdt, &sw);

    if ( rc )
        return rc;
    if ( !name )
        return -EINVAL;

    name_len = strlen(name);
    switch ( sw.phase )
    {
    case FDT_SW_RSVMAP:
        rsv_end = FDT_RSV_ENTRY_SIZE; /* close the map on the way */
        /* fall through */
    case FDT_SW_NO_ROOT:
        if ( name_len )
            return -EINVAL; /* the root's name is empty */
        break;

    case FDT_SW_PROPS:
    case FDT_SW_SUBNODES:
        if ( !name_len || memchr(name, '/', name_len) )
            return -EINVAL;
        break;

    default:
        return -EINVAL;
    }

    if ( name_len >= sw.bufsize )
        return -ENOSPC; /* and the sum below cannot overflow */
    padded = ROUNDUP(name_len + 1, 4);
    need = rsv_end + FDT_TOKEN_SIZE + padded;
    if ( need > fdt_sw_free(&sw) )
        return -ENOSPC;

    if ( rsv_end )
        fdt_sw_rsv_entry(&sw, 0, 0);

    fdt_sw_token(&sw, FDT_BEGIN_NODE);
    p = fdt_sw_grab(&sw, padded);
    memcpy(p, name, name_len);
    memset(p + name_len, 0, padded - name_len);

    sw.depth++;
    sw.phase = FDT_SW_PROPS;
    fdt_sw_store(&sw);

    return 0;
}

int fdt_end_node(void *fdt)
{
    struct fdt_sw sw;
    int rc = fdt_sw_load(fdt, &sw);

    if ( rc )
        return rc;
    if ( (sw.phase != FDT_SW_PROPS && sw.phase != FDT_SW_SUBNODES) ||
         !sw.depth )
        return -EINVAL;
    if ( fdt_sw_free(&sw) < FDT_TOKEN_SIZE )
        return -ENOSPC;

    fdt_sw_token(&sw, FDT_END_NODE);
    sw.depth--;
    sw.phase = sw.depth ? FDT_SW_SUBNODES : FDT_SW_DONE;
    fdt_sw_store(&sw);

    return 0;
}

int fdt_property_placeholder(void *fdt, const char *name, int len,
                             void **valp)
{
    struct fdt_sw sw;
    size_t name_len, padded, need;
    uint32_t name_dist;
    uint8_t *p;
    int rc = fdt_sw_load(fdt, &sw);

    if ( rc )
        return rc;
    /* The spec puts properties before subnodes, and readers rely on it. */
    if ( sw.phase != FDT_SW_PROPS || !name || !*name || len < 0 || !valp )
        return -EINVAL;

    name_len = strlen(name);
    if ( name_len >= sw.bufsize || (size_t)len >= sw.bufsize )
        return -ENOSPC; /* and the sums below cannot overflow */

    padded = ROUNDUP((size_t)len, 4);
    need = FDT_PROP_HDR_SIZE + padded;
    name_dist = fdt_sw_find_string(&sw, name, name_len);
    if ( !name_dist )
        need += name_len + 1;
    if ( need > fdt_sw_free(&sw) )
        return -ENOSPC;

    if ( !name_dist )
    {
        sw.strings_size += name_len + 1;
        name_dist = sw.strings_size;
        memcpy(sw.base + sw.bufsize - name_dist, name, name_len + 1);
    }

    p = fdt_sw_grab(&sw, FDT_PROP_HDR_SIZE + padded);
    fdt_be32_store(p, FDT_PROP);
    fdt_be32_store(p + 4, len);
    fdt_be32_store(p + 8, name_dist);
    memset(p + FDT_PROP_HDR_SIZE, 0, padded);
    *valp = p + FDT_PROP_HDR_SIZE;

    fdt_sw_store(&sw);

    return 0;
}

int fdt_property(void *fdt, const char *name, const void *val, int len)
{
    void *dst;
    int rc;

    if ( len && !val )
        return -EINVAL;

    rc = fdt_property_placeholder(fdt, name, len, &dst);
    if ( rc )
        return rc;
    if ( len )
        memcpy(dst, val, len);

    return 0;
}

int fdt_property_u32(void *fdt, const char *name, uint32_t val)
{
    uint8_t cell[4];

    fdt_be32_store(cell, val);

    return fdt_property(fdt, name, cell, sizeof(cell));
}

int fdt_property_u64(void *fdt, const char *name, uint64_t val)
{
    uint8_t cells[8];

    fdt_write_cells(cells, 2, val);

    return fdt_property(fdt, name, cells, sizeof(cells));
}

int fdt_property_string(void *fdt, const char *name, const char *str)
{
    size_t len;

    if ( !str )
        return -EINVAL;
    len = strlen(str) + 1;
    if ( len > FDT_SW_MAX_SIZE )
        return -ENOSPC;

    return fdt_property(fdt, name, str, len);
}

int fdt_property_cells(void *fdt, const char *name, unsigned int n, ...)
{
    uint8_t *cells;
    unsigned int i;
    va_list args;
    void *val;
    int rc;

    if ( n > FDT_SW_MAX_SIZE / 4 )
        return -ENOSPC;

    rc = fdt_property_placeholder(fdt, name, n * 4, &val);
    if ( rc )
        return rc;
    cells = val;

    va_start(args, n);
    for ( i = 0; i < n; i++ )
        fdt_be32_store(cells + i * 4, va_arg(args, unsigned int));
    va_end(args);

    return 0;
}

int fdt_write_cells(void *cells, unsigned int n, uint64_t val)
{
    uint8_t *p = cells;

    if ( n > 2 || (n < 2 && (val >> (32 * n))) )
        return -EINVAL;

    if ( n == 2 )
    {
        fdt_be32_store(p, val >> 32);
        p += 4;
    }
    if ( n )
        fdt_be32_store(p, val);

    return 0;
}

int fdt_property_reg(void *fdt, unsigned int addr_cells,
                     unsigned int size_cells, paddr_t addr, paddr_t size)
{
    uint8_t reg[16];

    if ( addr_cells < 1 || addr_cells > 2 || size_cells > 2 )
        return -EINVAL;
    if ( fdt_write_cells(reg, addr_cells, addr) ||
         fdt_write_cells(reg + addr_cells * 4, size_cells, size) )
        return -EINVAL;

    return fdt_property(fdt, "reg", reg, (addr_cells + size_cells) * 4);
}

/*
 * Turn every property's name distance into an offset into the strings
 * block.  With @apply false it only checks that the walk would succeed, so
 * that a failure leaves the buffer untouched.
 */
static int fdt_sw_fix_name_offsets(struct fdt_sw *sw, bool apply)
{
    uint8_t *blk = sw->base + sw->struct_off;
    uint32_t pos = 0, tag, len, dist;

    while ( pos + FDT_TOKEN_SIZE <= sw->struct_size )
    {
        tag = fdt_be32_load(blk + pos);
        pos += FDT_TOKEN_SIZE;

        switch ( tag )
        {
        case FDT_BEGIN_NODE:
            len = strnlen((const char *)blk + pos, sw->struct_size - pos);
            pos += ROUNDUP(len + 1, 4);
            break;

        case FDT_PROP:
            if ( sw->struct_size - pos < FDT_PROP_HDR_SIZE - FDT_TOKEN_SIZE )
                return -EINVAL;
            len = fdt_be32_load(blk + pos);
            dist = fdt_be32_load(blk + pos + 4);
            if ( !dist || dist > sw->strings_size )
                return -EINVAL;
            if ( apply )
                fdt_be32_store(blk + pos + 4, sw->strings_size - dist);
            pos += FDT_PROP_HDR_SIZE - FDT_TOKEN_SIZE;
            if ( len > sw->struct_size - pos )
                return -EINVAL;
            pos += ROUNDUP(len, 4);
            break;

        case FDT_END_NODE:
        case FDT_END:
            break;

        default:
            return -EINVAL;
        }
    }

    return pos == sw->struct_size ? 0 : -EINVAL;
}

int fdt_finish(void *fdt)
{
    struct fdt_sw sw;
    uint32_t strings_off;
    int rc = fdt_sw_load(fdt, &sw);

    if ( rc )
        return rc;
    if ( sw.phase != FDT_SW_DONE )
        return -EINVAL;
    if ( fdt_sw_free(&sw) < FDT_TOKEN_SIZE )
        return -ENOSPC;

    /* The token lies beyond the recorded struct size until all is well. */
    fdt_sw_token(&sw, FDT_END);
    rc = fdt_sw_fix_name_offsets(&sw, false);
    if ( rc )
        return rc;
    fdt_sw_fix_name_offsets(&sw, true);

    strings_off = sw.struct_off + sw.struct_size;
    memmove(sw.base + strings_off, sw.base + sw.bufsize - sw.strings_size,
            sw.strings_size);

    sw_hdr_set(sw.base, magic, FDT_MAGIC);
    sw_hdr_set(sw.base, totalsize, strings_off + sw.strings_size);
    sw_hdr_set(sw.base, off_dt_struct, sw.struct_off);
    sw_hdr_set(sw.base, off_dt_strings, strings_off);
    sw_hdr_set(sw.base, off_mem_rsvmap, FDT_SW_HDR_SIZE);
    sw_hdr_set(sw.base, version, FDT_VERSION);
    sw_hdr_set(sw.base, last_comp_version, FDT_LAST_COMP_VERSION);
    sw_hdr_set(sw.base, boot_cpuid_phys, 0);
    sw_hdr_set(sw.base, size_dt_strings, sw.strings_size);
    sw_hdr_set(sw.base, size_dt_struct, sw.struct_size);

    return 0;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
