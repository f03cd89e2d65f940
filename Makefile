# Top-level targets.  The two that matter to a person, as README says:
#   make run    build what is needed and boot the hypervisor with dom0 in QEMU
#   make check  host unit tests, then the emulated-host flight
XEN_ROOT := $(CURDIR)
include Config.mk

export XEN_ROOT CACHE_DIR BUILD_DIR

.PHONY: all xen deps assets dom0-tests host-tools dom0-tools initramfs run check \
	unit-tests flight clean distclean guest-assets sysroot

all: xen

deps:
	@scripts/deps

xen: deps
	$(MAKE) -C xen

# Debian's arm64 kernel and busybox, fetched once into the ignored cache.
assets: deps
	@scripts/fetch-debian

# Programs the flight runs inside dom0 (static arm64 binaries).
dom0-tests: deps
	$(MAKE) -C tools/tests/dom0-abi
	$(MAKE) -C tools/tests/xenstore TOOLS_TARGET=dom0

# The toolstack: for this machine (the host tests use these builds), and
# as static arm64 binaries for dom0's initramfs.  Outputs: $(BUILD_DIR)/host
# and $(BUILD_DIR)/dom0 (bin/, sbin/, lib/).
TOOLS_DIRS := tools/libs/call tools/libs/evtchn tools/libs/gnttab \
	tools/libs/foreignmemory tools/libs/ctrl tools/libs/store \
	tools/libs/util tools/libs/guest tools/xenstored tools/xenstore \
	tools/console tools/xl

host-tools:
	@set -e; for d in $(TOOLS_DIRS); do $(MAKE) -C $$d; done

# libfdt and zlib for arm64, which dom0's xl links (the domain builder).
sysroot: deps
	@scripts/fetch-sysroot

dom0-tools: deps sysroot
	@set -e; for d in $(TOOLS_DIRS); do $(MAKE) -C $$d TOOLS_TARGET=dom0; done

# Recipes expand when they run, so the wildcard sees what dom0-tools built.
# /usr/bin, /usr/sbin and /sbin are links to /bin in the initramfs.
initramfs: assets dom0-tests dom0-tools
	@scripts/mkinitramfs \
	    --add $(BUILD_DIR)/tools/dom0-abi:/usr/lib/xen/tests/dom0-abi \
	    --add $(BUILD_DIR)/dom0/bin/xs-bench:/usr/lib/xen/tests/xs-bench \
	    --add $(BUILD_DIR)/dom0/sbin/xenstored:/bin/xenstored \
	    --add $(BUILD_DIR)/dom0/sbin/xenconsoled:/bin/xenconsoled \
	    --add $(BUILD_DIR)/dom0/bin/xenconsole:/usr/lib/xen/bin/xenconsole \
	    --add $(BUILD_DIR)/dom0/sbin/xl:/bin/xl \
	    $(foreach f,$(wildcard $(BUILD_DIR)/dom0/bin/xenstore*), \
	        --add $(f):/bin/$(notdir $(f)))

# What the guests' flight steps add to dom0's initramfs: Debian's kernel
# (raw, and gzip-compressed), a guest initramfs (the same /init, which
# says GUEST-USERSPACE-READY in a domU, and dom0-abi for --isolation) and
# the configs of tools/flight/guests/ as /etc/xen/.  Appended uncompressed
# to dom0.cpio.gz as dom0-guests.cpio: the kernel unpacks both.
GUEST_OUT := $(BUILD_DIR)/initramfs
guest-assets: initramfs
	@scripts/mkinitramfs --output $(GUEST_OUT)/guest.cpio.gz \
	    --add $(BUILD_DIR)/tools/dom0-abi:/usr/lib/xen/tests/dom0-abi
	@[ $(GUEST_OUT)/vmlinuz.gz -nt $(CACHE_DIR)/debian/arm64/Image ] || \
	    gzip -6 -n -c $(CACHE_DIR)/debian/arm64/Image >$(GUEST_OUT)/vmlinuz.gz
	@scripts/mkinitramfs --only-added --output $(GUEST_OUT)/guest-assets.cpio \
	    --add $(CACHE_DIR)/debian/arm64/Image:/var/lib/xen/guest/Image \
	    --add $(GUEST_OUT)/vmlinuz.gz:/var/lib/xen/guest/vmlinuz.gz \
	    --add $(GUEST_OUT)/guest.cpio.gz:/var/lib/xen/guest/initrd.gz \
	    --add tools/flight/guests:/etc/xen
	@# An uncompressed archive must start 4-byte aligned; zeros between
	@# archives are skipped.
	@{ cat $(GUEST_OUT)/dom0.cpio.gz; \
	   head -c $$(( (4 - $$(stat -c %s $(GUEST_OUT)/dom0.cpio.gz) % 4) % 4 )) /dev/zero; \
	   cat $(GUEST_OUT)/guest-assets.cpio; } >$(GUEST_OUT)/dom0-guests.cpio

# dom0 comes up with xenstored and xenconsoled running and the guests'
# assets in place: `xl create -c /etc/xen/guest1.cfg` starts a guest.
run: xen initramfs guest-assets
	@scripts/qemu-run --interactive --smp 2 --mem 2G \
	    --xen xen/xen --xen-args "dom0_mem=1024M dom0_max_vcpus=2 loglvl=all" \
	    --kernel $(CACHE_DIR)/debian/arm64/vmlinuz --kernel-args "console=hvc0" \
	    --initrd $(BUILD_DIR)/initramfs/dom0-guests.cpio

# Host tests: hypervisor code, xenstored, libxenstore and the commands,
# xenconsoled and xenconsole, xl's config parser and list output, the
# domain builder's kernel reader, memory layout and device tree.
UNIT_TEST_DIRS := tools/tests/xen tools/tests/xenstored tools/tests/xenstore \
	tools/tests/console tools/tests/xl tools/tests/guest

unit-tests: deps
	@set -e; for d in $(UNIT_TEST_DIRS); do $(MAKE) -s -C $$d run; done

# STEPS="..." picks flight steps; the default is every step.
flight: xen initramfs guest-assets
	@tools/flight/flight $(STEPS)

check: deps
	@scripts/check

clean:
	$(MAKE) -C xen clean
	$(MAKE) -C tools/tests/xen clean
	$(MAKE) -C tools/tests/dom0-abi clean
	$(MAKE) -C tools/tests/xl clean
	rm -rf $(BUILD_DIR)

distclean: clean
	rm -rf config/Tools.mk config.log config.status autom4te.cache
