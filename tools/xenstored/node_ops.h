/* SPDX-License-Identifier: GPL-2.0-only */
/* The requests on nodes: reading, writing, removing, permissions. */
#ifndef XENSTORED_NODE_OPS_H
#define XENSTORED_NODE_OPS_H

struct request;

int do_read(struct request *req);
int do_directory(struct request *req);
int do_directory_part(struct request *req);
int do_get_perms(struct request *req);
int do_write(struct request *req);
int do_mkdir(struct request *req);
int do_rm(struct request *req);
int do_set_perms(struct request *req);

#endif
