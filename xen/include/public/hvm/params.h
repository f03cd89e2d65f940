/* SPDX-License-Identifier: MIT */
/* Guest ABI: HVM parameters (the ones Arm guests use). */
#ifndef __XEN_PUBLIC_HVM_PARAMS_H__
#define __XEN_PUBLIC_HVM_PARAMS_H__

#define HVM_PARAM_CALLBACK_IRQ      0
#define HVM_PARAM_CALLBACK_TYPE_PPI         2
#define HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT   56
#define HVM_PARAM_CALLBACK_TYPE_PPI_FLAG_LOW_LEVEL (2u << 8)
#define HVM_PARAM_STORE_PFN         1
#define HVM_PARAM_STORE_EVTCHN      2
#define HVM_PARAM_CONSOLE_PFN       17
#define HVM_PARAM_CONSOLE_EVTCHN    18
#define HVM_PARAM_MONITOR_RING_PFN  28
#define HVM_NR_PARAMS               40

#endif
