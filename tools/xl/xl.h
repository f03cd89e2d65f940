/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xl: the command-line toolstack.  Each command is a main_<name>()
 * taking its own argv (argv[0] is the command's name); they share the
 * hypervisor and xenstore handles below and the helpers of xl_utils.c
 * and xl_domain.c.
 */
#ifndef XL_H
#define XL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include <xenctrl.h>
#include <xenstore.h>

/* Opened by main() for every command that needs them. */
extern xc_interface *xch;
extern struct xs_handle *xsh;

/* Global -v: more detail on stderr. */
extern int xl_verbose;

#define XL_DIR_LOG      "/var/log/xen"

struct cmd_spec {
    const char *name;
    int (*main)(int argc, char **argv);
    bool needs_hypervisor;
    const char *summary;
    const char *usage;
    const char *options;
};

extern const struct cmd_spec cmd_table[];
extern const unsigned int cmd_table_len;
const struct cmd_spec *cmd_lookup(const char *name);
void help(const char *command);

/*
 * getopt over a command's options, with -h/--help handled: returns the
 * option, or -1 when done (argv[optind] is then the first argument), or
 * 0 when the command must return now with *rc_r (bad option or help).
 * min_args is how many arguments must follow the options.
 */
int def_getopt(int argc, char **argv, const char *optstring,
               const char *cmd, int min_args, int *rc_r);

/* Domain qualifiers: a domid or a name.  Exits with a message if none. */
uint32_t find_domain(const char *qualifier);
/* Its name from xenstore, or NULL (caller frees). */
char *domain_name(uint32_t domid);
/* The domid of the domain named name, or -1. */
int64_t domain_by_name(const char *name);

/*
 * Takes a domain away with everything the toolstack made for it: the
 * hypervisor's domain, its xenstore nodes, xenstored's connection.
 * 0, or -1 with a message printed.
 */
int domain_destroy_all(uint32_t domid);

/* Becomes the xenconsole client for domid's console; -1 if it cannot. */
int console_exec(uint32_t domid, unsigned int num, const char *type);

/*
 * Waiting for a domain to shut down, then on_poweroff and friends:
 * here, or in a child left running (0 once it is started).
 */
struct xl_guest_config;
int monitor_domain(uint32_t domid, const struct xl_guest_config *gc);
int monitor_in_background(uint32_t domid, const struct xl_guest_config *gc);

/* Commands */
int main_create(int argc, char **argv);
int main_list(int argc, char **argv);
int main_info(int argc, char **argv);
int main_dmesg(int argc, char **argv);
int main_destroy(int argc, char **argv);
int main_shutdown(int argc, char **argv);
int main_console(int argc, char **argv);
int main_help(int argc, char **argv);

#endif
