#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build pristine Linux 6.12 (the work tree's "baseline", without any dmavec
# patch or file) for comparisons: a git worktree in $BUILD/stock, built out
# of tree into $OBJ (default $BUILD/obj-stock) from $FRAGMENTS merged onto
# allnoconfig. Used by the NVMe benchmark (stock vs patched, same QEMU,
# same disk) and to tell a stock kernel bug from one of ours.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

STOCK=$BUILD/stock
OBJ=${OBJ:-$BUILD/obj-stock}
read -r -a fragments <<< "${FRAGMENTS:?FRAGMENTS: the config fragments to merge}"

[ -d "$TREE/.git" ] || "$REPO/scripts/assemble-tree.sh" > /dev/null
if [ ! -e "$STOCK/Makefile" ]; then
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$STOCK" baseline ||
		die "cannot check out the baseline into $STOCK"
fi
merge_fragments "$STOCK" 0 "${fragments[@]}"
kbuild "$STOCK" bzImage
log "kernel: $OBJ/arch/x86/boot/bzImage (stock $(cat "$OBJ/include/config/kernel.release"))"
