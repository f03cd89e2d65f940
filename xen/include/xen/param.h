/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor command-line parameters, Xen style.  Each option is declared in
 * the file that owns the variable it sets:
 *
 *   static bool opt_noreboot;
 *   boolean_param("noreboot", opt_noreboot);
 *
 *   boolean_param(name, var)   bool; accepts "name", "no-name" and
 *                              "name=<b>" where <b> is one of 1/0, yes/no,
 *                              on/off, true/false, enable/disable.
 *                              "no-name=<b>" sets the inverse of <b>.
 *   integer_param(name, var)   unsigned integer of any width, base 0 syntax
 *                              (decimal, 0x hex, 0 octal); a value that
 *                              doesn't fit the variable is rejected (for
 *                              a 64-bit variable, one beyond 64 bits reads
 *                              as the maximum).
 *   size_param(name, var)      unsigned integer, a size in bytes parsed by
 *                              parse_size_and_unit() (no suffix means KiB).
 *   string_param(name, var)    char array; the value is copied with
 *                              strlcpy (truncated with a warning if too
 *                              long).  "name" alone sets the empty string.
 *   custom_param(name, fn)     int fn(const char *val), returning 0 or
 *                              -errno.  val is "" for a bare "name", and the
 *                              token itself for a bare "no-name" (so a
 *                              custom option can be a boolean too: hand
 *                              val to parse_boolean(), which also copes
 *                              with "no_name").  val points into a
 *                              temporary buffer: copy what must outlive
 *                              the call.
 *
 * Option names compare equal when they differ only in '-' versus '_'.  The
 * same name may be declared in several places: every declaration of it is
 * applied.  Malformed values warn and leave the variable alone; unknown
 * options warn once; nothing is ever fatal.
 *
 * The macros place a struct kernel_param in the section "xen_params"; the
 * linker script collects it between __start_xen_params and
 * __stop_xen_params (ld also defines those by itself for an orphan section
 * whose name is a C identifier, which the host unit tests rely on).
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/compiler.h>
#include <xen/types.h>

enum param_type {
    PARAM_BOOL,
    PARAM_UINT,
    PARAM_SIZE,
    PARAM_STRING,
    PARAM_CUSTOM,
};

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int size;              /* sizeof the variable; 0 for custom */
    union {
        void *var;
        int (*func)(const char *val);
    } par;
};

/*
 * The explicit alignment stops the compiler from over-aligning large
 * objects (as x86-64 does at -O2), which would leave holes in the array
 * the section forms.
 */
#define __param_paste2(a, b)    a##b
#define __param_paste(a, b)     __param_paste2(a, b)
#define __param_define(id_, name_, type_, size_, init_)                      \
    static const struct kernel_param                                         \
        __param_paste(__xen_param_##id_##_, __LINE__)                        \
        __used __section("xen_params")                                       \
        __aligned(__alignof__(struct kernel_param)) = {                      \
            .name = (name_), .type = (type_), .size = (size_), init_ }

#define __param_is_unsigned(var_)                                            \
    (!__builtin_types_compatible_p(__typeof__(var_), bool) &&                \
     (__typeof__(var_))-1 > 0)

#define boolean_param(name_, var_)                                           \
    _Static_assert(__builtin_types_compatible_p(__typeof__(var_), bool),     \
                   "boolean_param " name_ ": variable must be bool");        \
    __param_define(var_, name_, PARAM_BOOL, sizeof(var_), .par.var = &(var_))

#define integer_param(name_, var_)                                           \
    _Static_assert(__param_is_unsigned(var_),                                \
                   "integer_param " name_ ": variable must be unsigned");    \
    __param_define(var_, name_, PARAM_UINT, sizeof(var_), .par.var = &(var_))

#define size_param(name_, var_)                                              \
    _Static_assert(__param_is_unsigned(var_),                                \
                   "size_param " name_ ": variable must be unsigned");       \
    __param_define(var_, name_, PARAM_SIZE, sizeof(var_), .par.var = &(var_))

#define string_param(name_, var_)                                            \
    _Static_assert(sizeof((var_)[0]) == 1 &&                                 \
                   !__builtin_types_compatible_p(__typeof__(var_),           \
                                                 __typeof__(&(var_)[0])),    \
                   "string_param " name_ ": variable must be a char array"); \
    __param_define(var_, name_, PARAM_STRING, sizeof(var_), .par.var = (var_))

#define custom_param(name_, fn_)                                             \
    __param_define(fn_, name_, PARAM_CUSTOM, 0, .par.func = (fn_))

/*
 * Parses the hypervisor command line: whitespace-separated "name[=value]"
 * tokens of at most 255 characters (longer ones are refused whole, with a
 * warning), no quoting.  Options apply in order, so the last of repeated
 * ones wins.  Also keeps a copy for saved_cmdline().  cmdline may be NULL.
 */
void cmdline_parse(const char *cmdline);

/*
 * The command line last given to cmdline_parse(), at most 1023 characters
 * (for XENVER_commandline); when longer, it is cut before the first option
 * that doesn't fit whole.
 */
const char *saved_cmdline(void);

/*
 * For custom parameters with boolean sub-options.  parse_bool() reads
 * [s, e) (e NULL: to the end of s) as a boolean word: 1 true, 0 false, -1
 * neither.  parse_boolean() reads "[no-]name[=<bool>]" from [s, e) and
 * returns 1 or 0, or -1 if it isn't name or the value is bad.
 */
int parse_bool(const char *s, const char *e);
int parse_boolean(const char *name, const char *s, const char *e);

#endif /* XEN_PARAM_H */
