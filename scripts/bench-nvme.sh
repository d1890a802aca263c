#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# NVMe benchmark (part of make bench; not a test): pristine 6.12 against
# the dmavec kernel, the same config (configs/base, iommu, storage and
# bench/perf.config), the same QEMU and the same disk image, in the strict
# and lazy profiles. tests/guest/nvme-bench.sh runs fio 4 KiB random reads
# and 128 KiB sequential reads and reports the guest CPU time per I/O.
#   primary:   one boot per kernel under -icount shift=0,sleep=off, where
#              guest time counts guest instructions (deterministic);
#   secondary: IOPS on plain TCG, kernels alternating, $ROUNDS rounds.
# Writes bench/results/nvme.csv and prints a table with the ratios.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PROFILES=${BENCH_NVME_PROFILES:-strict lazy}
ROUNDS=${BENCH_NVME_ROUNDS:-2}
RESULTS=$REPO/bench/results
FR="$REPO/configs/base.config $REPO/configs/iommu.config $REPO/configs/storage.config $REPO/bench/perf.config"
OBJ=$BUILD/obj-bench FRAGMENTS="$FR" "$REPO/scripts/build-kernel.sh"
OBJ=$BUILD/obj-bench-stock FRAGMENTS="$FR" "$REPO/scripts/build-stock.sh"
declare -A KERNEL=([stock]=$BUILD/obj-bench-stock/arch/x86/boot/bzImage
		   [dmavec]=$BUILD/obj-bench/arch/x86/boot/bzImage)

csv=$RESULTS/nvme.csv
mkdir -p "$RESULTS"
echo "profile,clock,round,kernel,job,ios,busy_ns,per_io,iops" > "$csv"
boot() { # boot PROFILE CLOCK KERNEL ROUND
	local name=nvbench-$1-$2-$3-$4 extra=()
	[ "$2" = icount ] && extra=(--icount)
	"$REPO/scripts/qemu-run.py" --profile "$1" "${extra[@]}" --name "$name" \
		--kernel "${KERNEL[$3]}" --tests nvme-bench --timeout 1800 > /dev/null || true
	tr -d '\r' < "$BUILD/logs/$name.log" |
	sed -n 's/^DMAVEC-NVME-BENCH \([a-z0-9]*\) ios=\([0-9]*\) busy_ns=\([0-9]*\) per_io=\([0-9]*\) iops=\([0-9.]*\)$/\1,\2,\3,\4,\5/p' |
	sed "s/^/$1,$2,$4,$3,/" >> "$csv"
	grep -q "^$1,$2,$4,$3,seqread128k," "$csv" ||
		die "$name: no results; see $BUILD/logs/$name.log"
}
for p in $PROFILES; do
	for k in stock dmavec; do
		boot "$p" icount "$k" 1
	done
	for r in $(seq "$ROUNDS"); do
		for k in stock dmavec; do
			boot "$p" wall "$k" "$r"
		done
	done
done

echo "# NVMe: guest CPU per I/O (instructions, -icount) and IOPS (TCG, mean of $ROUNDS alternating rounds)"
printf "%-8s %-14s %10s %10s %7s %10s %11s %7s\n" profile job stock/io dmavec/io ratio \
	stock_iops dmavec_iops ratio
awk -F, 'NR > 1 {
	k = $1 "," $5
	if ($2 == "icount") per[k, $4] = $8
	else { iops[k, $4] += $9; n[k, $4]++ }
	jobs[k] = 1
} END {
	for (k in jobs) {
		split(k, a, ",")
		si = n[k, "stock"] ? iops[k, "stock"] / n[k, "stock"] : 0
		di = n[k, "dmavec"] ? iops[k, "dmavec"] / n[k, "dmavec"] : 0
		printf "%-8s %-14s %10d %10d %7.3f %10.0f %11.0f %7.3f\n", a[1], a[2],
		       per[k, "stock"], per[k, "dmavec"], per[k, "dmavec"] / per[k, "stock"],
		       si, di, si ? di / si : 0
	}
}' "$csv" | sort
echo "# CSV: $csv (ratio: dmavec / stock; per I/O lower is better, IOPS higher)"
