#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmarks (bench/): build a kernel without the debug options (KASAN,
# DMA-API debug, lockdep, kmemleak would dominate the counts) into
# $BUILD/obj-bench, boot it under QEMU -icount shift=0,sleep=off, where one
# nanosecond of guest time is one guest instruction, in the strict and lazy
# profiles, and print the DMAVEC-BENCH figures as a table. Results also go
# to bench/results/ (link.txt, sgl.csv). Not a test: nothing here passes or
# fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PROFILES=${BENCH_PROFILES:-strict lazy pt}
RESULTS=$REPO/bench/results
export OBJ=$BUILD/obj-bench
export FRAGMENTS="$REPO/configs/base.config $REPO/configs/iommu.config $REPO/configs/storage.config $REPO/bench/perf.config"
"$REPO/scripts/build-kernel.sh"

mkdir -p "$RESULTS"
out=$RESULTS/link.txt
{
	echo "# dmavec bench, $(date -u +%F), kernel $(cat "$OBJ/include/config/kernel.release")"
	echo "# guest instructions (QEMU -icount shift=0), best of 16 runs, 4 KiB pages"
	printf '%-8s %-6s %-12s %s\n' profile way figure instructions
} > "$out"
csv=$RESULTS/sgl.csv
echo "profile,clock,variant,segments,sg_per_request,dmavec_per_request,ratio,sg_meta_bytes,dmavec_meta_bytes" > "$csv"

# One boot per profile under -icount (instructions), and one plain TCG boot
# in strict for wall-clock nanoseconds (secondary: noisy on shared hosts).
runs=""
for p in $PROFILES; do runs="$runs $p:icount"; done
runs="$runs strict:wall"
for r in $runs; do
	p=${r%%:*} clock=${r##*:} name=bench-$p-$clock
	extra=(--icount)
	[ "$clock" = wall ] && extra=()
	"$REPO/scripts/qemu-run.py" --profile "$p" "${extra[@]}" --name "$name" \
		--kernel "$OBJ/arch/x86/boot/bzImage" --timeout 1200 \
		--append "dmavec_bench.dev=0000:00:10.0" > /dev/null || true
	log=$BUILD/logs/$name.log
	grep -q "DMAVEC-BENCH done" "$log" || die "$name: no results; see $log"
	if [ "$clock" = icount ]; then
		tr -d '\r' < "$log" |
		sed -n 's/.*DMAVEC-BENCH \([a-z]*\) \([a-z_0-9]*\) \([0-9-]*\)$/\1 \2 \3/p' |
		while read -r way fig val; do
			printf '%-8s %-6s %-12s %s\n' "$p" "$way" "$fig" "$val"
		done >> "$out"
	fi
	tr -d '\r' < "$log" |
	sed -n 's/.*DMAVEC-BENCH-SGL \(.*\)$/\1/p' |
	while read -r var n sg dv sgm dvm; do
		ratio=$(awk -v a="$dv" -v b="$sg" 'BEGIN { printf "%.3f", b ? a / b : 0 }')
		echo "$p,$clock,$var,$n,$sg,$dv,$ratio,$sgm,$dvm"
	done >> "$csv"
done
cat "$out"
echo
echo "# map + build a hardware SGL + unmap, per request (sg = scatterlist path)"
column -s, -t < "$csv"
echo "# CSV: $csv"
if command -v gnuplot > /dev/null; then
	gnuplot -e "set terminal png size 800,500; set output '$RESULTS/sgl-strict.png';
		set datafile separator ','; set logscale x 2; set key left;
		set xlabel 'segments'; set ylabel 'guest instructions per request';
		set title 'map + SGL + unmap, strict VT-d, pages not contiguous';
		plot '< grep ^strict,icount,aligned $csv' using 4:5 with linespoints title 'scatterlist',
		     '< grep ^strict,icount,aligned $csv' using 4:6 with linespoints title 'dmavec'" &&
		echo "# plot: $RESULTS/sgl-strict.png"
fi

# The NVMe benchmark: stock 6.12 against dmavec (issue 5).
[ "${BENCH_NVME:-1}" = 0 ] || "$REPO/scripts/bench-nvme.sh"
