// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-p2p: O_DIRECT I/O between an NVMe namespace and PCI peer-to-peer
 * memory: the controller's own memory buffer, published as p2pmem and
 * mapped into this process through sysfs. nvme-pci maps such a buffer by
 * bus address (the controller is its own peer), without the IOMMU.
 *
 *   nvme-p2p /dev/nvmeXn1 /sys/bus/pci/devices/<bdf>/p2pmem/allocate
 *
 * For each case (length, offset in the P2P buffer, LBA): write a pattern
 * from P2P memory to the disk and read it back into RAM; write another
 * from RAM and read it back into P2P memory; compare both. Prints one
 * line per case and exits non-zero on the first failure.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define P2P_SIZE	(2 << 20)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static unsigned int seed = 7;

static void fill(unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		seed = seed * 1103515245 + 12345;
		p[i] = seed >> 16;
	}
}

/* memcmp() may read P2P memory in wide unaligned loads; compare bytes. */
static int differ(const volatile unsigned char *a, const unsigned char *b,
		  size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return 1;
	return 0;
}

static int xfer(int write, int fd, void *buf, size_t len, off_t pos)
{
	ssize_t n = write ? pwrite(fd, buf, len, pos) : pread(fd, buf, len, pos);

	if (n == (ssize_t)len)
		return 0;
	fprintf(stderr, "%s %zu at %lld: %zd (%m)\n", write ? "pwrite" : "pread",
		len, (long long)pos, n);
	return 1;
}

int main(int argc, char **argv)
{
	static const struct { size_t len, off; } cases[] = {
		{ 4096, 0 }, { 8192, 4096 }, { 65536, 0 }, { 512, 512 },
		{ 131072, 4096 }, { 1 << 20, 0 },
	};
	unsigned char *p2p, *ram, *ref;
	unsigned int i;
	int fd, pf;

	if (argc != 3) {
		fprintf(stderr, "usage: %s /dev/nvmeXn1 .../p2pmem/allocate\n",
			argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_DIRECT);
	pf = open(argv[2], O_RDWR);
	if (fd < 0 || pf < 0) {
		perror(fd < 0 ? argv[1] : argv[2]);
		return 1;
	}
	p2p = mmap(NULL, P2P_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, pf, 0);
	ram = aligned_alloc(4096, P2P_SIZE);
	ref = malloc(P2P_SIZE);
	if (p2p == MAP_FAILED || !ram || !ref) {
		perror("p2pmem mmap");
		return 1;
	}
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t len = cases[i].len, off = cases[i].off;
		off_t pos = (off_t)i << 21;

		/* P2P memory -> disk -> RAM */
		fill(ref, len);
		memcpy(p2p + off, ref, len);
		memset(ram, 0, len);
		if (xfer(1, fd, p2p + off, len, pos) || xfer(0, fd, ram, len, pos))
			return 1;
		if (differ(ram, ref, len)) {
			printf("DMAVEC-P2P len %zu off %zu from-p2p MISMATCH\n", len, off);
			return 1;
		}
		/* RAM -> disk -> P2P memory */
		fill(ref, len);
		memcpy(ram, ref, len);
		memset(p2p + off, 0, len);
		if (xfer(1, fd, ram, len, pos) || xfer(0, fd, p2p + off, len, pos))
			return 1;
		if (differ(p2p + off, ref, len)) {
			printf("DMAVEC-P2P len %zu off %zu to-p2p MISMATCH\n", len, off);
			return 1;
		}
		printf("DMAVEC-P2P len %zu off %zu ok\n", len, off);
	}
	return 0;
}
