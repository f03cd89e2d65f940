/* Host-test stand-in: no arch state in struct domain / struct vcpu. */
#ifndef HOST_ASM_DOMAIN_H
#define HOST_ASM_DOMAIN_H

struct arch_domain {};
struct arch_vcpu {};

#endif
