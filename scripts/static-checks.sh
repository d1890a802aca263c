#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks on everything dmavec adds to the kernel, one PASS/FAIL line
# each: checkpatch.pl --strict on every new file and every patch,
# kernel-doc -Wall -none on every new C file and header, and sparse (C=2)
# with a W=1 build of each of our objects.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$OBJ/.config" ] || die "no kernel build yet: run 'make build' first"
cd "$TREE" || die "no work tree"
rc=0
result() { # result OK NAME [DETAIL-FILE]
	if [ "$1" = 0 ]; then
		echo "PASS: static:$2"
	else
		echo "FAIL: static:$2"
		[ -n "${3:-}" ] && sed 's/^/    /' "$3" | head -n 20
		rc=1
	fi
}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

mapfile -t files < <(repo_kernel_files | grep -E '\.(c|h)$|/(Kconfig|Makefile)$')
for f in "${files[@]}"; do
	t=$(tree_path "$f")
	scripts/checkpatch.pl --strict --quiet --no-summary --show-types -f "$t" > "$out" 2>&1
	result $? "checkpatch:$f" "$out"
	case $f in
	*.c|*.h)
		scripts/kernel-doc -Wall -none "$t" > "$out" 2>&1
		! grep -q . "$out"
		result $? "kernel-doc:$f" "$out"
		;;
	esac
done
while read -r p; do
	case $p in ''|'#'*) continue ;; esac
	scripts/checkpatch.pl --strict --quiet --no-summary --show-types "$REPO/patches/$p" > "$out" 2>&1
	result $? "checkpatch:patches/$p" "$out"
done < "$REPO/patches/series"

# sparse and W=1 over our objects only (not the kernel's files beside
# them): single-object builds, any warning fails.
mapfile -t objs < <(for f in "${files[@]}"; do
	case $f in *.c) t=$(tree_path "$f"); echo "${t%.c}.o" ;; esac
done)
if [ ${#objs[@]} -gt 0 ]; then
	"${KMAKE[@]}" C=2 W=1 "${objs[@]}" > "$out" 2>&1
	build=$?
	grep -E 'warning:|error:' "$out" > "$out.w"
	[ $build = 0 ] && [ ! -s "$out.w" ]
	result $? "sparse+W=1 (${#objs[@]} objects)" "$out.w"
	rm -f "$out.w"
fi
exit $rc
