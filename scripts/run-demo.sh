#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make run: boot the patched kernel under strict VT-d and run the demo
# workload (fio with crc32c verify on the emulated NVMe disk), then print a
# short summary read from the guest's console.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

PROFILE=${PROFILE:-strict}
TESTS=${DEMO_TESTS:-nvme-fio}
log=$BUILD/logs/demo-$PROFILE.log
echo "dmavec demo: booting $(cat "$OBJ/include/config/kernel.release") in profile '$PROFILE' ($(cat "$BUILD/accel")), running: $TESTS"
"$REPO/scripts/qemu-run.py" --profile "$PROFILE" --tests "$TESTS" \
	--name "demo-$PROFILE" --log "$log" > "$BUILD/demo-results.txt"
rc=$?
strip() { sed 's/^\[[ 0-9.]*\] //' "$log"; }
echo
echo "== dmavec demo summary =="
echo "profile:          $PROFILE ($(grep -o 'intel_iommu=[a-z]*[^"]*' "$log" | head -n1 | cut -d' ' -f1-2))"
iommu=$(strip | grep -o 'DMAR: IOMMU enabled\|DMAR: IOMMU disabled' | head -n1)
echo "IOMMU:            ${iommu:-not enabled}"
strip | grep '^DMAVEC-FIO ' | while read -r _ name err rd wr _; do
	printf 'fio %-36s %s, read %s MiB, written %s MiB, crc32c verify %s\n' \
		"$name:" "$err" "$(( ${rd#read_kib=} / 1024 ))" "$(( ${wr#write_kib=} / 1024 ))" \
		"$([ "$err" = err=0 ] && echo passed || echo FAILED)"
done
strip | sed -n 's/^DMAVEC-FIO-REFUSED \([^ ]*\) \(.*\)$/fio \1: refused, \2/p'
echo "DMA-API debug:    $(strip | sed -n 's/^DMAVEC-DMA-API-ERRORS /errors = /p' | tail -n1)"
echo "kmemleak:         $(strip | sed -n 's/^DMAVEC-KMEMLEAK /unreferenced objects = /p' | tail -n1)"
grep -E '^(PASS|FAIL): ' "$BUILD/demo-results.txt" | sed 's/^/result:           /'
grep -E '^  ' "$BUILD/demo-results.txt" | sed 's/^  [^:]*: /note:             /'
echo "console log:      ${log#"$REPO"/}"
exit $rc
