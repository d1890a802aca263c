#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The disk behind QEMU's megasas-gen2 (an emulated MegaRAID SAS 2108),
# whose driver maps its MFI commands with the dmavec mapper that
# coccinelle/scsi_dma_map_sgl.cocci generated (patch 0018): fio crc32c
# verify at 512 B..1 MiB with aligned and unaligned buffers, then mkfs.ext4
# and tree_check.
. /tests/lib.sh

hba_disk_fio megaraid_sas megasas
