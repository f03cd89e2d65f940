# Shared by the Makefiles of tools/: include after setting XEN_ROOT.
#
# TOOLS_TARGET picks what a tool is built for:
#   host (default)  this machine: `make host-tools`, and the host tests
#                   under tools/tests/ run these builds
#   dom0            static arm64 binaries for dom0's initramfs
# Outputs go under $(TOOLS_OUT): bin/, sbin/, lib/ (libraries, .pc files),
# obj/<dir>/ (objects).  Headers stay in the source tree.
include $(XEN_ROOT)/Config.mk

TOOLS_TARGET ?= host
ifeq ($(TOOLS_TARGET),host)
TOOLS_CC      := $(HOSTCC)
TOOLS_AR      := ar
TOOLS_OUT     := $(BUILD_DIR)/host
TOOLS_LDFLAGS :=
else ifeq ($(TOOLS_TARGET),dom0)
TOOLS_CC      := $(CROSS_COMPILE)gcc
TOOLS_AR      := $(CROSS_COMPILE)ar
TOOLS_OUT     := $(BUILD_DIR)/dom0
TOOLS_LDFLAGS := -static
else
$(error TOOLS_TARGET must be host or dom0, not $(TOOLS_TARGET))
endif

TOOLS_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-D_GNU_SOURCE -I$(XEN_ROOT)/tools/include
# The guest ABI headers describe arm64 (xen/include/public/xen.h); host
# builds of the tools, which only run against host tests, take its
# constants as they are.
ifeq ($(TOOLS_TARGET),host)
TOOLS_CFLAGS += -DXEN_HOST_TEST
endif
# libfdt and zlib, for the domain builder (libxenguest) and what links it:
# the host's, or for dom0 the arm64 ones scripts/fetch-sysroot caches.
ifeq ($(TOOLS_TARGET),dom0)
TOOLS_SYSROOT := $(CACHE_DIR)/debian/arm64/sysroot
TOOLS_CFLAGS  += -idirafter $(TOOLS_SYSROOT)/usr/include
TOOLS_GUEST_LDLIBS := -L$(TOOLS_SYSROOT)/usr/lib/aarch64-linux-gnu -lfdt -lz
else
TOOLS_GUEST_LDLIBS := -lfdt -lz
endif

TOOLS_BIN  := $(TOOLS_OUT)/bin
TOOLS_SBIN := $(TOOLS_OUT)/sbin
TOOLS_LIB  := $(TOOLS_OUT)/lib
