#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the test kernel: assemble the tree, merge $FRAGMENTS (default
# configs/*.config; the benchmark kernel passes its own list) onto
# allnoconfig (only when a fragment changed: a config change rebuilds
# nearly everything), then an incremental, ccache'd O= build of bzImage and
# modules, installed under $BUILD/modroot for the initramfs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$REPO/scripts/assemble-tree.sh" > /dev/null
read -r -a fragments <<< "${FRAGMENTS:-$(echo "$REPO"/configs/*.config)}"
merge_fragments "$TREE" 1 "${fragments[@]}"
kbuild "$TREE" bzImage modules
[ -n "${FRAGMENTS:-}" ] && exit 0	# not the test kernel: no initramfs modules
rm -rf "$BUILD/modroot"
"${KMAKE[@]}" INSTALL_MOD_PATH="$BUILD/modroot" INSTALL_MOD_STRIP=1 \
	modules_install > /dev/null 2>&1 || die "modules_install failed"
log "kernel: $OBJ/arch/x86/boot/bzImage ($(cat "$OBJ/include/config/kernel.release"))"
