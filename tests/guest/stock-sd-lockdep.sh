#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Not part of make check: reproduces a lockdep report of stock 6.12 that
# the example HBA's tests step around (doc/notes/issue-6.md). Buffered
# writes to an NVMe namespace go through the writeback workers; removing a
# SCSI disk afterwards makes lockdep report a circular dependency between
# the writeback work, q->limits_lock and the disk's q_usage_counter. Boot
# with any SCSI disk, e.g. on the stock kernel:
#   scripts/qemu-run.py --kernel build/obj-stock-debug/arch/x86/boot/bzImage \
#     --tests stock-sd-lockdep --qemu-arg=-device --qemu-arg=megasas-gen2,id=hba \
#     --qemu-arg=-drive --qemu-arg=file=sd.img,if=none,id=sd0,format=raw \
#     --qemu-arg=-device --qemu-arg=scsi-hd,drive=sd0,bus=hba.0
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
mkfs.ext4 -q -F "$dev" || fail "mkfs.ext4 $dev"
mount -t ext4 "$dev" /mnt || fail "mount $dev"
dd if=/dev/urandom of=/mnt/f bs=1M count=8 2>/dev/null || fail "write"
sync
umount /mnt
n=0
for d in /sys/class/scsi_disk/*; do
	[ -e "$d/device/delete" ] || continue
	echo 1 > "$d/device/delete" && n=$((n + 1))
done
echo "DMAVEC-SD-REMOVED $n"
[ "$n" -gt 0 ] || fail "no SCSI disk to remove"
