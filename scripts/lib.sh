# SPDX-License-Identifier: GPL-2.0
# Shared settings for dmavec's scripts; sourced, never run.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$REPO/build}
TREE=$BUILD/tree		# work tree: pristine + our files + patches
OBJ=${OBJ:-$BUILD/obj}		# out-of-tree kernel build (O=)
JOBS=${JOBS:-$(nproc)}
# Shared across clones and build folders: a fresh clone on a machine that
# has built before (CI after a session) recompiles from the cache.
export CCACHE_DIR=${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dmavec-ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
KMAKE=(make -C "$TREE" O="$OBJ" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" -j"$JOBS")

# Repo directories that hold new kernel files, and where they go in the tree.
# kunit/ and bench/ are ours only: they build from kernel/dma/{kunit,bench}/.
MAPPED_DIRS=(include kernel drivers mm lib Documentation)
declare -A DIR_MAP=([kunit]=kernel/dma/kunit [bench]=kernel/dma/bench)

# Author and Signed-off-by of the patches made in the work tree.
GIT_NAME="dmavec developers"
GIT_EMAIL="dmavec-dev@example.org"

die() { echo "${0##*/}: error: $*" >&2; exit 1; }
log() { echo "${0##*/}: $*" >&2; }

# Print the tree path of a repo-relative file.
tree_path() {
	local f=$1 d
	for d in "${!DIR_MAP[@]}"; do
		case $f in "$d"/*) echo "${DIR_MAP[$d]}/${f#"$d"/}"; return ;; esac
	done
	echo "$f"
}

# Every repo file that belongs in the kernel tree, repo-relative.
repo_kernel_files() {
	local d
	(cd "$REPO" && for d in "${MAPPED_DIRS[@]}" "${!DIR_MAP[@]}"; do
		if [ -d "$d" ]; then find "$d" -type f ! -name "*.orig" ! -name "*~"; fi
	done) | sort
}

# merge_fragments SRC STRICT FRAGMENT...: merge the fragments onto
# allnoconfig into $OBJ/.config, only when they changed (a config change
# rebuilds nearly everything). With STRICT=1 an option that did not survive
# is a broken fragment, not a warning; the stock kernel (SRC without our
# patches) passes 0, as it lacks our options. For another architecture
# (compile-only builds) set KARCH and KCROSS (the compiler's prefix).
merge_fragments() {
	local src=$1 strict=$2 stamp out bad
	shift 2
	mkdir -p "$OBJ"
	stamp=$(cat "$@" | sha256sum | cut -d' ' -f1)
	if [ "$stamp" = "$(cat "$OBJ/.dmavec-config" 2>/dev/null)" ] && [ -f "$OBJ/.config" ]; then
		return 0
	fi
	log "merging ${*##*/} onto allnoconfig"
	out=$(cd "$src" && ARCH=${KARCH:-x86_64} CROSS_COMPILE=${KCROSS:-} \
		CC="ccache ${KCROSS:-}gcc" scripts/kconfig/merge_config.sh \
		-n -O "$OBJ" "$@" 2>&1) || { echo "$out" >&2; die "merge_config failed"; }
	if [ "$strict" = 1 ] && bad=$(echo "$out" | grep -A2 '^Value requested for\|^Value of'); then
		echo "$bad" >&2
		die "configs/: the options above were not set as requested"
	fi
	echo "$stamp" > "$OBJ/.dmavec-config"
}

# kbuild SRC TARGET...: build the kernel in SRC out of tree into $OBJ,
# logging to $OBJ/build.log; on failure show the errors and stop.
kbuild() {
	local src=$1
	shift
	log "building kernel in $OBJ (-j$JOBS)"
	make -C "$src" O="$OBJ" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" \
		-j"$JOBS" "$@" > "$OBJ/build.log" 2>&1 || {
		grep -E 'error|Error' "$OBJ/build.log" | head -n 30 >&2
		die "kernel build failed; full log: $OBJ/build.log"
	}
}

# A hash of patches/series and every patch it names: the tree's patch state.
patches_stamp() {
	(cd "$REPO/patches" && sed '/^[[:space:]]*#/d; /^[[:space:]]*$/d' series |
		while read -r p; do echo "$p"; cat "$p" 2>/dev/null; done |
		sha256sum | cut -d' ' -f1)
}
