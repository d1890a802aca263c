#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# SCSI commands to the example HBA's third logical unit through SG_IO
# (tests/guest/hba-sense.c): identification, capacity, REPORT LUNS, the
# ILLEGAL REQUEST sense of an unsupported opcode, an out-of-range LBA and
# unsupported pages, a residual, data through unaligned buffers.
. /tests/lib.sh

disks=$(hba_load luns=3 capacity_mb=16) || fail "example_hba did not come up"
set -- $disks
hba-sense "$3" 3 16 || fail "hba-sense"
hba_unload
