#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A file system on an example HBA disk: mkfs.ext4, then tree_check (a tree
# of files, their checksums, unmount, mount again, compare), then a clean
# unload.
. /tests/lib.sh

dev=$(hba_load capacity_mb=64) || fail "example_hba did not come up"
mkfs.ext4 -q -F "$dev" || fail "mkfs.ext4 $dev"
tree_check "$dev"
hba_unload
