#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# SCSI commands to the example HBA's third logical unit through SG_IO
# (tests/guest/hba-sense.c): identification, capacity, REPORT LUNS, the
# ILLEGAL REQUEST sense of an unsupported opcode, an out-of-range LBA and
# unsupported pages, a residual, data through unaligned buffers. Then the
# error handler: the HBA holds one command (its stall attribute), which
# times out and must be taken back by the abort handler, unmapped (the
# harness fails the boot on a mapping left at unload); the unit keeps
# working.
. /tests/lib.sh

disks=$(hba_load luns=3 capacity_mb=16) || fail "example_hba did not come up"
set -- $disks
hba-sense "$3" 3 16 || fail "hba-sense"
echo 1 > "$(hba_host)/stall" || fail "stall"
hba-sense --stalled "$3" || fail "a held command did not time out"
[ "$(hba_stat aborts)" -eq 1 ] || fail "the abort did not take the command back"
hba-sense "$3" 3 16 || fail "hba-sense after the abort"
hba_unload
