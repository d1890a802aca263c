#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the guest's initramfs from the host's Debian packages: busybox-static,
# fio, mkfs.ext4 and nvme-cli with the shared libraries they load, the
# kernel's modules, and tests/guest/ (init, the guest test scripts and
# their helper programs, built static).
# The archive is written with the kernel's gen_init_cpio, so no root is
# needed for device nodes. Uncompressed: unpacking is faster under TCG.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=$BUILD/initramfs.cpio
STAGE=$BUILD/initramfs
BINS=(/usr/bin/fio /usr/sbin/mkfs.ext4 /usr/sbin/nvme)

for b in /bin/busybox "${BINS[@]}"; do
	[ -x "$b" ] || die "$b is missing: run 'make setup' (Debian packages busybox-static fio e2fsprogs nvme-cli)"
done
file -L /bin/busybox | grep -q 'statically linked' ||
	die "/bin/busybox is not static: install busybox-static"

rm -rf "$STAGE"
mkdir -p "$STAGE"/{bin,sbin,lib,lib64,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,mnt,root,tests}
cp /bin/busybox "$STAGE/bin/busybox"
for b in "${BINS[@]}"; do
	cp "$b" "$STAGE/usr/bin/"
	ldd "$b" | grep -o '/[^ ]*' | while read -r l; do
		mkdir -p "$STAGE$(dirname "$l")"
		cp -L "$l" "$STAGE$l"
	done
done
cp "$REPO/tests/guest/init" "$STAGE/init"
cp "$REPO"/tests/guest/*.sh "$STAGE/tests/"
chmod +x "$STAGE/init" "$STAGE"/tests/*.sh
# helper programs of the guest tests: tests/guest/<name>.c -> /usr/bin/<name>
for c in "$REPO"/tests/guest/*.c; do
	[ -e "$c" ] || continue
	gcc -static -O2 -Wall -Werror -o "$STAGE/usr/bin/$(basename "$c" .c)" "$c" ||
		die "cannot build $c"
done
[ -d "$BUILD/modroot/lib/modules" ] && cp -a "$BUILD/modroot/lib/modules" "$STAGE/lib/"

# gen_init_cpio: from the kernel tree, built once.
GEN=$BUILD/bin/gen_init_cpio
if [ ! -x "$GEN" ]; then
	mkdir -p "$BUILD/bin"
	gcc -O2 -o "$GEN" "$TREE/usr/gen_init_cpio.c" || die "cannot build gen_init_cpio"
fi
list=$BUILD/initramfs.list
{
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "nod /dev/null 0666 0 0 c 1 3"
	(cd "$STAGE" && find . -mindepth 1 | sort) | while read -r p; do
		p=${p#.}
		if [ -L "$STAGE$p" ]; then
			echo "slink $p $(readlink "$STAGE$p") 0777 0 0"
		elif [ -d "$STAGE$p" ]; then
			echo "dir $p 0755 0 0"
		else
			echo "file $p $STAGE$p $(stat -c %a "$STAGE$p") 0 0"
		fi
	done
} > "$list"
"$GEN" "$list" > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
log "initramfs: $OUT ($(du -h "$OUT" | cut -f1))"
