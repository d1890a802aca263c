#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Assemble the work tree: pristine 6.12 -> git repo tagged "baseline" ->
# patches/series applied as commits -> our new files symlinked in.
#
# Symlinks make the repo file the one that is compiled, so editing it is all
# a rebuild needs. Patches are re-applied only when patches/ changes. A patch
# that does not apply stops here, naming the patch and the failing hunk.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SRC=$("$REPO/scripts/fetch-kernel.sh")
SRC_ID=$(cat "$SRC/../.version" 2>/dev/null || echo "$SRC")

git_t() { git -C "$TREE" -c user.name="$GIT_NAME" -c user.email="$GIT_EMAIL" "$@"; }

if [ ! -d "$TREE/.git" ] || [ "$(cat "$TREE/.git/dmavec-src" 2>/dev/null)" != "$SRC_ID" ]; then
	log "creating work tree from $SRC_ID (once; about a minute)"
	rm -rf "$TREE"
	mkdir -p "$TREE"
	cp -a "$SRC/." "$TREE/"
	git_t init -q
	git_t add -A -f
	git_t commit -q -m "Linux $SRC_ID (pristine)"
	git_t tag baseline
	git_t config user.name "$GIT_NAME"
	git_t config user.email "$GIT_EMAIL"
	echo "$SRC_ID" > "$TREE/.git/dmavec-src"
fi

# Patches: re-apply from baseline only when series or a patch changed.
stamp=$(patches_stamp)
if [ "$stamp" != "$(cat "$TREE/.git/dmavec-patches" 2>/dev/null)" ]; then
	if [ -n "$(git_t status --porcelain --untracked-files=no)" ]; then
		die "$TREE has uncommitted changes to kernel files; commit them and run 'make export-patches', or discard them, before patches/ is re-applied"
	fi
	if [ -n "$(git_t rev-list baseline..HEAD)" ] && [ -f "$TREE/.git/dmavec-patches" ] &&
	   [ "$(git_t rev-parse HEAD)" != "$(cat "$TREE/.git/dmavec-head")" ]; then
		die "$TREE has commits not exported to patches/; run 'make export-patches' first (or 'git -C $TREE reset --hard baseline' to drop them)"
	fi
	git_t checkout -q -B dmavec baseline
	rm -f "$TREE/.git/dmavec-patches"
	n=0
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		[ -f "$REPO/patches/$p" ] || die "patches/series names $p, which does not exist"
		if ! out=$(git_t apply --check -v "$REPO/patches/$p" 2>&1); then
			echo "$out" | grep -E '^(error|Checking patch|Hunk|Applied)' | tail -n 8 >&2
			die "patch $p does not apply to $SRC_ID (failing hunk above)"
		fi
		git_t am -q --keep-cr "$REPO/patches/$p" ||
			{ git_t am --abort || true; die "git am failed on patch $p"; }
		n=$((n + 1))
	done < "$REPO/patches/series"
	log "applied $n patches"
	echo "$stamp" > "$TREE/.git/dmavec-patches"
	git_t rev-parse HEAD > "$TREE/.git/dmavec-head"
fi

# Our new files: symlink each into place; drop links whose file is gone.
find "$TREE" -type l -lname "$REPO/*" 2>/dev/null | while read -r l; do
	[ -e "$l" ] || rm -f "$l"
done
: > "$TREE/.git/info/exclude"
repo_kernel_files | while read -r f; do
	t=$(tree_path "$f")
	if [ -e "$TREE/$t" ] && [ ! -L "$TREE/$t" ]; then
		die "$f would replace the kernel's own $t: change kernel files through patches/"
	fi
	mkdir -p "$(dirname "$TREE/$t")"
	ln -sfn "$REPO/$f" "$TREE/$t"
	echo "/$t" >> "$TREE/.git/info/exclude"
done
echo "$TREE"
