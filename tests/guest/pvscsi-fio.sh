#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The disk behind QEMU's pvscsi (VMware PVSCSI), driven by vmw_pvscsi as
# 6.12 has it (not converted yet): the same fio verify, mkfs.ext4 and
# tree_check as megasas-fio. Run by hand with qemu-run.py --pvscsi, to
# compare with the converted drivers and to study the stock driver's
# failure under a strict IOMMU.
. /tests/lib.sh

hba_disk_fio vmw_pvscsi pvscsi
