#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The disk behind QEMU's megasas-gen2 (an emulated MegaRAID SAS 2108),
# whose driver maps its MFI commands with the dmavec mapper that
# coccinelle/scsi_dma_map_sgl.cocci generated (patch 0018): fio crc32c
# verify at 512 B..1 MiB with aligned and unaligned buffers, then mkfs.ext4
# and tree_check.
. /tests/lib.sh

dev=$(scsi_disks megaraid_sas 1) || fail "no disk behind megaraid_sas"
echo "DMAVEC-MEGASAS disk $dev"
for align in 0 120; do
	run_fio "megasas-randwrite-align$align" --filename="$dev" \
		--ioengine=libaio --iodepth=16 --rw=randwrite --size=8M \
		--bssplit=512/10:4k/30:64k/30:1m/30 --mem_align=$align ||
		fail "fio mem_align=$align"
done
mkfs.ext4 -q -F "$dev" || fail "mkfs.ext4 $dev"
tree_check "$dev"
