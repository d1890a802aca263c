// SPDX-License-Identifier: GPL-2.0
/*
 * SCSI commands to an example_hba disk through SG_IO, checking what the
 * target answers: identification, capacity and LUN list; CHECK CONDITION
 * with the right ILLEGAL REQUEST sense for an unsupported opcode, an
 * out-of-range LBA and unsupported pages; the residual of a short transfer;
 * and data written and read back through unaligned user buffers.
 *
 *   hba-sense /dev/sdX LUNS CAPACITY_MB
 *   hba-sense --stalled /dev/sdX
 *
 * The second form expects the HBA to hold the command (its stall
 * attribute): a READ with a 2 s timeout must come back timed out, taken
 * back by the error handler's abort. Prints one line per check and
 * "hba-sense: N checks, M failed"; exits 1 if any failed.
 */
#include <fcntl.h>
#include <scsi/sg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define ILLEGAL_REQUEST		0x05
#define CHECK_CONDITION		0x02
#define DID_TIME_OUT		0x03

static int fd, checks, failed;

struct answer {
	int status;		/* SCSI status byte */
	int key, asc;		/* sense key and additional sense code */
	int resid;
	int host_status;
};

static struct answer sg_timeout(const uint8_t *cdb, int cdb_len, void *buf,
				int len, int dir, unsigned int ms)
{
	uint8_t sense[32] = { 0 };
	struct sg_io_hdr h = {
		.interface_id = 'S',
		.cmdp = (uint8_t *)cdb,
		.cmd_len = cdb_len,
		.dxferp = buf,
		.dxfer_len = len,
		.dxfer_direction = len ? dir : SG_DXFER_NONE,
		.sbp = sense,
		.mx_sb_len = sizeof(sense),
		.timeout = ms,
	};
	struct answer a = { -1, -1, -1, -1, -1 };

	if (ioctl(fd, SG_IO, &h) < 0) {
		perror("SG_IO");
		return a;
	}
	a.status = h.status;
	a.resid = h.resid;
	a.host_status = h.host_status;
	if (h.sb_len_wr >= 14) {
		a.key = sense[2] & 0xf;
		a.asc = sense[12];
	}
	return a;
}

static struct answer sg(const uint8_t *cdb, int cdb_len, void *buf, int len,
			int dir)
{
	return sg_timeout(cdb, cdb_len, buf, len, dir, 20000);
}

static void check(int ok, const char *what)
{
	checks++;
	if (!ok)
		failed++;
	printf("hba-sense: %s: %s\n", ok ? "ok" : "FAILED", what);
}

static void expect_illegal(struct answer a, int asc, const char *what)
{
	char msg[160];

	snprintf(msg, sizeof(msg),
		 "%s -> status %#x key %#x asc %#x (want 0x2 0x5 %#x)",
		 what, a.status, a.key, a.asc, asc);
	check(a.status == CHECK_CONDITION && a.key == ILLEGAL_REQUEST &&
	      a.asc == asc && a.host_status == 0, msg);
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void rw10(uint8_t op, uint32_t lba, uint16_t blocks, uint8_t *cdb)
{
	memset(cdb, 0, 10);
	cdb[0] = op;
	put_be32(&cdb[2], lba);
	cdb[7] = blocks >> 8;
	cdb[8] = blocks;
}

static int stalled(const char *dev)
{
	uint8_t cdb[10], buf[512];
	struct answer a;
	char msg[120];

	fd = open(dev, O_RDWR);
	if (fd < 0) {
		perror(dev);
		return 1;
	}
	rw10(0x28, 0, 1, cdb);
	a = sg_timeout(cdb, 10, buf, 512, SG_DXFER_FROM_DEV, 2000);
	snprintf(msg, sizeof(msg), "READ(10) held by the HBA -> host status %#x (want %#x)",
		 a.host_status, DID_TIME_OUT);
	check(a.host_status == DID_TIME_OUT, msg);
	printf("hba-sense: %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	uint8_t cdb[16], buf[512], *raw, *wr, *rd;
	uint64_t last, want_blocks;
	struct answer a;
	char msg[160];
	int luns, i;

	if (argc == 3 && !strcmp(argv[1], "--stalled"))
		return stalled(argv[2]);
	if (argc != 4) {
		fprintf(stderr, "usage: %s /dev/sdX LUNS CAPACITY_MB | --stalled /dev/sdX\n",
			argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	luns = atoi(argv[2]);
	want_blocks = strtoull(argv[3], NULL, 0) * 1024 * 1024 / 512;

	uint8_t inq[6] = { 0x12, 0, 0, 0, 96, 0 };

	memset(buf, 0, sizeof(buf));
	a = sg(inq, 6, buf, 96, SG_DXFER_FROM_DEV);
	snprintf(msg, sizeof(msg), "INQUIRY -> %.8s %.16s, %d of 96 bytes",
		 buf + 8, buf + 16, 96 - a.resid);
	check(a.status == 0 && !memcmp(buf + 8, "DMAVEC  EXAMPLE HBA DISK", 24) &&
	      a.resid == 96 - 36, msg);

	uint8_t rc16[16] = { 0x9e, 0x10, [13] = 32 };

	memset(buf, 0, sizeof(buf));
	a = sg(rc16, 16, buf, 32, SG_DXFER_FROM_DEV);
	last = (uint64_t)get_be32(buf) << 32 | get_be32(buf + 4);
	snprintf(msg, sizeof(msg), "READ CAPACITY(16) -> last LBA %llu, block %u",
		 (unsigned long long)last, get_be32(buf + 8));
	check(a.status == 0 && last + 1 == want_blocks &&
	      get_be32(buf + 8) == 512, msg);

	uint8_t rc10[10] = { 0x25 };

	a = sg(rc10, 10, buf, 8, SG_DXFER_FROM_DEV);
	check(a.status == 0 && get_be32(buf) == last && get_be32(buf + 4) == 512,
	      "READ CAPACITY(10) agrees");

	uint8_t rl[12] = { 0xa0, [9] = 255 };

	memset(buf, 0, sizeof(buf));
	a = sg(rl, 12, buf, 255, SG_DXFER_FROM_DEV);
	snprintf(msg, sizeof(msg), "REPORT LUNS -> %u bytes of LUNs (want %d)",
		 get_be32(buf), luns * 8);
	check(a.status == 0 && get_be32(buf) == (uint32_t)luns * 8 &&
	      buf[8 + (luns - 1) * 8 + 1] == luns - 1, msg);

	uint8_t tur[6] = { 0 };

	a = sg(tur, 6, NULL, 0, SG_DXFER_NONE);
	check(a.status == 0, "TEST UNIT READY");

	uint8_t sync[10] = { 0x35 };

	a = sg(sync, 10, NULL, 0, SG_DXFER_NONE);
	check(a.status == 0, "SYNCHRONIZE CACHE(10)");

	uint8_t ms[6] = { 0x1a, 0x08, 0x08, 0, 64, 0 };

	memset(buf, 0, sizeof(buf));
	a = sg(ms, 6, buf, 64, SG_DXFER_FROM_DEV);
	check(a.status == 0 && buf[0] == 3 + 20 && buf[4] == 0x08 &&
	      (buf[6] & 0x04), "MODE SENSE(6) caching page, WCE set");

	/* what must be refused, and how */
	uint8_t vendor[10] = { 0xd7 };

	expect_illegal(sg(vendor, 10, buf, 512, SG_DXFER_FROM_DEV), 0x20,
		       "unsupported opcode 0xd7");
	rw10(0x28, last + 1, 1, cdb);
	expect_illegal(sg(cdb, 10, buf, 512, SG_DXFER_FROM_DEV), 0x21,
		       "READ(10) at LBA capacity");
	uint8_t r16[16] = { 0x88, [13] = 2 };

	for (i = 0; i < 8; i++)
		r16[2 + i] = last >> (56 - 8 * i);
	raw = malloc(4096);
	expect_illegal(sg(r16, 16, raw, 1024, SG_DXFER_FROM_DEV), 0x21,
		       "READ(16) of 2 blocks from the last LBA");
	inq[1] = 1;
	inq[2] = 0xb0;
	expect_illegal(sg(inq, 6, buf, 96, SG_DXFER_FROM_DEV), 0x24,
		       "INQUIRY of VPD page 0xb0");
	ms[2] = 0x1c;
	expect_illegal(sg(ms, 6, buf, 64, SG_DXFER_FROM_DEV), 0x24,
		       "MODE SENSE(6) of page 0x1c");

	/* a short transfer reports its residual */
	rw10(0x28, 0, 1, cdb);
	a = sg(cdb, 10, raw, 4096, SG_DXFER_FROM_DEV);
	snprintf(msg, sizeof(msg), "READ(10) of 1 block into 4096 bytes -> resid %d",
		 a.resid);
	check(a.status == 0 && a.resid == 4096 - 512, msg);

	/* data through unaligned user buffers, 7 blocks at an odd LBA */
	wr = malloc(8192 + 1);
	rd = malloc(8192 + 3);
	for (i = 0; i < 7 * 512; i++)
		wr[1 + i] = (uint8_t)(i * 7 + 3);
	rw10(0x2a, 12345, 7, cdb);
	a = sg(cdb, 10, wr + 1, 7 * 512, SG_DXFER_TO_DEV);
	check(a.status == 0 && a.resid == 0, "WRITE(10) from buffer + 1");
	memset(rd, 0, 8192 + 3);
	rw10(0x28, 12345, 7, cdb);
	a = sg(cdb, 10, rd + 3, 7 * 512, SG_DXFER_FROM_DEV);
	check(a.status == 0 && !memcmp(wr + 1, rd + 3, 7 * 512),
	      "READ(10) into buffer + 3 returns what was written");

	printf("hba-sense: %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
