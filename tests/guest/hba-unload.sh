#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The example HBA taken away under I/O: with fio running at queue depth 32,
# rmmod must be refused (the disk is open), then the device is unbound,
# which fails the I/O still queued and waits for what the HBA holds; fio
# ends, the module unloads, loads again and serves a verified fio run. The
# harness fails the boot on any leak (kmemleak) or DMA-API debug report,
# such as a mapping left behind.
. /tests/lib.sh

dev=$(hba_load) || fail "example_hba did not come up"
fio --name=unplug --filename="$dev" --direct=1 --ioengine=libaio \
	--iodepth=32 --rw=randrw --bssplit=4k/50:128k/50 --size=32M \
	--time_based --runtime=120 > /tmp/unplug.out 2>&1 &
pid=$!
sleep 4
before=$(hba_stat commands)
rmmod example_hba 2>/dev/null && fail "rmmod succeeded with the disk open"
echo 0000:00:11.0 > /sys/bus/pci/drivers/example_hba/unbind || fail "unbind"
wait $pid
rc=$?
echo "DMAVEC-HBA-UNPLUG commands-before-unbind $before fio-rc $rc"
[ "$before" -gt 0 ] || fail "no I/O ran before the unbind"
[ "$rc" -ne 0 ] || fail "fio did not see the disk go"
hba_unload

dev=$(hba_load) || fail "example_hba did not come back"
run_fio hba-reload --filename="$dev" --ioengine=libaio --iodepth=32 \
	--rw=randwrite --size=8M --bssplit=4k/50:128k/50 || fail "fio after reload"
hba_unload
