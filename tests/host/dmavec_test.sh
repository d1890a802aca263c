#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests of the dmavec emitters (include/dmavec/emit.h), built
# against a shim of the few kernel headers they use: a seeded property test
# of 20000 random cases, then the libFuzzer target for a fixed time budget
# (DMAVEC_FUZZ_SECONDS, default 20). One PASS:/FAIL: line each.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${BUILD:-$REPO/build}/host
SECONDS_BUDGET=${DMAVEC_FUZZ_SECONDS:-20}
CFLAGS=(-I"$HERE/dmavec/shim" -I"$REPO/include" -Wall -Wextra -Werror
	-Wno-unused-parameter -Wno-unused-function)
mkdir -p "$OUT/corpus"
rc=0

if gcc -O2 "${CFLAGS[@]}" -o "$OUT/emit_prop" "$HERE/dmavec/emit_prop.c"; then
	"$OUT/emit_prop" 20000 || rc=1
else
	echo "FAIL: host:dmavec/emitters-build"
	rc=1
fi

if ! command -v clang > /dev/null; then
	echo "FAIL: host:dmavec/fuzz-emitters (no clang: run make setup)"
	exit 1
fi
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined "${CFLAGS[@]}" \
	-o "$OUT/emit_fuzz" "$HERE/dmavec/emit_fuzz.c"; then
	echo "FAIL: host:dmavec/fuzz-emitters-build"
	exit 1
fi
log=$OUT/emit_fuzz.log
if (cd "$OUT" && ./emit_fuzz -max_total_time="$SECONDS_BUDGET" \
	-artifact_prefix="$OUT/" corpus > "$log" 2>&1); then
	echo "PASS: host:dmavec/fuzz-emitters-${SECONDS_BUDGET}s"
	echo "    $(grep -o 'Done [0-9]* runs' "$log")"
else
	echo "FAIL: host:dmavec/fuzz-emitters-${SECONDS_BUDGET}s"
	grep -m5 -E 'emit_fuzz:|ERROR|runtime error|Test unit written' "$log" |
		sed 's/^/    /'
	rc=1
fi
exit $rc
