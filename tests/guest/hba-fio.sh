#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# fio with crc32c verify on the example HBA's disks: block sizes 512 B..1 MiB,
# page-aligned and unaligned (mem_align=120) user buffers, queue depth 32,
# on two logical units. The HBA's firmware reads every SGL and moves every
# byte through the DMA addresses, translated as the device's DMA is, and
# the edu engine itself carries a sample of the transfers; its counters
# must show chained SGLs, edu samples, no error, and (with a DMA domain)
# every command mapped as one IOVA range. Then a clean unload.
. /tests/lib.sh

disks=$(hba_load luns=2 capacity_mb=32 edu_sample=16) || fail "example_hba did not come up"
set -- $disks
for rw in randwrite write; do
	for align in 0 120; do
		run_fio "hba-$rw-qd32-align$align" --filename="$1" \
			--ioengine=libaio --iodepth=32 --rw=$rw --size=12M \
			--bssplit=512/10:4k/20:12k/10:64k/20:128k/20:1m/20 \
			--mem_align=$align || fail "fio $rw mem_align=$align"
	done
done
run_fio hba-lun1 --filename="$2" --ioengine=libaio --iodepth=8 \
	--rw=randwrite --size=4M --bs=64k || fail "fio on the second unit"

hba_stats
[ "$(hba_stat errors)" -eq 0 ] || fail "the HBA saw bad SGLs or addresses"
[ "$(hba_stat chain_blocks)" -gt 0 ] || fail "no SGL needed a chain block"
[ "$(hba_stat edu_samples)" -gt 0 ] || fail "the edu engine carried nothing"
case $(profile) in
strict | lazy)
	[ "$(hba_stat iova_commands)" -gt 0 ] || fail "no command used IOVA" ;;
*)
	[ "$(hba_stat iova_commands)" -eq 0 ] || fail "IOVA without a DMA domain" ;;
esac
hba_unload
