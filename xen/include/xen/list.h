/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intrusive circular doubly linked list.
 *
 * A struct list_head is embedded in each element; the list itself is a
 * struct list_head whose next/prev point at the first/last element (or at
 * itself when empty).  No allocation is ever needed to link an element,
 * which is what the page allocator and xmalloc require.
 */
#ifndef XEN_LIST_H
#define XEN_LIST_H

#include <xen/lib.h>
#include <xen/types.h>

struct list_head {
    struct list_head *next, *prev;
};

/* clang-format off */
#define LIST_HEAD_INIT(name) { &(name), &(name) }
/* clang-format on */
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *l)
{
    l->next = l;
    l->prev = l;
}

/* Links e between two neighbours known to be adjacent. */
static inline void __list_link(struct list_head *e, struct list_head *prev,
                               struct list_head *next)
{
    next->prev = e;
    e->next = next;
    e->prev = prev;
    prev->next = e;
}

/* Inserts e at the front of the list (LIFO use). */
static inline void list_add(struct list_head *e, struct list_head *head)
{
    __list_link(e, head, head->next);
}

/* Inserts e at the back of the list (FIFO use). */
static inline void list_add_tail(struct list_head *e, struct list_head *head)
{
    __list_link(e, head->prev, head);
}

/*
 * Unlinks e.  Its pointers are cleared so a second list_del() or a walk from
 * a stale element faults instead of silently corrupting a neighbour.
 */
static inline void list_del(struct list_head *e)
{
    e->next->prev = e->prev;
    e->prev->next = e->next;
    e->next = NULL;
    e->prev = NULL;
}

/* Unlinks e and leaves it as an empty list, safe to list_del() again. */
static inline void list_del_init(struct list_head *e)
{
    e->next->prev = e->prev;
    e->prev->next = e->next;
    INIT_LIST_HEAD(e);
}

static inline bool list_empty(const struct list_head *head)
{
    return head->next == head;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)

#define list_first_entry(head, type, member) \
    list_entry((head)->next, type, member)

#define list_first_entry_or_null(head, type, member) \
    (list_empty(head) ? NULL : list_first_entry(head, type, member))

#define list_for_each(pos, head) \
    for ( (pos) = (head)->next; (pos) != (head); (pos) = (pos)->next )

#define list_for_each_entry(pos, head, member)                          \
    for ( (pos) = list_entry((head)->next, __typeof__(*(pos)), member); \
          &(pos)->member != (head);                                     \
          (pos) = list_entry((pos)->member.next, __typeof__(*(pos)), member) )

/* As list_for_each_entry(), but pos may be unlinked or freed in the body. */
/* clang-format off */
#define list_for_each_entry_safe(pos, n, head, member)                      \
    for ( (pos) = list_entry((head)->next, __typeof__(*(pos)), member),     \
          (n) = list_entry((pos)->member.next, __typeof__(*(pos)), member); \
          &(pos)->member != (head);                                         \
          (pos) = (n),                                                      \
          (n) = list_entry((n)->member.next, __typeof__(*(n)), member) )
/* clang-format on */

#endif /* XEN_LIST_H */
