/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * libxlutil: xl's domain configuration files (xl.cfg), with the API of
 * Xen 4.17's libxlutil where it fits.
 *
 * A file is a series of settings, KEY = VALUE (or KEY += VALUE), ended
 * by a newline or ';'.  A value is a string ('...' or "..."), a number
 * (kept as the text of its digits and converted when it is read), or a
 * list [ VALUE, ... ] that may span lines.  '#' starts a comment.  A
 * later setting of a key replaces the earlier one.
 *
 * Calls return 0 or an errno value: ESRCH when the key is not set,
 * EINVAL when its value has the wrong kind or does not parse, ERANGE
 * when a number is out of range, ENOMEM.  Problems are reported on the
 * stream given to xlu_cfg_init, one line each, "SOURCE:LINE: problem",
 * unless dont_warn asks for silence.
 */
#ifndef LIBXLUTIL_H
#define LIBXLUTIL_H

#include <stddef.h>
#include <stdio.h>

/* Bounds of what is read: larger input is refused with a message. */
#define XLU_CFG_MAX_FILE    (1024 * 1024) /* bytes of one file or data */
#define XLU_CFG_MAX_STRING  (64 * 1024)   /* bytes of one string value */
#define XLU_CFG_MAX_KEY     64            /* characters of a key */
#define XLU_CFG_MAX_NUMBER  64            /* characters of a number */
#define XLU_CFG_MAX_NESTING 16            /* lists within lists */

typedef struct XLU_Config XLU_Config;
typedef struct XLU_ConfigList XLU_ConfigList;
typedef struct XLU_ConfigValue XLU_ConfigValue;
typedef struct XLU_ConfigSetting XLU_ConfigSetting;

enum XLU_ConfigValueType {
    XLU_STRING,
    XLU_LIST,
};

/* A NULL-terminated array of strings, as libxl's libxl_string_list. */
typedef char **xlu_string_list;

/*
 * A configuration with no settings; report_filename names the file in
 * messages.  Returns NULL (errno set) when memory runs out.
 */
XLU_Config *xlu_cfg_init(FILE *report, const char *report_filename);
void xlu_cfg_destroy(XLU_Config *cfg);

/*
 * Adds the settings of a file, or of a buffer, to cfg.  Messages name the
 * report_filename of xlu_cfg_init.  Returns 0, EINVAL when the text does
 * not parse, EFBIG when it is larger than XLU_CFG_MAX_FILE, or the errno
 * of the failed open or read.  After a failure, the settings before the
 * problem may have been added: such a cfg is only good for destroying.
 */
int xlu_cfg_readfile(XLU_Config *cfg, const char *real_filename);
int xlu_cfg_readdata(XLU_Config *cfg, const char *data, int length);

/*
 * As xlu_cfg_readdata, with messages (now and about these settings later)
 * naming source instead of the file: for settings that come from
 * elsewhere, such as xl's command line.
 */
int xlu_cfg_readdata_from(XLU_Config *cfg, const char *source, const char *data,
                          int length);

/* Single values: a string, or a number written as a string or digits. */
int xlu_cfg_get_string(const XLU_Config *cfg, const char *n,
                       const char **value_r, int dont_warn);
/* As xlu_cfg_get_string, into a copy: frees *value_r, then strdups. */
int xlu_cfg_replace_string(const XLU_Config *cfg, const char *n, char **value_r,
                           int dont_warn);
/* Decimal, 0x hex or 0 octal, with an optional sign in a string. */
int xlu_cfg_get_long(const XLU_Config *cfg, const char *n, long *value_r,
                     int dont_warn);
/* As xlu_cfg_get_long; a value outside [min, max] is EINVAL. */
int xlu_cfg_get_bounded_long(const XLU_Config *cfg, const char *n, long min,
                             long max, long *value_r, int dont_warn);

/* Lists: the list and its length (either pointer may be NULL). */
int xlu_cfg_get_list(const XLU_Config *cfg, const char *n,
                     XLU_ConfigList **list_r, int *entries_r, int dont_warn);
/*
 * The list as a new NULL-terminated array of copies, for the caller to
 * free; an item that is itself a list becomes NULL, as in Xen.
 */
int xlu_cfg_get_list_as_string_list(const XLU_Config *cfg, const char *n,
                                    xlu_string_list *list_r, int dont_warn);
void xlu_string_list_free(xlu_string_list *list);
/* Item entry of a list if it is a string, else NULL. */
const char *xlu_cfg_get_listitem(const XLU_ConfigList *list, int entry);
/* Item entry of a list, of either kind, or NULL past the end. */
XLU_ConfigValue *xlu_cfg_get_listitem2(const XLU_ConfigList *list, int entry);
enum XLU_ConfigValueType xlu_cfg_value_type(const XLU_ConfigValue *value);
int xlu_cfg_value_get_string(const XLU_Config *cfg, XLU_ConfigValue *value,
                             char **value_r, int dont_warn);
int xlu_cfg_value_get_list(const XLU_Config *cfg, XLU_ConfigValue *value,
                           XLU_ConfigList **value_r, int dont_warn);

/*
 * The settings in force (each key once, as last set), in the order they
 * were set: for checking every key a file holds.
 */
const XLU_ConfigSetting *xlu_cfg_first_setting(const XLU_Config *cfg);
const XLU_ConfigSetting *xlu_cfg_next_setting(const XLU_ConfigSetting *set);
const char *xlu_cfg_setting_name(const XLU_ConfigSetting *set);
/* The file (or xlu_cfg_readdata_from's source) and line it was set on. */
const char *xlu_cfg_setting_source(const XLU_ConfigSetting *set);
int xlu_cfg_setting_line(const XLU_ConfigSetting *set);

/*
 * Where key n was set: its source and line.  Returns ESRCH when it is
 * not set.  Either pointer may be NULL.
 */
int xlu_cfg_get_location(const XLU_Config *cfg, const char *n,
                         const char **source_r, int *line_r);

/*
 * Reports a problem on cfg's report stream as one line: "SOURCE:LINE: "
 * where key n was set, or "FILE: " (the file of xlu_cfg_init) when n is
 * NULL or not set, then the message and a newline.
 */
void xlu_cfg_report(const XLU_Config *cfg, const char *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * s made fit for a message into buf: control characters as \xHH, and cut
 * short with "..." to fit size bytes.  Returns buf.
 */
#define XLU_CFG_ESCAPE_SIZE 80
const char *xlu_cfg_escape(const char *s, char *buf, size_t size);

#endif /* LIBXLUTIL_H */
