#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fio with crc32c verify on the emulated NVMe disk, O_DIRECT, block sizes
# 512 B..1 MiB, random and sequential, queue depth 1 and 32, page-aligned
# and unaligned (mem_align=120) user buffers, with I/O described by PRPs
# and then by SGLs; the controller must have walked both. A buffer at 4095
# is below the queue's 4-byte DMA alignment: O_DIRECT must refuse it with
# EINVAL, cleanly (nvme-passthru covers such buffers).
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
expect_device pci_nvme_map_prp
expect_device pci_nvme_map_sgl
# With a DMA domain every request is linked into one IOVA range, so the
# controller is never given an SGL segment (type 3), only one data
# descriptor (type 0) in the command; without one, multi-segment requests
# need segments.
case $(profile) in
strict | lazy) forbid_device pci_nvme_map_sgl type 0x3 ;;
*) expect_device pci_nvme_map_sgl type 0x3 ;;
esac
for mode in prp sgl; do
	nvme_mode $mode
	for rw in randwrite write; do
		for qd in 1 32; do
			for align in 0 120; do
				run_fio "nvme-$mode-$rw-qd$qd-align$align" \
					--filename="$dev" --ioengine=libaio \
					--iodepth=$qd --rw=$rw --size=12M \
					--bssplit=512/10:4k/20:12k/10:64k/20:128k/20:1m/20 \
					--mem_align=$align ||
					fail "fio $mode $rw qd$qd mem_align=$align"
			done
		done
	done
	fio --name=align4095 --filename="$dev" --direct=1 --rw=read --bs=4k \
		--size=64k --mem_align=4095 --output-format=terse \
		--terse-version=3 > /tmp/fio.out 2>&1
	err=$(grep '^3;' /tmp/fio.out | cut -d';' -f5)
	echo "DMAVEC-FIO-REFUSED nvme-$mode-align4095 err=${err:-?} (EINVAL expected)"
	[ "$err" = 22 ] || fail "mem_align=4095 not refused with EINVAL"
done
