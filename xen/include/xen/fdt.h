/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small flattened device tree (DTB) library: a reader that validates
 * everything it touches, and a sequential writer.
 *
 * Reader
 * ------
 * Call fdt_check() once on a blob with the size of the buffer that holds it.
 * After that every other reader function trusts only the header's totalsize
 * (which fdt_check() proved fits in the buffer); the other header fields are
 * re-validated on every call and every token, name, string offset and
 * property length is bounds-checked against the struct and strings blocks.
 * A malformed blob therefore gives an error, never an out-of-bounds read or
 * an endless loop (every walk moves strictly forward).  fdt_check() also
 * walks the whole structure once so that a broken tree is reported early.
 *
 * The blob must be 4-byte aligned, so that cell pointers handed out by the
 * reader (property values) are genuinely aligned uint32_t pointers.
 *
 * Node and property handles are int offsets into the struct block; a
 * negative value is an error: -EINVAL for a malformed blob or a bad
 * argument, -ENOENT for "no such node/property/entry" or the end of a walk.
 *
 * Writer
 * ------
 * The writer builds a tree front to back in a caller-supplied buffer:
 *
 *   fdt_create(buf, size);
 *   fdt_add_mem_rsv(buf, addr, size);      optional, any number
 *   fdt_finish_mem_rsv(buf);               optional, fdt_begin_node does it
 *   fdt_begin_node(buf, "");               the root
 *       fdt_property*(buf, ...);           properties before any subnode
 *       fdt_begin_node(buf, "chosen"); ... fdt_end_node(buf);
 *   fdt_end_node(buf);
 *   fdt_finish(buf);                       now a valid DTB of fdt_totalsize()
 *
 * A call that does not fit returns -ENOSPC and leaves the buffer exactly as
 * it was; a call out of sequence returns -EINVAL.  Property names are
 * deduplicated in the strings block.  The buffer is not a valid DTB (the
 * reader rejects it) until fdt_finish() succeeds.
 */
#ifndef XEN_FDT_H
#define XEN_FDT_H

#include <xen/types.h>

#define FDT_MAGIC           0xd00dfeedU
#define FDT_VERSION         17  /* what the writer produces */
#define FDT_LAST_COMP_VERSION 16
#define FDT_MIN_VERSION     16  /* oldest version the reader accepts */

/* Structure block tokens. */
#define FDT_BEGIN_NODE      0x1
#define FDT_END_NODE        0x2
#define FDT_PROP            0x3
#define FDT_NOP             0x4
#define FDT_END             0x9

/* Default #address-cells / #size-cells when a node has none (DT spec). */
#define FDT_DEFAULT_ADDR_CELLS 2
#define FDT_DEFAULT_SIZE_CELLS 1
/* Largest #address-cells / #size-cells value accepted at all. */
#define FDT_MAX_CELLS       4

/* Header layout; every field is big-endian in the blob. */
struct fdt_header {
    uint32_t magic;
    uint32_t totalsize;
    uint32_t off_dt_struct;
    uint32_t off_dt_strings;
    uint32_t off_mem_rsvmap;
    uint32_t version;
    uint32_t last_comp_version;
    uint32_t boot_cpuid_phys;   /* version >= 2 */
    uint32_t size_dt_strings;   /* version >= 3 */
    uint32_t size_dt_struct;    /* version >= 17 */
};

/*
 * Big-endian accessors for blob contents.  Byte by byte so that they are
 * correct on any host and never need an alignment the caller cannot promise.
 */
static inline uint32_t fdt_be32_load(const void *p)
{
    const uint8_t *b = p;

    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
           ((uint32_t)b[2] << 8) | b[3];
}

static inline void fdt_be32_store(void *p, uint32_t val)
{
    uint8_t *b = p;

    b[0] = val >> 24;
    b[1] = val >> 16;
    b[2] = val >> 8;
    b[3] = val;
}

/* ------------------------------------------------------------------ */
/* Reader                                                               */

/* 0 if fdt is a well-formed DTB that fits in bufsize bytes, else -EINVAL. */
int fdt_check(const void *fdt, size_t bufsize);
/* The header's totalsize (only meaningful once fdt_check() passed). */
size_t fdt_totalsize(const void *fdt);

/* Memory reservation block: number of entries, and entry n. */
int fdt_num_mem_rsv(const void *fdt);
int fdt_get_mem_rsv(const void *fdt, unsigned int n, paddr_t *addr,
                    paddr_t *size);

/*
 * Next node in document order after @node; @node < 0 starts the walk and
 * returns the root with *depth = 0.  If @depth is non-NULL it is raised by
 * one for each node entered and lowered for each one left, and the walk
 * ends with -ENOENT as soon as it would go below zero.  So starting with
 * *depth = 0 visits @node's subtree, starting with 1 also visits the
 * siblings after @node.  Without @depth the walk covers the rest of the
 * tree.
 */
int fdt_next_node(const void *fdt, int node, int *depth);
int fdt_first_subnode(const void *fdt, int node);
int fdt_next_subnode(const void *fdt, int node);
/* The node's name ("" for the root), NUL-terminated; *len its length. */
const char *fdt_node_name(const void *fdt, int node, int *len);
/* -ENOENT for the root.  Linear: the tree has no back links. */
int fdt_parent_offset(const void *fdt, int node);

/*
 * Node at a path ("/", "/chosen", "/soc/serial@1000"; "" is -EINVAL).  A
 * component with a unit address must match exactly; one without matches
 * the first node whose name is equal or equal up to its '@'.  A path not
 * starting with '/' begins with an alias from /aliases.  The _namelen form
 * looks at the first @len characters only (e.g. a stdout-path before ':').
 */
int fdt_path_offset(const void *fdt, const char *path);
int fdt_path_offset_namelen(const void *fdt, const char *path, int len);

/*
 * Properties.  The getters return the value (NULL on error) and store its
 * length in *lenp, or a negative errno when NULL is returned.  Values are
 * 4-byte aligned but not 8-byte aligned.
 */
const void *fdt_getprop(const void *fdt, int node, const char *name,
                        int *lenp);
int fdt_first_property(const void *fdt, int node);
int fdt_next_property(const void *fdt, int prop);
const void *fdt_property_at(const void *fdt, int prop, const char **name,
                            int *lenp);
/* A property that must be exactly one cell: -ENOENT, -EINVAL or 0. */
int fdt_getprop_u32(const void *fdt, int node, const char *name,
                    uint32_t *val);
/*
 * The (first) string of a property, whose value must hold a NUL (-EINVAL
 * otherwise, e.g. for an empty value); *lenp gets its strlen().
 */
const char *fdt_getprop_string(const void *fdt, int node, const char *name,
                               int *lenp);

/* Is @s one of the NUL-separated strings in list[0..len)? */
bool fdt_stringlist_contains(const char *list, int len, const char *s);
bool fdt_node_is_compatible(const void *fdt, int node, const char *compat);
/* First node after @start (< 0: from the root on) compatible with @compat. */
int fdt_node_offset_by_compatible(const void *fdt, int start,
                                  const char *compat);

/*
 * #address-cells / #size-cells that apply to @node's children: the node's
 * own properties, or the spec's defaults (2 and 1) when absent.  They are
 * deliberately not inherited from further up (that is a Linux-ism).
 */
int fdt_address_cells(const void *fdt, int node);
int fdt_size_cells(const void *fdt, int node);
/*
 * Value of @n big-endian cells, e.g. one address of a reg entry (the low
 * 64 bits if @n > 2).
 */
uint64_t fdt_read_cells(const uint32_t *cells, unsigned int n);
/*
 * Entry @index of @node's "reg", decoded with the parent's cells
 * (#address-cells 1 or 2, #size-cells 0 to 2, else -EINVAL).  -ENOENT
 * once @index is past the last entry, for no reg, and for the root.
 * @addr and @size may be NULL.  Finding the parent walks the tree from the
 * root, so this is linear in the size of the tree.
 */
int fdt_get_reg(const void *fdt, int node, unsigned int index,
                paddr_t *addr, paddr_t *size);

/* The node's phandle (or legacy linux,phandle), 0 if it has none. */
uint32_t fdt_get_phandle(const void *fdt, int node);
int fdt_node_offset_by_phandle(const void *fdt, uint32_t phandle);

/* ------------------------------------------------------------------ */
/* Writer                                                               */

/* Start a tree in buf (4-byte aligned); -ENOSPC if size < the header. */
int fdt_create(void *buf, size_t size);
/* A zero @size is -EINVAL (it could read as the map's terminator). */
int fdt_add_mem_rsv(void *fdt, paddr_t addr, paddr_t size);
int fdt_finish_mem_rsv(void *fdt);
/* The first node is the root and must be named "". */
int fdt_begin_node(void *fdt, const char *name);
int fdt_end_node(void *fdt);
int fdt_property(void *fdt, const char *name, const void *val, int len);
/*
 * Add a property of @len bytes and return where its value goes in *valp,
 * for values assembled in place (e.g. a reg list with fdt_write_cells()).
 * The contents are zeroed; the pointer is valid until the next writer call.
 */
int fdt_property_placeholder(void *fdt, const char *name, int len,
                             void **valp);
int fdt_property_u32(void *fdt, const char *name, uint32_t val);
int fdt_property_u64(void *fdt, const char *name, uint64_t val);
int fdt_property_string(void *fdt, const char *name, const char *str);
/* @n u32 cells given as unsigned int arguments. */
int fdt_property_cells(void *fdt, const char *name, unsigned int n, ...);
/* "reg" with one entry; -EINVAL if a value does not fit its cells. */
int fdt_property_reg(void *fdt, unsigned int addr_cells,
                     unsigned int size_cells, paddr_t addr, paddr_t size);
/*
 * Store @val as @n (0 to 2) big-endian cells at @cells: 0, or -EINVAL if
 * it does not fit.  The counterpart of fdt_read_cells().
 */
int fdt_write_cells(void *cells, unsigned int n, uint64_t val);
/* Close the tree: strings after the struct block, final header. */
int fdt_finish(void *fdt);

#endif /* XEN_FDT_H */
