#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# NVMe benchmark (make bench, not a test): fio 4 KiB random reads (queue
# depth 1 and 32) and 128 KiB sequential reads (32) on the NVMe disk,
# O_DIRECT. For each, the guest CPU time it took: elapsed time of every CPU
# less their idle and I/O-wait time, from /proc/timer_list in nanoseconds
# (a NO_HZ kernel keeps idle time exactly). Under QEMU -icount shift=0 a nanosecond of guest time is
# one guest instruction, so busy time per I/O is the instructions per I/O.
# Prints "DMAVEC-NVME-BENCH <job> ios=N busy_ns=B per_io=P iops=I".
. /tests/lib.sh

dev=$(nvme_disk dmavec0) || fail "no namespace on the NVMe disk dmavec0"
snap() {
	awk '/^now at/ { now = $3 } /[.](idle|iowait)_sleeptime/ { idle += $3 }
	     /[.]idle_sleeptime/ { cpus++ }
	     END { printf "%.0f %.0f\n", now * cpus, idle }' /proc/timer_list
}
grep -q idle_sleeptime /proc/timer_list || fail "no idle time in /proc/timer_list (NO_HZ off?)"

bench() { # bench NAME BS IOS QD FIO-ARGS...
	name=$1 bs=$2 ios=$3 qd=$4
	shift 4
	s0=$(snap)
	out=$(fio --name="$name" --filename="$dev" --direct=1 --ioengine=libaio \
		--iodepth="$qd" --bs="$bs" --number_ios="$ios" --size=512M \
		--output-format=terse --terse-version=3 "$@" 2>/tmp/fio.err)
	s1=$(snap)
	line=$(echo "$out" | grep '^3;' | tail -n 1)
	kib=$(echo "$line" | cut -d';' -f6)
	iops=$(echo "$line" | cut -d';' -f8)
	[ "${kib:-0}" -gt 0 ] || { cat /tmp/fio.err; fail "fio $name"; }
	echo "$s0 $s1" | awk -v n="$name" -v kib="$kib" -v bs="$bs" -v iops="$iops" '{
		sub(/k$/, "", bs); ios = kib / bs; busy = ($3 - $1) - ($4 - $2);
		printf "DMAVEC-NVME-BENCH %s ios=%.0f busy_ns=%.0f per_io=%.0f iops=%s\n",
		       n, ios, busy, busy / ios, iops }'
}

# warm up: page tables, slab caches, IOVA caches
fio --name=warm --filename="$dev" --direct=1 --ioengine=libaio --iodepth=32 \
	--rw=randread --bs=4k --number_ios=2000 --size=512M > /dev/null 2>&1
bench randread4kqd1 4k 10000 1 --rw=randread --randrepeat=1
bench randread4k 4k 20000 32 --rw=randread --randrepeat=1
bench seqread128k 128k 4000 32 --rw=read
