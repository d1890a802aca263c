# SPDX-License-Identifier: GPL-2.0
#
# dmavec: build, boot and test a patched Linux 6.12 in QEMU.
#   make run     build what is missing, boot (strict IOMMU), run the demo
#   make check   every test: static checks, KUnit and guest tests in all
#                five IOMMU profiles, host tests; ends "N passed, N failed"
# See README.md for the rest.

BUILD ?= $(CURDIR)/build
export BUILD

PROFILE ?= strict
SUITE ?= dma*
TESTS ?=
PROFILES := strict lazy pt swiotlb off

# Debian packages every target needs (bookworm names).
PACKAGES := build-essential flex bison bc libelf-dev libssl-dev dwarves \
	ccache cpio xz-utils zstd kmod rsync file python3 perl \
	qemu-system-x86 busybox-static fio e2fsprogs nvme-cli \
	sparse coccinelle gnuplot-nox ca-certificates python3-ply python3-git \
	clang libclang-rt-14-dev gcc-powerpc64-linux-gnu

.PHONY: all setup src tree build kernel initramfs run check kunit boot bench \
	static cocci-reach cocci-report export-patches probe-accel clean distclean help

all: build

help:
	@sed -n '3,7p' Makefile

setup:
	@scripts/setup.sh $(PACKAGES)

src: setup
	@scripts/fetch-kernel.sh > /dev/null

tree: src
	@scripts/assemble-tree.sh > /dev/null

kernel: setup
	@scripts/build-kernel.sh

initramfs: kernel
	@scripts/build-initramfs.sh

build: initramfs probe-accel

probe-accel: kernel
	@scripts/probe-accel.sh

run: build
	@scripts/run-demo.sh

check: setup
	@scripts/check.sh

# Apply coccinelle/ to 6.12's SCSI drivers, build what it converted.
cocci-reach: setup
	@scripts/cocci-reach.sh

# Classify every dma_map_sg*() and scsi_dma_map() call of 6.12.
cocci-report: setup
	@scripts/cocci-report.sh

# One boot: KUnit suites matching SUITE (and guest TESTS) in PROFILE.
kunit: build
	@scripts/qemu-run.py --profile $(PROFILE) --kunit '$(SUITE)' --tests '$(TESTS)'

# One boot of guest TESTS (comma-separated tests/guest/ names), no KUnit.
boot: build
	@scripts/qemu-run.py --profile $(PROFILE) --tests '$(TESTS)' -v

# Benchmarks: instruction counts under QEMU -icount (bench/, not tests).
bench: initramfs
	@scripts/bench.sh

static: kernel
	@scripts/static-checks.sh

export-patches:
	@scripts/export-patches.sh

clean:
	rm -rf $(BUILD)/obj $(BUILD)/initramfs* $(BUILD)/logs $(BUILD)/disks $(BUILD)/modroot

distclean:
	rm -rf $(BUILD)
