#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Sum the PASS:/FAIL: lines of a results file into the closing line.
set -euo pipefail
f=${1:?results file}
p=$(grep -c '^PASS: ' "$f" || true)
n=$(grep -c '^FAIL: ' "$f" || true)
if [ "$n" -gt 0 ]; then
	echo "Failed:"
	grep '^FAIL: ' "$f" | sed 's/^/  /'
fi
echo "$p passed, $n failed"
[ "$n" -eq 0 ] && [ "$p" -gt 0 ]
