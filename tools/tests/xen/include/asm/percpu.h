/* Host-test stand-in: one CPU, whose per-CPU variables are the templates. */
#ifndef HOST_ASM_PERCPU_H
#define HOST_ASM_PERCPU_H

/* xen/percpu.h sizes __per_cpu_offset[] with it (asm/config.h on Arm). */
#ifndef NR_CPUS
#define NR_CPUS 1
#endif

static inline unsigned long get_per_cpu_offset(void)
{
    return 0;
}

#endif
