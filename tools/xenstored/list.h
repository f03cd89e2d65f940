/* SPDX-License-Identifier: GPL-2.0-only */
/* Intrusive circular doubly linked lists. */
#ifndef XENSTORED_LIST_H
#define XENSTORED_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

static inline void list_init(struct list_head *head)
{
    head->next = head->prev = head;
}

static inline bool list_empty(const struct list_head *head)
{
    return head->next == head;
}

static inline void list_add_tail(struct list_head *entry,
                                 struct list_head *head)
{
    entry->prev = head->prev;
    entry->next = head;
    head->prev->next = entry;
    head->prev = entry;
}

/* The entry is left pointing at itself, so deleting it twice is harmless. */
static inline void list_del(struct list_head *entry)
{
    entry->prev->next = entry->next;
    entry->next->prev = entry->prev;
    list_init(entry);
}

#define list_entry(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

#define list_first_entry(head, type, member) \
    list_entry((head)->next, type, member)

#define list_for_each_entry(pos, head, member)                           \
    for ( pos = list_entry((head)->next, typeof(*pos), member);          \
          &pos->member != (head);                                        \
          pos = list_entry(pos->member.next, typeof(*pos), member) )

/* As list_for_each_entry, but pos may be deleted inside the loop. */
#define list_for_each_entry_safe(pos, tmp, head, member)                 \
    for ( pos = list_entry((head)->next, typeof(*pos), member),          \
          tmp = list_entry(pos->member.next, typeof(*pos), member);      \
          &pos->member != (head);                                        \
          pos = tmp, tmp = list_entry(tmp->member.next, typeof(*tmp), member) )

#endif
