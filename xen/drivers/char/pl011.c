/* SPDX-License-Identifier: GPL-2.0-only */
/* ARM PrimeCell PL011 UART: polled output, interrupt-driven input. */
#include <xen/console.h>
#include <xen/dt_uart.h>
#include <xen/errno.h>
#include <xen/fdt.h>
#include <xen/init.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <asm/mm.h>

#define UARTDR      0x00
#define UARTFR      0x18
#define  FR_TXFF    (1u << 5)
#define  FR_RXFE    (1u << 4)
#define UARTIMSC    0x38
#define  INT_RX     (1u << 4)
#define  INT_RT     (1u << 6)
#define UARTICR     0x44

struct pl011 {
    volatile uint8_t *base;
    unsigned int irq;
};

static struct pl011 pl011_port;

static uint32_t pl011_read(const struct pl011 *p, unsigned int reg)
{
    return *(volatile uint32_t *)(p->base + reg);
}

static void pl011_write(const struct pl011 *p, unsigned int reg, uint32_t v)
{
    *(volatile uint32_t *)(p->base + reg) = v;
}

static void pl011_putc(void *priv, char c)
{
    struct pl011 *p = priv;

    while ( pl011_read(p, UARTFR) & FR_TXFF )
        ;
    pl011_write(p, UARTDR, (uint8_t)c);
}

static bool pl011_getc(void *priv, char *c)
{
    struct pl011 *p = priv;

    if ( pl011_read(p, UARTFR) & FR_RXFE )
        return false;
    *c = (char)pl011_read(p, UARTDR);
    return true;
}

static void pl011_interrupt(unsigned int irq, void *priv)
{
    struct pl011 *p = priv;
    char c;

    pl011_write(p, UARTICR, INT_RX | INT_RT);
    while ( pl011_getc(p, &c) )
        console_rx_char(c);
}

static const struct uart_ops pl011_ops = {
    .putc = pl011_putc,
    .getc = pl011_getc,
};

/* The UART is already set up by firmware (QEMU needs no baud rate). */
static int pl011_init(const void *fdt, int node)
{
    struct pl011 *p = &pl011_port;
    paddr_t addr, size;
    int rc;

    rc = fdt_get_reg(fdt, node, 0, &addr, &size);
    if ( rc )
        return rc;
    p->base = ioremap(addr, size ? size : 0x1000);
    if ( !p->base )
        return -ENOMEM;
    rc = dt_get_irq(fdt, node, 0, &p->irq);
    console_set_uart(&pl011_ops, p);
    if ( rc )
        printk(XENLOG_WARNING "pl011: no interrupt, console input disabled\n");
    return 0;
}

/* Input starts once interrupts can be taken. */
static int pl011_enable_rx(void)
{
    struct pl011 *p = &pl011_port;
    int rc;

    if ( !p->base || !p->irq )
        return 0;
    rc = request_irq(p->irq, pl011_interrupt, "uart", p);
    if ( rc )
        return rc;
    pl011_write(p, UARTIMSC, INT_RX | INT_RT);
    return 0;
}
__initcall(pl011_enable_rx);

DT_UART(pl011, "arm,pl011", pl011_init);
