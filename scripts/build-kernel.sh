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
mkdir -p "$OBJ"

read -r -a fragments <<< "${FRAGMENTS:-$(echo "$REPO"/configs/*.config)}"
stamp=$(cat "${fragments[@]}" | sha256sum | cut -d' ' -f1)
if [ "$stamp" != "$(cat "$OBJ/.dmavec-config" 2>/dev/null)" ] || [ ! -f "$OBJ/.config" ]; then
	log "merging ${fragments[*]##*/} onto allnoconfig"
	out=$(cd "$TREE" && ARCH=x86_64 CC="ccache gcc" scripts/kconfig/merge_config.sh \
		-n -O "$OBJ" "${fragments[@]}" 2>&1) || { echo "$out" >&2; die "merge_config failed"; }
	# A requested option that did not survive is a broken fragment, not a warning.
	if bad=$(echo "$out" | grep -A2 '^Value requested for\|^Value of' ); then
		echo "$bad" >&2
		die "configs/: the options above were not set as requested"
	fi
	echo "$stamp" > "$OBJ/.dmavec-config"
fi

log "building kernel in $OBJ (-j$JOBS)"
"${KMAKE[@]}" bzImage modules > "$OBJ/build.log" 2>&1 || {
	grep -E 'error|Error' "$OBJ/build.log" | head -n 30 >&2
	die "kernel build failed; full log: $OBJ/build.log"
}
[ -n "${FRAGMENTS:-}" ] && exit 0	# not the test kernel: no initramfs modules
rm -rf "$BUILD/modroot"
"${KMAKE[@]}" INSTALL_MOD_PATH="$BUILD/modroot" INSTALL_MOD_STRIP=1 \
	modules_install > /dev/null 2>&1 || die "modules_install failed"
log "kernel: $OBJ/arch/x86/boot/bzImage ($(cat "$OBJ/include/config/kernel.release"))"
