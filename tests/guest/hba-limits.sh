#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The example HBA set up with small segment limits: elements of at most
# 6 KiB that never cross a 16 KiB boundary, which its firmware enforces on
# every element (a violation fails the command). fio verify at 1 MiB then
# needs SGLs of many chain blocks, with or without an IOMMU. A boundary
# that is not a mask is refused at load with EINVAL and a message.
. /tests/lib.sh

modprobe example_hba seg_boundary=0x3000 2>/dev/null &&
	fail "seg_boundary=0x3000 accepted"
dmesg | grep -q "example_hba: invalid seg_boundary" ||
	fail "no message for seg_boundary=0x3000"

dev=$(hba_load max_segment_size=6144 seg_boundary=0x3fff) ||
	fail "example_hba did not come up"
q=/sys/block/${dev#/dev/}/queue
echo "DMAVEC-HBA-LIMITS max_segment_size $(cat $q/max_segment_size) max_segments $(cat $q/max_segments)"
[ "$(cat $q/max_segment_size)" -eq 6144 ] || fail "queue limit not set"
for align in 0 120; do
	run_fio "hba-limits-align$align" --filename="$dev" --ioengine=libaio \
		--iodepth=16 --rw=randwrite --size=8M \
		--bssplit=4k/20:60k/20:256k/20:1m/40 --mem_align=$align ||
		fail "fio mem_align=$align"
done
hba_stats
[ "$(hba_stat errors)" -eq 0 ] || fail "an element broke the HBA's limits"
[ "$(hba_stat max_elements)" -gt 34 ] || fail "no SGL needed two chain blocks"
hba_unload
