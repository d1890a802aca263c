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
# PRP mode with multi-segment requests; SGL mode with one-page requests
# only: a reservation that fails makes a multi-segment request fall back to
# SGL segments, which nvme-fio forbids in this boot under an IOMMU.
for mode in prp sgl; do
	nvme_mode $mode
	if [ $mode = prp ]; then
		set -- --bsrange=4k-256k --mem_align=120
	else
		set -- --bs=4k --mem_align=0
	fi
	run_fio "nvme-faults-$mode" --filename="$dev" --ioengine=libaio \
		--iodepth=32 --rw=randwrite --size=8M "$@" ||
		{ echo 0 > $f/probability; fail "fio $mode"; }
done
echo 0 > $f/probability
injected=$((budget - $(cat $f/times)))
echo "DMAVEC-FAULTS fail_dma_iova injected $injected"
case $(profile) in
strict | lazy) [ "$injected" -gt 0 ] || fail "no failure was injected" ;;
esac
