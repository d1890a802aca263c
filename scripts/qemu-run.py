#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot the dmavec test kernel in QEMU and judge the run.

One boot: q35 with an emulated Intel VT-d, an emulated NVMe disk and QEMU's
edu DMA engines, the kernel command line of a named IOMMU profile, the
initramfs from build-initramfs.sh. The console is logged and parsed:

  * KUnit KTAP results (every leaf test case, parameters included),
  * guest test results ("DMAVEC-TEST <name> PASS|FAIL" from tests/guest/init),
  * splats: WARN, BUG, KASAN, lockdep, DMA-API debug, IOMMU faults, kmemleak,
  * what the emulated NVMe controllers saw: QEMU traces their PRP and SGL
    walks and their DMA errors; any such error fails the run, and a guest
    test may demand that an event happened, or never did, optionally with
    some text in its arguments ("DMAVEC-EXPECT-DEVICE <event> [text]",
    "DMAVEC-FORBID-DEVICE <event> [text]", judged as "device/...").

Every result is printed as "PASS: <name>" or "FAIL: <name>" lines (the
format scripts/tally.sh sums); the exit status is 0 only if every result
passed, the guest finished, and nothing splatted. A guest that hangs is
killed at --timeout and fails the run.
"""
import argparse
import os
import re
import select
import signal
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD", os.path.join(REPO, "build"))

PROFILES = {
    "strict": "intel_iommu=on iommu.strict=1",
    "lazy": "intel_iommu=on iommu.strict=0",
    "pt": "intel_iommu=on iommu=pt",
    "swiotlb": "intel_iommu=off swiotlb=force",
    "off": "intel_iommu=off",
}

# PCI slots of the edu devices: one claimed by the KUnit suites, one for
# the example HBA. Both drive all 64 address bits.
EDU_DEVICES = {"10.0": "kunit", "11.0": "example_hba"}

SPLAT = re.compile(
    r"(WARNING:|BUG:|Oops|general protection fault|Kernel panic|kernel BUG at|"
    r"UBSAN:|INFO: task .* blocked|possible circular locking|"
    r"possible recursive locking|inconsistent lock state|"
    r"DMA-API: .*(driver|device)|DMAR: \[DMA (Read|Write)|DMAR: DRHD: handling fault|"
    r"DMAR: \[INTR-REMAP|unreferenced object|BUG: KASAN)")
# Tests that provoke a report on purpose bracket it with these markers.
EXPECT_BEGIN = "dmavec: expect splat begin"
EXPECT_END = "dmavec: expect splat end"
# ... and announce each DMA-API debug error they provoke and asserted.
EXPECTED_DMA_ERRORS = re.compile(r"dmavec: expected DMA-API errors (\d+)")
TS = re.compile(r"^\[\s*\d+\.\d+\]\s?")
# QEMU trace events of the NVMe controllers: the descriptor walks tests may
# ask for, and the DMA errors that fail a run (a bad PRP or SGL, an address
# the IOMMU refused, a transfer over MDTS).
DEVICE_EVENTS = ["pci_nvme_map_prp", "pci_nvme_map_sgl", "pci_nvme_dif_check",
                 "pci_nvme_dsm_deallocate", "pci_nvme_map_addr_cmb"]
DEVICE_ERRORS = ["pci_nvme_err_mdts", "pci_nvme_err_addr_read",
                 "pci_nvme_err_addr_write", "pci_nvme_err_invalid_sgld",
                 "pci_nvme_err_invalid_num_sgld",
                 "pci_nvme_err_invalid_sgl_excess_length",
                 "pci_nvme_err_invalid_dma", "pci_nvme_err_invalid_prplist_ent",
                 "pci_nvme_err_invalid_prp2_align"]
# The same for QEMU's megasas-gen2 (--megasas): a frame it could not map,
# an SGL that is malformed or does not cover the transfer. A strict or lazy
# IOMMU profile hits megasas_qf_map_failed without any driver bug: QEMU 7.2
# maps 2 KiB from each frame's address, past the end of megaraid_sas's
# 1 KiB frames, and a frame at the end of a mapped page faults
# (doc/notes/issue-8.md). --megasas is meant for pt, swiotlb and off.
MEGASAS_ERRORS = ["megasas_qf_map_failed", "megasas_iovec_sgl_overflow",
                  "megasas_iovec_sgl_underflow", "megasas_iovec_sgl_invalid",
                  "megasas_iovec_overflow", "megasas_iovec_underflow"]
# Error events that are not errors with this text: QEMU 7.2's megasas logs
# every SCSI command without data (sge_count 0) as an SGL "overflow"; stock
# 6.12 gets the same lines.
BENIGN = {"megasas_iovec_sgl_overflow": "iovec count 0 "}
TRACE_LINE = re.compile(r"^(?:\d+@[\d.]+:)?((?:pci_nvme|megasas)_\w+)")
KTAP_RESULT = re.compile(r"^(\s*)(not ok|ok) (\d+) ([^#]*?)\s*(#\s*(.*))?$")


def qemu_cmd(args, kernel, initrd, disk, meta_disk, p2p_disk, megasas_disk, pvscsi_disk,
             trace_log):
    append = " ".join(filter(None, [
        "console=ttyS0 panic=1 no_hash_pointers",
        PROFILES[args.profile],
        "dmavec_kunit.profile=" + args.profile,
        "kunit.filter_glob=" + args.kunit if args.kunit else "kunit.enable=0",
        "dmavec.tests=" + ",".join(args.tests) if args.tests else "",
        args.append,
    ]))
    accel = ["-accel", "tcg"]
    if args.icount:
        accel += ["-icount", "shift=0,sleep=off"]
    elif args.accel == "kvm":
        accel = ["-accel", "kvm", "-cpu", "host"]
    cmd = ["qemu-system-x86_64", "-M", "q35,kernel-irqchip=split", *accel,
           "-m", str(args.mem), "-smp", str(1 if args.icount else args.smp),
           "-device", "intel-iommu,intremap=on",
           "-nographic", "-no-reboot", "-monitor", "none", "-serial", "stdio",
           "-kernel", kernel, "-initrd", initrd, "-append", append,
           "-drive", f"file={disk},if=none,id=nvm,format=raw,cache=unsafe",
           "-device", "nvme,serial=dmavec0,drive=nvm",
           # its controller memory buffer is PCI P2P memory for the P2P
           # tests (the controller is its own bus-address peer), and its
           # namespace the disk of nvme-p2p
           "-drive", f"file={p2p_disk},if=none,id=nvmp,format=raw,cache=unsafe",
           "-device", "nvme,serial=dmavecp2p,cmb_size_mb=16,drive=nvmp",
           # a namespace with 64 bytes of separate metadata per 4 KiB block,
           # protection information type 1 in its last 8: the integrity
           # buffer is mapped, and the controller checks every guard and
           # tag. (With 8 bytes per 512-byte block, integrity buffers of
           # concurrent reads share cache lines and 6.12's dma-debug reports
           # that, with or without dmavec; whole cache lines avoid it.)
           "-drive", f"file={meta_disk},if=none,id=nvmm,format=raw,cache=unsafe",
           "-device", "nvme,id=nvmeta,serial=dmavecmeta",
           "-device", "nvme-ns,drive=nvmm,bus=nvmeta,nsid=1,logical_block_size=4096,"
                      "physical_block_size=4096,ms=64,pi=1",
           "-D", trace_log]
    for ev in DEVICE_EVENTS + DEVICE_ERRORS:
        cmd += ["-trace", ev]
    for slot in EDU_DEVICES:
        cmd += ["-device", f"edu,addr={slot},dma_mask=0xffffffffffffffff"]
    if megasas_disk:
        # an emulated MegaRAID SAS 2108 (megaraid_sas, MFI commands) with
        # one disk, the disk of tests/guest/megasas-fio.sh
        cmd += ["-device", "megasas-gen2,id=mraid",
                "-drive", f"file={megasas_disk},if=none,id=mdisk,format=raw,cache=unsafe",
                "-device", "scsi-hd,drive=mdisk,bus=mraid.0"]
        for ev in MEGASAS_ERRORS:
            cmd += ["-trace", ev]
    if pvscsi_disk:
        # VMware's paravirtual SCSI HBA (vmw_pvscsi) with one disk, the disk
        # of tests/guest/pvscsi-fio.sh. QEMU 7.2 reads its request
        # descriptors by guest-physical address, past the IOMMU: behind a
        # translating IOMMU (strict, lazy) no request reaches the disk
        # (doc/notes/issue-8.md). Its data goes through the IOMMU.
        cmd += ["-device", "pvscsi,id=pv",
                "-drive", f"file={pvscsi_disk},if=none,id=pvdisk,format=raw,cache=unsafe",
                "-device", "scsi-hd,drive=pvdisk,bus=pv.0"]
    return cmd + args.qemu_arg


class Judge:
    """Reads the console line by line and keeps the verdicts."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.results = []          # (name, passed)
        self.splats = []
        self.expecting = False
        self.done = False
        self.leaks = None
        self.dma_api_errors = None
        self.expected_dma_api_errors = 0
        self.expect_device = []    # (event, text, wanted) a guest test asked for
        self.kunit_lines = 0
        self.stack = []            # KTAP: (indent, name, failures) of open subtests

    def add(self, name, passed):
        self.results.append((f"{self.prefix}:{name}", passed))

    def ktap(self, line):
        m = re.match(r"^(\s*)# Subtest: (.*)$", line)
        if m:
            depth = len(m.group(1))
            self.stack = [s for s in self.stack if s[0] < depth]
            self.stack.append((depth, m.group(2).strip(), self.failures()))
            return
        m = KTAP_RESULT.match(line)
        if not m or not self.stack:
            return
        depth = len(m.group(1))
        passed = m.group(2) == "ok"
        if (m.group(6) or "").upper().startswith("SKIP"):
            passed = None
        name = "/".join([s[1] for s in self.stack if s[0] <= depth] + [m.group(4).strip()])
        closed = [s for s in self.stack if s[0] > depth]
        self.stack = [s for s in self.stack if s[0] <= depth]
        self.kunit_lines += 1
        if not closed:
            self.add(name, passed)
        elif passed is False and self.failures() == closed[0][2]:
            # A suite or parameterised case that failed with no failing
            # child (it could not start, say) counts as one failure.
            self.add(name, False)

    def failures(self):
        return sum(1 for _, passed in self.results if passed is False)

    def feed(self, raw):
        line = TS.sub("", raw.rstrip("\r\n"))
        if EXPECT_BEGIN in line:
            self.expecting = True
        elif EXPECT_END in line:
            self.expecting = False
        elif SPLAT.search(line) and not self.expecting:
            self.splats.append(line.strip())
        m = re.match(r"^DMAVEC-TEST (\S+) (PASS|FAIL)$", line)
        if m:
            self.add("guest/" + m.group(1), m.group(2) == "PASS")
        m = re.match(r"^DMAVEC-KMEMLEAK (\d+)", line)
        if m:
            self.leaks = int(m.group(1))
        m = EXPECTED_DMA_ERRORS.search(line)
        if m:
            self.expected_dma_api_errors += int(m.group(1))
        m = re.match(r"^DMAVEC-DMA-API-ERRORS (\d+)", line)
        if m:
            self.dma_api_errors = int(m.group(1))
        m = re.match(r"^DMAVEC-(EXPECT|FORBID)-DEVICE (\w+) ?(.*)$", line)
        if m:
            want = (m.group(2), m.group(3).strip(), m.group(1) == "EXPECT")
            if want not in self.expect_device:
                self.expect_device.append(want)
        if line.startswith("DMAVEC-DONE"):
            self.done = True
        self.ktap(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", default="strict", choices=sorted(PROFILES))
    ap.add_argument("--kunit", default="", help="KUnit filter glob (default: no KUnit)")
    ap.add_argument("--tests", default="", help="comma-separated guest tests")
    ap.add_argument("--timeout", type=int, default=600, help="seconds before the guest is killed")
    ap.add_argument("--icount", action="store_true", help="deterministic -icount shift=0,sleep=off")
    ap.add_argument("--accel", default=None, help="tcg or kvm (default: $BUILD/accel, else tcg)")
    ap.add_argument("--megasas", action="store_true",
                    help="add QEMU's megasas-gen2 HBA with a disk (pt, swiotlb, off)")
    ap.add_argument("--pvscsi", action="store_true",
                    help="add QEMU's pvscsi HBA with a disk (pt, swiotlb, off)")
    ap.add_argument("--mem", default="2G")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--append", default="", help="extra kernel command line")
    ap.add_argument("--qemu-arg", action="append", default=[], help="extra QEMU argument")
    ap.add_argument("--kernel", default=os.path.join(BUILD, "obj/arch/x86/boot/bzImage"))
    ap.add_argument("--initrd", default=os.path.join(BUILD, "initramfs.cpio"))
    ap.add_argument("--log", default=None, help="console log file")
    ap.add_argument("--name", default=None, help="result name prefix (default: profile)")
    ap.add_argument("-v", "--verbose", action="store_true", help="echo the console")
    args = ap.parse_args()
    args.tests = [t for t in args.tests.split(",") if t]
    if args.accel is None:
        try:
            with open(os.path.join(BUILD, "accel")) as f:
                args.accel = f.read().strip() or "tcg"
        except OSError:
            args.accel = "tcg"

    for f in (args.kernel, args.initrd):
        if not os.path.exists(f):
            sys.exit(f"qemu-run: {f} is missing: run 'make build' first")
    name = args.name or args.profile
    log_path = args.log or os.path.join(BUILD, "logs", f"{name}.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    disk = os.path.join(BUILD, "disks", f"{name}-nvme.img")
    meta_disk = os.path.join(BUILD, "disks", f"{name}-nvme-meta.img")
    p2p_disk = os.path.join(BUILD, "disks", f"{name}-nvme-p2p.img")
    megasas_disk = os.path.join(BUILD, "disks", f"{name}-megasas.img") if args.megasas else None
    pvscsi_disk = os.path.join(BUILD, "disks", f"{name}-pvscsi.img") if args.pvscsi else None
    os.makedirs(os.path.dirname(disk), exist_ok=True)
    disks = [(disk, 512 << 20), (meta_disk, 64 << 20), (p2p_disk, 64 << 20)]
    for hba_disk in (megasas_disk, pvscsi_disk):
        if hba_disk:
            disks.append((hba_disk, 128 << 20))
    for path, size in disks:
        with open(path, "wb") as f:
            f.truncate(size)
    trace_log = os.path.splitext(log_path)[0] + ".qemu-trace"
    if os.path.exists(trace_log):
        os.remove(trace_log)

    cmd = qemu_cmd(args, args.kernel, args.initrd, disk, meta_disk, p2p_disk, megasas_disk,
                   pvscsi_disk, trace_log)
    judge = Judge(name)
    start = time.monotonic()
    timed_out = False
    with open(log_path, "w") as log:
        log.write("# " + " ".join(cmd) + "\n")
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
        buf = b""
        while True:
            left = args.timeout - (time.monotonic() - start)
            if left <= 0:
                timed_out = True
                break
            r, _, _ = select.select([proc.stdout], [], [], min(left, 5))
            if not r:
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for b in lines:
                text = b.decode("utf-8", "replace")
                log.write(text + "\n")
                if args.verbose:
                    print(text, flush=True)
                judge.feed(text)
        if buf:
            judge.feed(buf.decode("utf-8", "replace"))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    elapsed = time.monotonic() - start

    events = {}
    seen = {w: 0 for w in judge.expect_device}
    try:
        with open(trace_log, errors="replace") as f:
            for line in f:
                m = TRACE_LINE.match(line)
                if not m or BENIGN.get(m.group(1), "\0") in line:
                    continue
                events[m.group(1)] = events.get(m.group(1), 0) + 1
                for w in seen:
                    if w[0] == m.group(1) and w[1] in line:
                        seen[w] += 1
    except OSError:
        pass
    for (ev, text, wanted), n in seen.items():
        what = f"{ev} {text}".strip()
        judge.add(f"device/{what}" + ("" if wanted else " (never)"),
                  n > 0 if wanted else n == 0)

    ok = True
    for n, passed in judge.results:
        if passed is None:
            print(f"SKIP: {n}")
            continue
        print(f"{'PASS' if passed else 'FAIL'}: {n}")
        ok &= passed
    problems = []
    if timed_out:
        problems.append(f"guest did not finish within {args.timeout}s (hang?)")
    elif not judge.done:
        problems.append(f"guest stopped before finishing (QEMU exit {proc.returncode})")
    if args.kunit and judge.kunit_lines == 0:
        problems.append(f"no KUnit results for '{args.kunit}'")
    for t in args.tests:
        if not any(n == f"{name}:guest/{t}" for n, _ in judge.results):
            problems.append(f"guest test {t} reported nothing")
    unexpected = (judge.dma_api_errors or 0) - judge.expected_dma_api_errors
    if unexpected:
        problems.append(f"DMA-API debug: {judge.dma_api_errors} errors, "
                        f"{judge.expected_dma_api_errors} provoked by tests")
    if judge.leaks:
        problems.append(f"kmemleak: {judge.leaks} unreferenced objects")
    for ev in DEVICE_ERRORS + MEGASAS_ERRORS:
        if events.get(ev):
            problems.append(f"device: {events[ev]} x {ev} "
                            f"(see {os.path.relpath(trace_log, REPO)})")
    for s in judge.splats[:10]:
        problems.append("splat: " + s)
    if len(judge.splats) > 10:
        problems.append(f"... {len(judge.splats) - 10} more splat lines")
    print(f"{'PASS' if not problems else 'FAIL'}: {name}:boot-clean")
    for p in problems:
        print(f"  {name}: {p}")
    counts = ", ".join(f"{ev} {events.get(ev, 0)}" for ev in DEVICE_EVENTS)
    print(f"  {name}: {elapsed:.0f}s, log {os.path.relpath(log_path, REPO)}; device: {counts}")
    return 0 if ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
