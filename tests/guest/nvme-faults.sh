#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nvme-pci's unwind paths under injected failures: with fail_dma_iova
# making one in ten IOVA reservations or batch links fail (-ENOMEM), fio
# with crc32c verify must still pass (a failed reservation falls back to
# per-range mapping; a failed link unwinds the request, which nvme-pci
# returns as BLK_STS_RESOURCE and blk-mq retries), and dma-debug and
# kmemleak must find nothing left behind. Failures are injected only where
# a DMA domain serves IOVA (strict, lazy); elsewhere this is a plain run.
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
f=/sys/kernel/debug/fail_dma_iova
[ -d $f ] || fail "no $f (CONFIG_FAULT_INJECTION_DEBUG_FS?)"
budget=300
echo 0 > $f/verbose
echo 10 > $f/probability
echo 1 > $f/interval
echo $budget > $f/times
for mode in prp sgl; do
	nvme_mode $mode
	run_fio "nvme-faults-$mode" --filename="$dev" --ioengine=libaio \
		--iodepth=32 --rw=randwrite --bsrange=4k-256k --size=8M \
		--mem_align=120 || { echo 0 > $f/probability; fail "fio $mode"; }
done
echo 0 > $f/probability
injected=$((budget - $(cat $f/times)))
echo "DMAVEC-FAULTS fail_dma_iova injected $injected"
case $(profile) in
strict | lazy) [ "$injected" -gt 0 ] || fail "no failure was injected" ;;
esac
