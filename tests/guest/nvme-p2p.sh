#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# PCI peer-to-peer I/O: O_DIRECT reads and writes between the namespace of
# the NVMe controller that has a memory buffer (serial dmavecp2p) and that
# buffer itself, published as p2pmem and mmap()ed through sysfs. nvme-pci
# maps the P2P pages through dmavec by bus address, with no IOMMU mapping
# and nothing recorded; the data is compared both ways.
. /tests/lib.sh

dev=$(nvme_disk dmavecp2p) || fail "no namespace on the NVMe disk dmavecp2p"
pci=$(readlink -f "/sys/block/${dev#/dev/}/device/device")
[ -e "$pci/p2pmem/allocate" ] || fail "$pci publishes no p2pmem"
# the controller moved data to and from its own memory buffer
expect_device pci_nvme_map_addr_cmb
echo "DMAVEC-P2P $dev buffer $(cat "$pci/p2pmem/size") bytes at ${pci##*/}"
nvme-p2p "$dev" "$pci/p2pmem/allocate" || fail "P2P I/O"
