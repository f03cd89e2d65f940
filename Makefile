# Top-level targets.  The two that matter to a person, as README says:
#   make run    build what is needed and boot the hypervisor with dom0 in QEMU
#   make check  host unit tests, then the emulated-host flight
XEN_ROOT := $(CURDIR)
include Config.mk

export XEN_ROOT CACHE_DIR BUILD_DIR

.PHONY: all xen deps assets dom0-tests initramfs run check unit-tests flight clean distclean

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

initramfs: assets dom0-tests
	@scripts/mkinitramfs \
	    --add $(BUILD_DIR)/tools/dom0-abi:/usr/lib/xen/tests/dom0-abi

run: xen initramfs
	@scripts/qemu-run --interactive --smp 2 --mem 2G \
	    --xen xen/xen --xen-args "dom0_mem=1024M dom0_max_vcpus=2 loglvl=all" \
	    --kernel $(CACHE_DIR)/debian/arm64/vmlinuz --kernel-args "console=hvc0" \
	    --initrd $(BUILD_DIR)/initramfs/dom0.cpio.gz

unit-tests: deps
	$(MAKE) -C tools/tests/xen run

# STEPS="..." picks flight steps; the default is every step.
flight: xen initramfs
	@tools/flight/flight $(STEPS)

check: deps
	@scripts/check

clean:
	$(MAKE) -C xen clean
	$(MAKE) -C tools/tests/xen clean
	$(MAKE) -C tools/tests/dom0-abi clean
	rm -rf $(BUILD_DIR)

distclean: clean
	rm -rf config/Tools.mk config.log config.status autom4te.cache
