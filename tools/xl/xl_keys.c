/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The keys of xl.cfg: those this toolstack handles, and those Xen's xl
 * knows (xl.cfg(5) of Xen 4.17 documents them, or xl_parse.c reads them)
 * that it does not handle yet, so that a file written for Xen gets a
 * message saying so rather than "unknown key".
 */
#include <stdlib.h>
#include <string.h>

#include "xl_keys.h"

/* Each list sorted, for bsearch. */
static const char *const supported_keys[] = {
    "cmdline", "extra", "kernel",   "maxmem",      "maxvcpus",
    "memory",  "name",  "on_crash", "on_poweroff", "on_reboot",
    "ramdisk", "root",  "type",     "vcpus",
};

static const char *const not_yet_keys[] = {
    "acpi",
    "acpi_firmware",
    "acpi_laptop_slate",
    "acpi_s3",
    "acpi_s4",
    "altp2m",
    "altp2mhvm",
    "apic",
    "bios",
    "bios_path_override",
    "boot",
    "bootloader",
    "bootloader_args",
    "builder",
    "cap",
    "channel",
    "cpu_weight",
    "cpuid",
    "cpus",
    "cpus_soft",
    "device_model",
    "device_model_args",
    "device_model_args_hvm",
    "device_model_args_pv",
    "device_model_override",
    "device_model_stubdomain_override",
    "device_model_stubdomain_seclabel",
    "device_model_user",
    "device_model_version",
    "device_tree",
    "disk",
    "display",
    "dm_restrict",
    "driver_domain",
    "dtdev",
    "e820_host",
    "extratime",
    "firmware",
    "firmware_override",
    "gfx_passthru",
    "gic_version",
    "hap",
    "hdtype",
    "hpet",
    "init_seclabel",
    "iomem",
    "ioports",
    "irqs",
    "keymap",
    "latency",
    "localtime",
    "max_event_channels",
    "max_grant_frames",
    "max_grant_version",
    "max_maptrack_frames",
    "mca_caps",
    "mmio_hole",
    "ms_vm_genid",
    "msr_relaxed",
    "nestedhvm",
    "nographic",
    "nomigrate",
    "nx",
    "on_soft_reset",
    "on_watchdog",
    "oos",
    "opengl",
    "p9",
    "pae",
    "passthrough",
    "pci",
    "pci_msitranslate",
    "pci_permissive",
    "pci_power_mgmt",
    "pci_seize",
    "period",
    "pool",
    "pvcalls",
    "pvshim",
    "pvshim_cmdline",
    "pvshim_extra",
    "pvshim_path",
    "rdm",
    "rdm_mem_boundary",
    "rtc_timeoffset",
    "sdl",
    "seclabel",
    "serial",
    "shadow_memory",
    "slice",
    "smbios_firmware",
    "soundhw",
    "spice",
    "spice_clipboard_sharing",
    "spice_image_compression",
    "spice_streaming_video",
    "spiceagent_mouse",
    "spicedisable_ticketing",
    "spicehost",
    "spicepasswd",
    "spiceport",
    "spicetls_port",
    "spiceusbredirection",
    "spicevdagent",
    "stdvga",
    "stubdomain_cmdline",
    "stubdomain_kernel",
    "stubdomain_memory",
    "stubdomain_ramdisk",
    "tee",
    "timer_mode",
    "tsc_mode",
    "usb",
    "usbctrl",
    "usbdev",
    "usbdevice",
    "usbversion",
    "uuid",
    "vdispl",
    "vendor_device",
    "vfb",
    "vga",
    "videoram",
    "vif",
    "vif2",
    "viridian",
    "vkb",
    "vkb_device",
    "vmtrace_buf_kb",
    "vnc",
    "vncdisplay",
    "vnclisten",
    "vncpasswd",
    "vncunused",
    "vncviewer",
    "vnuma",
    "vpmu",
    "vpt_align",
    "vsnd",
    "vtpm",
    "vuart",
    "xauthority",
    "xen_platform_pci",
    "xend_suspend_evtchn_compat",
};

static int compare_key(const void *key, const void *entry)
{
    return strcmp(key, *(const char *const *)entry);
}

static bool in(const char *name, const char *const *keys, size_t n)
{
    return bsearch(name, keys, n, sizeof(*keys), compare_key) != NULL;
}

const char *const *xl_keys_not_yet(size_t *n)
{
    *n = sizeof(not_yet_keys) / sizeof(not_yet_keys[0]);
    return not_yet_keys;
}

enum xl_key_kind xl_key_kind(const char *name)
{
    if ( in(name, supported_keys,
            sizeof(supported_keys) / sizeof(supported_keys[0])) )
        return XL_KEY_SUPPORTED;
    if ( in(name, not_yet_keys,
            sizeof(not_yet_keys) / sizeof(not_yet_keys[0])) )
        return XL_KEY_NOT_YET;
    return XL_KEY_UNKNOWN;
}
