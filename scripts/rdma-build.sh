#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The RDMA on-demand paging users, compiled with W=1 and sparse (C=2) in a
# config that adds mlx5 (configs/compile-only/mlx5.config) to the test
# kernel's, into $BUILD/obj-rdma: mlx5 has no hardware or QEMU model here,
# so compiling is all that can be checked. Only the objects below are
# built (after "make prepare"); a W=1 or sparse warning in an object's own
# source file that the pristine 6.12 file does not give fails, one
# PASS/FAIL line per object. (6.12's umem_odp.c already has one: sparse's
# context imbalance for ib_umem_odp_map_dma_and_lock(), which returns
# holding umem_mutex.)
set -uo pipefail
. "$(dirname "$0")/lib.sh"

OBJ=$BUILD/obj-rdma
STOCK=$BUILD/stock
SOBJ=$BUILD/obj-rdma-stock
OBJS=(drivers/infiniband/core/umem_odp.o drivers/infiniband/hw/mlx5/odp.o
      drivers/infiniband/hw/mlx5/mr.o drivers/infiniband/hw/mlx5/umr.o)
FRAGS=("$REPO"/configs/*.config "$REPO"/configs/compile-only/mlx5.config)
[ -d "$TREE/.git" ] || die "no work tree: run 'make tree' first"
# pristine 6.12 beside it, for its warnings (the worktree build-stock.sh uses)
if [ ! -e "$STOCK/Makefile" ]; then
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$STOCK" baseline ||
		die "cannot create the pristine worktree $STOCK"
fi

# setup SRC OBJ: config and "make prepare" for single-object builds
setup() {
	OBJ=$2 merge_fragments "$1" 0 "${FRAGS[@]}"
	grep -q '^CONFIG_MLX5_INFINIBAND=y' "$2/.config" || die "mlx5 not in $2/.config"
	make -C "$1" O="$2" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" -j"$JOBS" \
		prepare > "$2/prepare.log" 2>&1 || die "make prepare failed; see $2/prepare.log"
}
setup "$TREE" "$OBJ"
setup "$STOCK" "$SOBJ"

# warnings SRC OBJDIR O: build O with W=1 and sparse; print the warnings
# of its own source file without line numbers (so that versions compare)
warnings() {
	rm -f "$2/$3"
	make -C "$1" O="$2" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" -j"$JOBS" \
		C=2 W=1 "$3" > "$2/one.log" 2>&1 || return 1
	{ grep -E "^($1/)?${3%.o}\.c:[0-9]+:[0-9]+: (warning|error):" "$2/one.log" || true; } |
		sed -E 's/^[^:]*:[0-9]+:[0-9]+: //' | sort
}
rc=0
for o in "${OBJS[@]}"; do
	warnings "$STOCK" "$SOBJ" "$o" > "$OBJ/stock.w" || die "pristine $o does not build"
	if warnings "$TREE" "$OBJ" "$o" > "$OBJ/new.w" &&
		! comm -13 "$OBJ/stock.w" "$OBJ/new.w" | grep -q .; then
		echo "PASS: rdma:$o (W=1, sparse: no warning 6.12 does not have)"
	else
		echo "FAIL: rdma:$o (W=1, sparse)"
		{ comm -13 "$OBJ/stock.w" "$OBJ/new.w"; grep -E 'error' "$OBJ/one.log"; } |
			head -n 5 | sed 's/^/    /'
		rc=1
	fi
done
exit $rc
