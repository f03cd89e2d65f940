/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console: printk with log levels, a ring of everything
 * logged (read back by 'xl dmesg'), output to the UART once one is found,
 * and serial input shared between the hypervisor's debug keys and dom0
 * (Ctrl-A three times switches, as in Xen).
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

#define CONRING_SIZE    (64 * 1024)
#define RX_RING_SIZE    256
#define SWITCH_CODE     0x01    /* Ctrl-A */

static char conring[CONRING_SIZE];
static uint32_t conring_prod, conring_cons;     /* free-running */
static DEFINE_SPINLOCK(console_lock);

static const struct uart_ops *uart;
static void *uart_priv;

/* 0 errors only ... 3 everything; guest messages have their own level. */
static unsigned int loglvl = 2, guest_loglvl = 1;

static int parse_loglvl(const char *s, unsigned int *lvl)
{
    static const char *const names[] = { "error", "warning", "info", "all" };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(names); i++ ) {
        size_t n = strlen(names[i]);

        /* "info", or a range "info/all": the lower bound is what prints. */
        if ( !strncmp(s, names[i], n) && (s[n] == '\0' || s[n] == '/') ) {
            *lvl = i;
            return 0;
        }
    }
    if ( !strcmp(s, "none") ) {
        *lvl = 0;
        return 0;
    }
    return -EINVAL;
}

static int parse_xen_loglvl(const char *s) { return parse_loglvl(s, &loglvl); }
static int parse_guest_loglvl(const char *s)
{
    return parse_loglvl(s, &guest_loglvl);
}
custom_param("loglvl", parse_xen_loglvl);
custom_param("guest_loglvl", parse_guest_loglvl);

/* Accepted for compatibility: "dtuart" is the only console we have. */
static char opt_console[32] = "dtuart";
string_param("console", opt_console);

static void uart_write(const char *s, size_t len)
{
    size_t i;

    if ( !uart )
        return;
    for ( i = 0; i < len; i++ ) {
        if ( s[i] == '\n' )
            uart->putc(uart_priv, '\r');
        uart->putc(uart_priv, s[i]);
    }
}

static void conring_put(const char *s, size_t len)
{
    size_t i;

    for ( i = 0; i < len; i++ )
        conring[conring_prod++ % CONRING_SIZE] = s[i];
    if ( conring_prod - conring_cons > CONRING_SIZE )
        conring_cons = conring_prod - CONRING_SIZE;
}

void console_set_uart(const struct uart_ops *ops, void *priv)
{
    uint32_t i;
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    uart = ops;
    uart_priv = priv;
    for ( i = conring_cons; i != conring_prod; i++ )
        uart_write(&conring[i % CONRING_SIZE], 1);
    spin_unlock_irqrestore(&console_lock, flags);
}

static unsigned int message_level(const char **fmt)
{
    const char *f = *fmt;

    if ( f[0] == '<' && f[1] >= '0' && f[1] <= '3' && f[2] == '>' ) {
        *fmt = f + 3;
        return f[1] - '0';
    }
    return 2;   /* unmarked messages are informational */
}

void vprintk(const char *fmt, va_list args)
{
    static bool at_line_start = true;
    char buf[512];
    const char *p, *nl;
    unsigned long flags;
    int len;

    if ( message_level(&fmt) > loglvl )
        return;
    len = vsnprintf(buf, sizeof(buf), fmt, args);
    if ( len <= 0 )
        return;
    if ( (size_t)len >= sizeof(buf) )
        len = sizeof(buf) - 1;

    spin_lock_irqsave(&console_lock, flags);
    for ( p = buf; p < buf + len; p = nl ) {
        nl = memchr(p, '\n', buf + len - p);
        nl = nl ? nl + 1 : buf + len;
        if ( at_line_start ) {
            conring_put("(XEN) ", 6);
            uart_write("(XEN) ", 6);
        }
        conring_put(p, nl - p);
        uart_write(p, nl - p);
        at_line_start = nl[-1] == '\n';
    }
    spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void console_guest_write(const char *buf, size_t len)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    uart_write(buf, len);
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
}

size_t console_ring_read(char *buf, size_t len, uint32_t *idx, bool clear)
{
    size_t n = 0;
    uint32_t i;
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    i = *idx;
    if ( (int32_t)(i - conring_cons) < 0 )
        i = conring_cons;
    for ( ; i != conring_prod && n < len; i++ )
        buf[n++] = conring[i % CONRING_SIZE];
    *idx = i;
    if ( clear )
        conring_cons = conring_prod;
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

/* ---- input ---- */

static char rx_ring[RX_RING_SIZE];
static uint32_t rx_prod, rx_cons;
static bool input_to_dom0;
static unsigned int switch_presses;

struct keyhandler {
    keyhandler_fn fn;
    const char *desc;
};
static struct keyhandler key_table[128];

void register_keyhandler(unsigned char key, keyhandler_fn fn, const char *desc)
{
    if ( key < ARRAY_SIZE(key_table) ) {
        key_table[key].fn = fn;
        key_table[key].desc = desc;
    }
}

static void show_key_help(unsigned char key)
{
    unsigned int i;

    printk("'%c' pressed -> showing installed handlers\n", key);
    for ( i = 0; i < ARRAY_SIZE(key_table); i++ )
        if ( key_table[i].fn )
            printk(" key '%c' (ascii '%02x') => %s\n", i, i, key_table[i].desc);
}

static void announce_input_target(void)
{
    printk("*** Serial input to %s (type 'CTRL-a' three times to switch input)\n",
           input_to_dom0 ? "DOM0" : "Xen");
}

void console_switch_input_to_dom0(void)
{
    register_keyhandler('h', show_key_help, "show this message");
    input_to_dom0 = true;
    announce_input_target();
}

void console_handle_key(unsigned char key)
{
    if ( key < ARRAY_SIZE(key_table) && key_table[key].fn )
        key_table[key].fn(key);
}

void console_rx_char(char c)
{
    unsigned long flags;

    if ( c == SWITCH_CODE ) {
        if ( ++switch_presses == 3 ) {
            switch_presses = 0;
            input_to_dom0 = !input_to_dom0;
            announce_input_target();
        }
        return;
    }
    /* Fewer than three Ctrl-A were typed: they belong to the input. */
    spin_lock_irqsave(&console_lock, flags);
    for ( ; switch_presses; switch_presses-- )
        if ( input_to_dom0 && rx_prod - rx_cons < RX_RING_SIZE )
            rx_ring[rx_prod++ % RX_RING_SIZE] = SWITCH_CODE;
    spin_unlock_irqrestore(&console_lock, flags);

    if ( !input_to_dom0 ) {
        console_handle_key((unsigned char)c);
        return;
    }
    spin_lock_irqsave(&console_lock, flags);
    if ( rx_prod - rx_cons < RX_RING_SIZE )
        rx_ring[rx_prod++ % RX_RING_SIZE] = c;
    spin_unlock_irqrestore(&console_lock, flags);
    if ( hardware_domain )
        send_guest_global_virq(hardware_domain, VIRQ_CONSOLE);
}

size_t console_dom0_read(char *buf, size_t len)
{
    size_t n = 0;
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    while ( n < len && rx_cons != rx_prod )
        buf[n++] = rx_ring[rx_cons++ % RX_RING_SIZE];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}
