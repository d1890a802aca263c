#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fio with crc32c verify on the emulated NVMe disk, O_DIRECT, block sizes
# 512 B..128 KiB, page-aligned and unaligned (mem_align=120) user buffers.
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
for align in 0 120; do
	run_fio "nvme-randwrite-align$align" --filename="$dev" \
		--ioengine=libaio --iodepth=16 --rw=randwrite \
		--bsrange=512-128k --size=24M --mem_align="$align" ||
		fail "fio mem_align=$align"
done
