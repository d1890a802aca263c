#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Choose the QEMU accelerator once per build folder: KVM only if a short
# probe boot with it reaches the end of init; otherwise TCG (KVM hangs or
# aborts on these machines). DMAVEC_ACCEL=tcg|kvm overrides the probe.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

f=$BUILD/accel
if [ -n "${DMAVEC_ACCEL:-}" ]; then
	echo "$DMAVEC_ACCEL" > "$f"
	exit 0
fi
[ -s "$f" ] && exit 0
accel=tcg
if [ -w /dev/kvm ] && [ -f "$BUILD/initramfs.cpio" ]; then
	if timeout 60 "$REPO/scripts/qemu-run.py" --accel kvm --profile off \
		--timeout 45 --name probe-kvm > /dev/null 2>&1; then
		accel=kvm
	fi
fi
echo "$accel" > "$f"
log "accelerator: $accel"
