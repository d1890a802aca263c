#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmarks (bench/): build a kernel without the debug options (KASAN,
# DMA-API debug, lockdep, kmemleak would dominate the counts) into
# $BUILD/obj-bench, boot it under QEMU -icount shift=0,sleep=off, where one
# nanosecond of guest time is one guest instruction, in the strict and lazy
# profiles, and print the DMAVEC-BENCH figures as a table. Results also go
# to $BUILD/bench-results.txt. Not a test: nothing here passes or fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PROFILES=${BENCH_PROFILES:-strict lazy}
export OBJ=$BUILD/obj-bench
export FRAGMENTS="$REPO/configs/base.config $REPO/configs/iommu.config $REPO/bench/perf.config"
"$REPO/scripts/build-kernel.sh"

out=$BUILD/bench-results.txt
{
	echo "# dmavec bench, $(date -u +%F), kernel $(cat "$OBJ/include/config/kernel.release")"
	echo "# guest instructions (QEMU -icount shift=0), best of 16 runs, 4 KiB pages"
	printf '%-8s %-6s %-12s %s\n' profile way figure instructions
} > "$out"
for p in $PROFILES; do
	"$REPO/scripts/qemu-run.py" --profile "$p" --icount --name "bench-$p" \
		--kernel "$OBJ/arch/x86/boot/bzImage" --timeout 1200 \
		--append "dmavec_bench.dev=0000:00:10.0" > /dev/null || true
	grep -q "DMAVEC-BENCH done" "$BUILD/logs/bench-$p.log" ||
		die "bench-$p: no results; see $BUILD/logs/bench-$p.log"
	tr -d '\r' < "$BUILD/logs/bench-$p.log" |
	sed -n 's/.*DMAVEC-BENCH \([a-z]*\) \([a-z_0-9]*\) \([0-9-]*\)$/\1 \2 \3/p' |
	while read -r way fig val; do
		printf '%-8s %-6s %-12s %s\n' "$p" "$way" "$fig" "$val"
	done >> "$out"
done
cat "$out"
