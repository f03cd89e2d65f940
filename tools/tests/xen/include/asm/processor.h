/* Host-test stand-in for the arch's processor primitives. */
#ifndef HOST_ASM_PROCESSOR_H
#define HOST_ASM_PROCESSOR_H

static inline void cpu_relax(void) { }
static inline void cpu_wake_waiters(void) { }
static inline unsigned long local_irq_save(void) { return 0; }
static inline void local_irq_restore(unsigned long flags) { (void)flags; }
static inline void local_irq_disable(void) { }
static inline void local_irq_enable(void) { }

#endif
