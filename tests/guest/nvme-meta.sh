#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fio with crc32c verify on an NVMe namespace with 64 bytes of separate
# metadata per 4 KiB block and protection information type 1: the kernel
# generates and checks the guard and reference tags, nvme-pci maps the
# integrity buffer, and the controller checks the tags of every write and
# read (so a wrongly mapped metadata buffer fails the I/O). The integrity
# buffers are the kernel's own small allocations, so their mappings start
# anywhere in a page. User buffers are page aligned: with a buffer that is
# not aligned to the 4 KiB block, 6.12's blk_integrity_generate() computes
# the tags per bio_vec, overruns the integrity buffer (KASAN) and fails the
# I/O with EILSEQ before nvme-pci sees the request, stock or dmavec, so
# that case is left out (see doc/notes/issue-5.md).
. /tests/lib.sh

dev=$(nvme_disk dmavecmeta) || fail "no namespace on the NVMe disk dmavecmeta"
fmt=$(cat "/sys/block/${dev#/dev/}/integrity/format")
echo "DMAVEC-META $dev integrity $fmt"
case $fmt in
T10-DIF-TYPE1-CRC) ;;
*) fail "integrity format $fmt, not T10-DIF-TYPE1-CRC" ;;
esac
expect_device pci_nvme_dif_check
# SGLS bit 19: the controller takes metadata as an SGL (else MPTR only)
ctrl=/dev/$(basename "$(readlink -f "/sys/block/${dev#/dev/}/device")")
echo "DMAVEC-META $ctrl sgls $(nvme id-ctrl "$ctrl" 2>/dev/null | sed -n 's/^sgls *: *//p')"
for mode in prp sgl; do
	nvme_mode $mode
	for align in 0; do
		run_fio "nvme-meta-$mode-align$align" --filename="$dev" \
			--ioengine=libaio --iodepth=16 --rw=randwrite \
			--bsrange=4k-256k --size=8M --mem_align=$align ||
			fail "fio on the metadata namespace, $mode, mem_align=$align"
	done
done
