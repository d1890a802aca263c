# SPDX-License-Identifier: GPL-2.0
# Helpers for guest test scripts; sourced.

fail() { echo "FAIL: $*"; exit 1; }

# run_fio NAME FIO-ARGS...: fio with crc32c verify, one summary line.
# Prints "DMAVEC-FIO <name> err=<e> read_kib=<r> write_kib=<w>" and fails
# on any fio error, verify mismatch, or an I/O-less run.
run_fio() {
	name=$1
	shift
	out=$(fio --name="$name" --direct=1 --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --randrepeat=1 --output-format=terse \
		--terse-version=3 "$@" 2>/tmp/fio.err)
	rc=$?
	line=$(echo "$out" | grep '^3;' | tail -n 1)
	err=$(echo "$line" | cut -d';' -f5)
	rd=$(echo "$line" | cut -d';' -f6)
	wr=$(echo "$line" | cut -d';' -f47)
	echo "DMAVEC-FIO $name err=${err:-?} read_kib=${rd:-0} write_kib=${wr:-0} rc=$rc"
	if [ "$rc" -ne 0 ] || [ "$err" != 0 ] || [ "${rd:-0}" -eq 0 ]; then
		cat /tmp/fio.err
		return 1
	fi
}

# nvme_disk SERIAL: print /dev/nvmeXn1 of the controller with that serial.
# Controllers probe and scan namespaces asynchronously and their numbering
# follows probe order, so wait (up to 30 s) and match by serial, never by
# name.
nvme_disk() {
	i=0
	while [ "$i" -lt 300 ]; do
		for c in /sys/class/nvme/nvme*; do
			[ "$(cat "$c/serial" 2>/dev/null | tr -d ' ')" = "$1" ] || continue
			for ns in "$c"/nvme*n1; do
				[ -b "/dev/${ns##*/}" ] && echo "/dev/${ns##*/}" && return 0
			done
		done
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# nvme_mode prp|sgl: how nvme-pci describes I/O data from now on.
# sgl_threshold=0 turns SGLs off; 1 makes every I/O queue request use them
# where the controller has them.
nvme_mode() {
	case $1 in
	prp) echo 0 > /sys/module/nvme/parameters/sgl_threshold ;;
	sgl) echo 1 > /sys/module/nvme/parameters/sgl_threshold ;;
	esac
}

# The QEMU log must show that a device did EVENT (with TEXT in its
# arguments) at least once in this boot; or never.
expect_device() { echo "DMAVEC-EXPECT-DEVICE $*"; }
forbid_device() { echo "DMAVEC-FORBID-DEVICE $*"; }

# The IOMMU profile of this boot (strict, lazy, pt, swiotlb, off).
profile() { sed -n 's/.*dmavec_kunit\.profile=\([a-z]*\).*/\1/p' /proc/cmdline; }
