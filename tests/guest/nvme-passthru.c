// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-passthru: write and read back NVMe namespace blocks through the
 * passthrough ioctl (NVME_IOCTL_IO_CMD) from user buffers at chosen
 * offsets from a page boundary, and compare. An offset that is not a
 * multiple of 4 is below the queue's DMA alignment, so the block layer
 * copies it; one that is (120, the fio mem_align of the RFC's dead loop)
 * is mapped in place, with its first range starting mid page.
 *
 *   nvme-passthru /dev/nvmeXn1 OFFSET...
 *
 * For each offset and each length of 1, 2, 8, 33 and 256 blocks, at a
 * different LBA each time: fill with a pattern, write, read into a second
 * buffer at the same offset, compare. Prints one line per case and exits
 * non-zero on the first failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/nvme_ioctl.h>
#include <linux/types.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define NVME_CMD_WRITE	0x01
#define NVME_CMD_READ	0x02
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int io(int fd, unsigned int nsid, int op, void *buf, __u64 lba,
	      unsigned int blocks, unsigned int bsize)
{
	struct nvme_passthru_cmd cmd = {
		.opcode = op,
		.nsid = nsid,
		.addr = (uintptr_t)buf,
		.data_len = blocks * bsize,
		.cdw10 = (__u32)lba,
		.cdw11 = (__u32)(lba >> 32),
		.cdw12 = blocks - 1,
	};
	int ret = ioctl(fd, NVME_IOCTL_IO_CMD, &cmd);

	if (ret)
		fprintf(stderr, "%s lba %llu blocks %u: %s\n",
			op == NVME_CMD_WRITE ? "write" : "read",
			(unsigned long long)lba, blocks,
			ret < 0 ? strerror(errno) : "NVMe status");
	return ret;
}

int main(int argc, char **argv)
{
	static const unsigned int lens[] = { 1, 2, 8, 33, 256 };
	unsigned int bsize, i, a, seed = 1;
	__u64 lba = 0;
	int fd, nsid;

	if (argc < 3) {
		fprintf(stderr, "usage: %s /dev/nvmeXn1 OFFSET...\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || ioctl(fd, BLKSSZGET, &bsize)) {
		perror(argv[1]);
		return 1;
	}
	nsid = ioctl(fd, NVME_IOCTL_ID);
	if (nsid <= 0) {
		perror("NVME_IOCTL_ID");
		return 1;
	}
	for (a = 2; a < (unsigned int)argc; a++) {
		unsigned long off = strtoul(argv[a], NULL, 0);

		for (i = 0; i < ARRAY_SIZE(lens); i++) {
			size_t len = (size_t)lens[i] * bsize, k;
			unsigned char *wb = aligned_alloc(4096, len + 8192);
			unsigned char *rb = aligned_alloc(4096, len + 8192);

			if (!wb || !rb)
				return 1;
			for (k = 0; k < len; k++) {
				seed = seed * 1103515245 + 12345;
				wb[off + k] = seed >> 16;
			}
			memset(rb, 0xa5, len + 8192);
			if (io(fd, nsid, NVME_CMD_WRITE, wb + off, lba, lens[i],
			       bsize) ||
			    io(fd, nsid, NVME_CMD_READ, rb + off, lba, lens[i],
			       bsize))
				return 1;
			if (memcmp(wb + off, rb + off, len)) {
				printf("DMAVEC-PASSTHRU offset %lu blocks %u MISMATCH\n",
				       off, lens[i]);
				return 1;
			}
			printf("DMAVEC-PASSTHRU offset %lu blocks %u ok\n", off,
			       lens[i]);
			lba += lens[i];
			free(wb);
			free(rb);
		}
	}
	return 0;
}
