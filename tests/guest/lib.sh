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

# tree_check DEV: a file system on DEV (made by the caller) mounted, a tree
# of files of random sizes and their copies written, their checksums taken;
# unmounted (which writes everything back and drops the cached pages),
# mounted again, and every checksum compared.
tree_check() {
	mount -t ext4 "$1" /mnt || fail "mount $1"
	n=0
	for d in a b c d; do
		mkdir -p "/mnt/$d/sub"
		for f in 1 2 3 4 5 6 7 8 9 10; do
			kib=$(( ($(od -An -N2 -tu2 /dev/urandom) % 1024) + 1 ))
			dd if=/dev/urandom of="/mnt/$d/f$f" bs=1k count=$kib 2>/dev/null ||
				fail "write /mnt/$d/f$f"
			cp "/mnt/$d/f$f" "/mnt/$d/sub/g$f" || fail "copy /mnt/$d/f$f"
			n=$((n + 2))
		done
	done
	(cd /mnt && find . -type f | sort | xargs sha256sum) > /tmp/sums
	sync
	umount /mnt || fail "umount"
	echo 3 > /proc/sys/vm/drop_caches
	mount -t ext4 "$1" /mnt || fail "mount again"
	(cd /mnt && sha256sum -c /tmp/sums) > /tmp/check 2>&1
	bad=$(grep -vc ': OK$' /tmp/check)
	umount /mnt
	echo "DMAVEC-EXT4 $1 files $n mismatches $bad"
	[ "$(grep -c ': OK$' /tmp/check)" -eq "$n" ] && [ "$bad" -eq 0 ] ||
		fail "checksums differ after remount"
}

# scsi_disks PROC_NAME N: print the N disks behind the SCSI host whose
# driver is PROC_NAME, /dev/sdX in LUN order, once all have appeared (up
# to 30 s). Hosts scan their targets asynchronously.
scsi_disks() {
	i=0
	while [ "$i" -lt 300 ]; do
		disks=$(for h in /sys/class/scsi_host/host*; do
			[ "$(cat "$h/proc_name" 2>/dev/null)" = "$1" ] || continue
			for b in "$h"/device/target*/*:*:*:*/block/*; do
				[ -b "/dev/${b##*/}" ] || continue
				lun=${b%/block/*}
				echo "${lun##*:} /dev/${b##*/}"
			done
		done | sort -n | cut -d' ' -f2)
		[ "$(echo "$disks" | grep -c .)" -eq "$2" ] && echo $disks && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# hba_load [PARAM=VALUE...]: load example_hba and print its disks,
# /dev/sdX per logical unit in LUN order. The HBA binds to the edu device
# at 00:11.0 (the KUnit suites hold the one at 00:10.0).
hba_load() {
	modprobe example_hba "$@" || fail "modprobe example_hba $*"
	want=$(cat /sys/module/example_hba/parameters/luns)
	scsi_disks example_hba "$want" || fail "example_hba: $want disks did not appear"
}

# hba_host: the sysfs folder of the example HBA's SCSI host.
hba_host() {
	for h in /sys/class/scsi_host/host*; do
		[ "$(cat "$h/proc_name")" = example_hba ] && echo "$h" && return 0
	done
	fail "no example_hba host"
}

# hba_stat NAME: one counter of the HBA (see example_hba's stats attribute).
hba_stat() {
	h=$(hba_host) || fail "no example_hba host"
	sed -n "s/^$1 //p" "$h/stats"
}

# hba_stats: the HBA's counters on one console line, for the log.
hba_stats() {
	h=$(hba_host) || fail "no example_hba host"
	echo "DMAVEC-HBA-STATS $(tr '\n' ' ' < "$h/stats")"
}

# hba_unload: unload example_hba; its disks must be gone.
hba_unload() {
	rmmod example_hba || fail "rmmod example_hba"
	! grep -qs "EXAMPLE HBA DISK" /sys/bus/scsi/devices/*/model ||
		fail "example_hba disks left after rmmod"
}

# hba_disk_fio PROC_NAME LABEL: the one disk behind the SCSI host driven by
# PROC_NAME: fio crc32c verify at 512 B..1 MiB with aligned and unaligned
# buffers, then mkfs.ext4 and tree_check.
hba_disk_fio() {
	dev=$(scsi_disks "$1" 1) || fail "no disk behind $1"
	echo "DMAVEC-$2 disk $dev"
	for align in 0 120; do
		run_fio "$2-randwrite-align$align" --filename="$dev" \
			--ioengine=libaio --iodepth=16 --rw=randwrite --size=8M \
			--bssplit=512/10:4k/30:64k/30:1m/30 --mem_align=$align ||
			fail "fio mem_align=$align"
	done
	mkfs.ext4 -q -F "$dev" || fail "mkfs.ext4 $dev"
	tree_check "$dev"
}
