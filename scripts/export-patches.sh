#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the work tree's commits since "baseline" back into patches/ as
# numbered git format-patch files, and rewrite patches/series to match.
# The reverse direction needs no command: edit patches/ and rebuild, and
# assemble-tree.sh re-applies the series.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

git_t() { git -C "$TREE" "$@"; }
[ -d "$TREE/.git" ] || die "no work tree at $TREE; run 'make tree' first"
[ -z "$(git_t status --porcelain --untracked-files=no)" ] ||
	die "uncommitted changes in $TREE: commit them (git commit / git rebase -i) first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git_t format-patch -q --no-signature --zero-commit -N -o "$tmp" baseline..HEAD
rm -f "$REPO"/patches/*.patch
{
	echo "# dmavec patches against Linux 6.12, applied in order"
	for p in "$tmp"/*.patch; do
		[ -e "$p" ] || continue
		cp "$p" "$REPO/patches/"
		basename "$p"
	done
} > "$REPO/patches/series"
# The tree now matches patches/: record it so the next build does not re-apply.
patches_stamp > "$TREE/.git/dmavec-patches"
git_t rev-parse HEAD > "$TREE/.git/dmavec-head"
log "exported $(grep -c '\.patch$' "$REPO/patches/series" || true) patches to patches/"
