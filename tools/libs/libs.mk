# A static library from the *.c of the including folder, its public
# headers in include/: set LIB_NAME (e.g. xenevtchn for libxenevtchn.a)
# and XEN_ROOT (and EXTRA_CFLAGS for other libraries' headers), then
# include this.
include $(XEN_ROOT)/tools/Rules.mk

OBJDIR := $(TOOLS_OUT)/obj/libs/$(notdir $(CURDIR))
LIB    := $(TOOLS_LIB)/lib$(LIB_NAME).a
OBJS   := $(patsubst %.c,$(OBJDIR)/%.o,$(wildcard *.c))
CFLAGS := $(TOOLS_CFLAGS) -Iinclude $(EXTRA_CFLAGS) -MMD -MP

.PHONY: all clean
all: $(LIB)

$(LIB): $(OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(TOOLS_AR) rcs $@ $^

$(OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(TOOLS_CC) $(CFLAGS) -c -o $@ $<

clean:
	rm -rf $(OBJDIR) $(LIB)

-include $(OBJS:.o=.d)
