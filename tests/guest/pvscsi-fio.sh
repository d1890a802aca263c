#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The disk behind QEMU's pvscsi (VMware PVSCSI), driven by vmw_pvscsi as
# converted to dmavec (patch 0020): the same fio verify, mkfs.ext4 and
# tree_check as megasas-fio, in the profiles where QEMU 7.2's model
# works (pt, swiotlb, off: scripts/check.sh). Under strict, see
# pvscsi-context.sh.
. /tests/lib.sh

hba_disk_fio vmw_pvscsi pvscsi
