#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fixture tests of the semantic patches in coccinelle/: for each
# coccinelle/tests/<script>/<case>.c, apply coccinelle/<script>.cocci in
# patch mode and compare with <case>.res (the input itself where the script
# must leave it alone). One PASS/FAIL line per case.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
command -v spatch > /dev/null || { echo "FAIL: cocci: spatch missing (Debian package coccinelle)"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rc=0
for dir in "$REPO"/coccinelle/tests/*/; do
	script=$(basename "$dir")
	sp=$REPO/coccinelle/$script.cocci
	for c in "$dir"*.c; do
		case=$(basename "$c" .c)
		rm -f "$out/out.c"
		if ! spatch --very-quiet --sp-file "$sp" -D patch "$c" -o "$out/out.c" \
			> "$out/log" 2>&1; then
			echo "FAIL: cocci:$script/$case (spatch failed)"
			sed 's/^/    /' "$out/log" | head -n 10
			rc=1
			continue
		fi
		[ -f "$out/out.c" ] || cp "$c" "$out/out.c"
		if diff -u "${c%.c}.res" "$out/out.c" > "$out/diff"; then
			echo "PASS: cocci:$script/$case"
		else
			echo "FAIL: cocci:$script/$case"
			sed 's/^/    /' "$out/diff" | head -n 30
			rc=1
		fi
	done
done
exit $rc
