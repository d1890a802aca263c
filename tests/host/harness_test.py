#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Self-tests of scripts/qemu-run.py's console judge on fixed consoles.

The harness must never pass a run it should fail: each case feeds a
console transcript and checks the verdicts the judge draws from it.
Prints one PASS:/FAIL: line per case.
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "qemu_run", os.path.join(HERE, "..", "..", "scripts", "qemu-run.py"))
qemu_run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qemu_run)

KTAP = """\
[    5.1] KTAP version 1
[    5.1] 1..2
[    5.1]     KTAP version 1
[    5.1]     # Subtest: dmavec_edu
[    5.1]     1..3
[    5.1]     ok 1 edu_profile_in_force
[    5.1]         KTAP version 1
[    5.1]         # Subtest: edu_roundtrip
[    5.1]         ok 1 1 byte
[    5.1]         {second} 2 120 bytes at 3
[    5.1]         ok 3 one page # SKIP not here
[    5.1]     {second} 2 edu_roundtrip
[    5.1]     ok 3 edu_rejects_bad_range
[    5.1] {second} 1 dmavec_edu
[    5.1]     KTAP version 1
[    5.1]     # Subtest: broken_suite
[    5.1]     # failed to initialize (-12)
[    5.1] not ok 2 broken_suite
"""


def judge(text):
    j = qemu_run.Judge("p")
    for line in text.splitlines():
        j.feed(line)
    return j


def verdicts(j):
    return {name: passed for name, passed in j.results}


def case_ktap_leaves():
    v = verdicts(judge(KTAP.format(second="ok")))
    assert v["p:dmavec_edu/edu_roundtrip/1 byte"] is True
    assert v["p:dmavec_edu/edu_roundtrip/one page"] is None, "SKIP is a skip"
    assert "p:dmavec_edu/edu_roundtrip" not in v, "a parent is not a leaf"
    assert "p:dmavec_edu" not in v, "a passing suite adds no result"
    assert v["p:broken_suite"] is False, "a suite that cannot start fails"
    assert len(v) == 6, v


def case_ktap_failure_counted_once():
    v = verdicts(judge(KTAP.format(second="not ok")))
    fails = [n for n, p in v.items() if p is False]
    assert sorted(fails) == ["p:broken_suite",
                             "p:dmavec_edu/edu_roundtrip/120 bytes at 3"], fails


def case_splats():
    for line in ["WARNING: CPU: 1 PID: 7 at kernel/dma/debug.c:1067",
                 "BUG: KASAN: slab-out-of-bounds in foo+0x1/0x2",
                 "DMAR: [DMA Read NO_PASID] Request device [00:10.0] fault addr 0x1000",
                 "DMA-API: pci 0000:00:10.0: device driver failed to check map error",
                 "unreferenced object 0xffff888004f1c000 (size 64):",
                 "WARNING: possible circular locking dependency detected",
                 "general protection fault, probably for non-canonical address"]:
        assert judge("[ 1.0] " + line).splats, line


def case_expected_splat_ignored():
    j = judge("[1.0] dmavec: expect splat begin\n[1.0] WARNING: CPU: 0 at x\n"
              "[1.0] dmavec: expect splat end\n[1.0] WARNING: CPU: 0 at y\n")
    assert j.splats == ["WARNING: CPU: 0 at y"], j.splats


def case_clean_boot_lines_are_not_splats():
    for line in ["DMA-API: preallocated 65536 debug entries",
                 "DMA-API: debugging enabled by kernel config",
                 "DMAR: IOMMU enabled", "kmemleak: Kernel memory leak detector initialized"]:
        assert not judge("[ 0.5] " + line).splats, line


def case_guest_lines():
    j = judge("DMAVEC-TEST nvme-fio PASS\nDMAVEC-TEST other FAIL\n"
              "DMAVEC-KMEMLEAK 2\nDMAVEC-DMA-API-ERRORS 1\n")
    v = verdicts(j)
    assert v == {"p:guest/nvme-fio": True, "p:guest/other": False}, v
    assert j.leaks == 2 and j.dma_api_errors == 1 and not j.done


def case_provoked_dma_api_errors_counted():
    j = judge("[1.0] dmavec: expected DMA-API errors 1\n"
              "[2.0] dmavec: expected DMA-API errors 2\nDMAVEC-DMA-API-ERRORS 3\n")
    assert j.expected_dma_api_errors == 3 and j.dma_api_errors == 3
    j = judge("[1.0] dmavec: expected DMA-API errors 1\nDMAVEC-DMA-API-ERRORS 2\n")
    assert j.dma_api_errors - j.expected_dma_api_errors == 1, "an extra error counts"


def main():
    failed = 0
    for name, fn in sorted(globals().items()):
        if not name.startswith("case_"):
            continue
        try:
            fn()
            print(f"PASS: host:harness/{name[5:]}")
        except AssertionError as e:
            failed += 1
            print(f"FAIL: host:harness/{name[5:]}")
            print(f"    {e!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
