#!/bin/sh
# flight=guest-bad-config: dom0-side part of
# tools/flight/steps/guest-bad-config.sh.  Each broken config makes
# xl create say one sentence naming the file, the line and the problem,
# and exit 1; no domain, xenstore node or memory is left behind.
# shellcheck source=SCRIPTDIR/../initramfs/flight-lib.sh
. /lib/flight/lib.sh

start_toolstack || check_done
_free0=$(free_mib)

write_cfg() { # <file> <line>...: guest1's config with those lines added
	_f=$1
	shift
	{
		echo 'name = "bad"'
		echo 'memory = 128'
		echo 'kernel = "/var/lib/xen/guest/Image"'
		for _l in "$@"; do echo "$_l"; done
	} >"$_f"
}

bad_config() { # <check> <file> <regex the message must match>
	_out=$(xl create "$2" 2>&1)
	_rc=$?
	_lines=$(echo "$_out" | grep -vc '^Parsing config from ')
	if [ $_rc -ne 1 ]; then
		check_fail "$1" "exit status $_rc, not 1: $_out"
	elif ! echo "$_out" | grep -qE "$3"; then
		check_fail "$1" "message does not match '$3': $_out"
	elif [ "$_lines" -ne 1 ]; then
		check_fail "$1" "not one sentence: $_out"
	else
		check_ok "$1" "$(echo "$_out" | grep -v '^Parsing config from ')"
	fi
	if [ "$(xl list | wc -l)" -ne 2 ]; then
		check_fail "$1-nothing-left" "xl list: $(xl list | tr '\n' '|')"
	elif xenstore-ls -f /local/domain | grep -qv '^/local/domain/0[ /]'; then
		check_fail "$1-nothing-left" "xenstore: $(xenstore-ls -f /local/domain | grep -v '^/local/domain/0[ /]' | tr '\n' '|')"
	fi
}

write_cfg /etc/xen/no-kernel.cfg 'kernel = "/var/lib/xen/guest/no-such-Image"'
bad_config missing-kernel /etc/xen/no-kernel.cfg 'no-kernel\.cfg:4: .*no-such-Image'
write_cfg /etc/xen/too-big.cfg 'memory = 1000000'
bad_config memory-too-big /etc/xen/too-big.cfg 'too-big\.cfg:4: .*memory'
write_cfg /etc/xen/unknown-key.cfg 'colour = "blue"'
bad_config unknown-key /etc/xen/unknown-key.cfg "unknown-key\\.cfg:4: unknown key 'colour'"
write_cfg /etc/xen/syntax.cfg 'vcpus = = 2'
bad_config syntax-error /etc/xen/syntax.cfg 'syntax\.cfg:4: '
write_cfg /etc/xen/unterminated.cfg 'extra = "console=hvc0'
bad_config unterminated-string /etc/xen/unterminated.cfg 'unterminated\.cfg:4: '
bad_config no-such-file /etc/xen/absent.cfg 'absent\.cfg'
# Found only once the domain exists: the builder's error, and no domain.
write_cfg /etc/xen/not-an-image.cfg 'kernel = "/etc/xen/guest1.cfg"'
bad_config not-an-image /etc/xen/not-an-image.cfg 'building domain bad: not an arm64 '

# xl dmesg reads the hypervisor's log; -c empties it.
if xl dmesg | grep -q 'Dom0: [0-9]* vCPUs'; then
	check_ok xl-dmesg "the hypervisor's boot log is there"
else
	check_fail xl-dmesg "no 'Dom0: N vCPUs' line in xl dmesg"
fi
if xl dmesg -c | grep -q 'Dom0: [0-9]* vCPUs' && ! xl dmesg | grep -q 'Dom0: [0-9]* vCPUs'; then
	check_ok xl-dmesg-clear "the log is empty after xl dmesg -c"
else
	check_fail xl-dmesg-clear "xl dmesg -c did not clear the log"
fi

_free1=$(free_mib)
if [ -n "$_free0" ] && [ "$_free1" = "$_free0" ]; then
	check_ok memory-unchanged "free memory $_free1 MiB"
else
	check_fail memory-unchanged "free memory $_free0 MiB before, $_free1 MiB after"
fi
check_done
