#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A file system on the NVMe disk: mkfs.ext4 (which first discards the whole
# disk: Dataset Management commands, whose range list nvme-pci maps from
# the request's special payload), then tree_check: a tree of files, their
# checksums, unmount, mount again, compare.
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
expect_device pci_nvme_dsm_deallocate
mkfs.ext4 -q -F -E discard "$dev" || fail "mkfs.ext4 $dev"
tree_check "$dev"
