# SPDX-License-Identifier: GPL-2.0
# Helpers for guest test scripts; sourced.

fail() { echo "FAIL: $*"; exit 1; }

# run_fio NAME FIO-ARGS...: fio with crc32c verify, one summary line.
# Prints "DMAVEC-FIO <name> err=<e> read_kib=<r> write_kib=<w>" and fails
# on any fio error, verify mismatch, or an I/O-less run.
run_fio() {
	name=$1
	shift
	out=$(fio --name="$name" --direct=1 --verify=crc32c --do_verify=1 \
		--verify_fatal=1 --randrepeat=1 --output-format=terse \
		--terse-version=3 "$@" 2>/tmp/fio.err)
	rc=$?
	line=$(echo "$out" | grep '^3;' | tail -n 1)
	err=$(echo "$line" | cut -d';' -f5)
	rd=$(echo "$line" | cut -d';' -f6)
	wr=$(echo "$line" | cut -d';' -f47)
	echo "DMAVEC-FIO $name err=${err:-?} read_kib=${rd:-0} write_kib=${wr:-0} rc=$rc"
	if [ "$rc" -ne 0 ] || [ "$err" != 0 ] || [ "${rd:-0}" -eq 0 ]; then
		cat /tmp/fio.err
		return 1
	fi
}
