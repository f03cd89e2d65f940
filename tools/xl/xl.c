/* SPDX-License-Identifier: LGPL-2.1-only */
/* xl's entry: global options, the command table, help. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

xc_interface *xch;
struct xs_handle *xsh;
int xl_verbose;

const struct cmd_spec cmd_table[] = {
    { "create", main_create, true,
      "Create a domain from config file <filename>",
      "<ConfigFile> [options] [vars]",
      "-c                      Connect to the console after the domain is created.\n"
      "-e                      Do not wait in the background for the death of the domain.\n"
      "-F                      Run in foreground until death of the domain.\n"
      "-n, --dryrun            Dry run - prints the resulting configuration.\n"
      "-p                      Leave the domain paused after it is created.\n"
      "-q, --quiet             Quiet." },
    { "list", main_list, true,
      "List information about all/some domains",
      "[options] [Domain]", NULL },
    { "destroy", main_destroy, true,
      "Terminate a domain immediately",
      "[options] <Domain>",
      "-f                      Permit destroying domain 0 (refused by the\n"
      "                        hypervisor unless it is not the hardware domain)." },
    { "shutdown", main_shutdown, true,
      "Issue a shutdown signal to a domain",
      "[options] <-a|Domain>",
      "-a, --all               Shutdown all guest domains.\n"
      "-h                      Print this help.\n"
      "-F                      Fallback to ACPI power event for HVM guests with\n"
      "                        no PV drivers (not available on Arm).\n"
      "-w, --wait              Wait for guest(s) to shutdown." },
    { "console", main_console, true,
      "Attach to domain's console",
      "[options] <Domain>\n"
      "-t <type>       console type, pv or serial\n"
      "-n <number>     console number", NULL },
    { "info", main_info, true,
      "Get information about Xen host",
      "", NULL },
    { "dmesg", main_dmesg, true,
      "Read and/or clear dmesg buffer",
      "[-c]",
      "  -c                        Clear dmesg buffer as well as printing it" },
    { "help", main_help, false,
      "Print this help", "[command]", NULL },
};
const unsigned int cmd_table_len = sizeof(cmd_table) / sizeof(cmd_table[0]);

const struct cmd_spec *cmd_lookup(const char *name)
{
    unsigned int i;

    for ( i = 0; i < cmd_table_len; i++ )
        if ( !strcmp(cmd_table[i].name, name) )
            return &cmd_table[i];
    return NULL;
}

void help(const char *command)
{
    const struct cmd_spec *cmd;
    unsigned int i;

    if ( !command || !strcmp(command, "help") ) {
        printf("Usage xl [-v] <subcommand> [args]\n\n");
        printf("xl full list of subcommands:\n\n");
        for ( i = 0; i < cmd_table_len; i++ )
            printf(" %-19s %s\n", cmd_table[i].name, cmd_table[i].summary);
        return;
    }
    cmd = cmd_lookup(command);
    if ( !cmd ) {
        printf("command \"%s\" not implemented\n", command);
        return;
    }
    printf("Usage: xl [-v] %s %s\n\n%s.\n\n", cmd->name, cmd->usage,
           cmd->summary);
    if ( cmd->options )
        printf("Options:\n\n%s\n", cmd->options);
}

int main_help(int argc, char **argv)
{
    help(argc > 1 ? argv[1] : NULL);
    return EXIT_SUCCESS;
}

static int open_handles(void)
{
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch ) {
        fprintf(stderr, "xl: cannot talk to the hypervisor through "
                "/dev/xen/privcmd: %s\n", strerror(errno));
        return -1;
    }
    xsh = xs_open(0);
    if ( !xsh ) {
        fprintf(stderr, "xl: cannot connect to xenstored: %s\n",
                strerror(errno));
        xc_interface_close(xch);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const struct cmd_spec *cmd;
    int opt, rc;

    /* '+': stop at the command, whose options are its own. */
    while ( (opt = getopt(argc, argv, "+vh")) != -1 ) {
        switch ( opt ) {
        case 'v':
            xl_verbose++;
            break;
        case 'h':
            help(NULL);
            return EXIT_SUCCESS;
        default:
            help(NULL);
            return 2;
        }
    }
    if ( optind >= argc ) {
        help(NULL);
        return 2;
    }
    cmd = cmd_lookup(argv[optind]);
    if ( !cmd ) {
        fprintf(stderr, "command not implemented\n");
        return EXIT_FAILURE;
    }
    argc -= optind;
    argv += optind;
    optind = 1;
    if ( cmd->needs_hypervisor && open_handles() )
        return EXIT_FAILURE;
    rc = cmd->main(argc, argv);
    if ( xsh )
        xs_close(xsh);
    if ( xch )
        xc_interface_close(xch);
    return rc;
}
