# Build variables shared by every Makefile of the tree.  Variables only: the
# logic lives in the Makefiles that include this.

# What ./configure found, if it was run (optional: defaults follow).
-include $(XEN_ROOT)/config/Tools.mk

XEN_TARGET_ARCH ?= arm64
ifeq ($(XEN_TARGET_ARCH),arm64)
CROSS_COMPILE   ?= aarch64-linux-gnu-
QEMU_SYSTEM     ?= qemu-system-aarch64
DEBIAN_ARCH     ?= arm64
endif

CC       := $(CROSS_COMPILE)gcc
LD       := $(CROSS_COMPILE)ld
OBJCOPY  := $(CROSS_COMPILE)objcopy
NM       := $(CROSS_COMPILE)nm
HOSTCC   ?= gcc
PYTHON   ?= python3

# Where downloads (Debian packages) and build outputs go; both are ignored.
CACHE_DIR ?= $(XEN_ROOT)/.cache
BUILD_DIR ?= $(XEN_ROOT)/build

# Set debug=n for a release build (assertions off).
debug ?= y
