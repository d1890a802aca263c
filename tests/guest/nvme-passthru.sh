#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# NVMe passthrough I/O (NVME_IOCTL_IO_CMD) from user buffers at offsets
# 0, 1, 120, 4095 and 512 of a page, read back and compared, with PRPs and
# then with SGLs: the unaligned-buffer case that broke the RFC.
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
for mode in prp sgl; do
	nvme_mode $mode
	nvme-passthru "$dev" 0 1 120 4095 512 || fail "passthrough, $mode"
done
