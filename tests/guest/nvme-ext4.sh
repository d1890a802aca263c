#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A file system on the NVMe disk: mkfs.ext4 (which first discards the whole
# disk: Dataset Management commands, whose range list nvme-pci maps from
# the request's special payload), a tree of files of random sizes, their
# checksums; unmount (which writes everything back and drops the cached
# pages), mount again, and compare every checksum.
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
expect_device pci_nvme_dsm_deallocate
mkfs.ext4 -q -F -E discard "$dev" || fail "mkfs.ext4 $dev"
mount -t ext4 "$dev" /mnt || fail "mount $dev"
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
mount -t ext4 "$dev" /mnt || fail "mount again"
(cd /mnt && sha256sum -c /tmp/sums) > /tmp/check 2>&1
bad=$(grep -vc ': OK$' /tmp/check)
umount /mnt
echo "DMAVEC-EXT4 files $n mismatches $bad"
[ "$(grep -c ': OK$' /tmp/check)" -eq "$n" ] && [ "$bad" -eq 0 ] ||
	fail "checksums differ after remount"
