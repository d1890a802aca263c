// SPDX-License-Identifier: GPL-2.0-only
/*
 * The example HBA's logical units: direct-access disks of 512-byte blocks
 * in RAM, with the command set Linux's sd needs (SPC-4/SBC-3 subset):
 * INQUIRY, TEST UNIT READY, READ CAPACITY(10/16), READ/WRITE(10/16),
 * REPORT LUNS, MODE SENSE(6/10), SYNCHRONIZE CACHE(10/16). Anything else is
 * refused with CHECK CONDITION and ILLEGAL REQUEST sense data, as a real
 * target refuses it.
 */
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <linux/vmalloc.h>
#include <scsi/scsi_proto.h>

#include "ehba_fw.h"

/* Additional sense codes the units report (SPC-4 annex D). */
#define ASC_INVALID_OPCODE	0x20
#define ASC_LBA_OUT_OF_RANGE	0x21
#define ASC_INVALID_FIELD_CDB	0x24
#define ASC_LUN_NOT_SUPPORTED	0x25

/* Longest response of a non-data command: REPORT LUNS for 255 units. */
#define EHBA_RESP_MAX		(8 + 8 * 255)

/**
 * ehba_target_init() - allocate the logical units' stores
 * @t: the units
 * @luns: how many
 * @lun_blocks: capacity of each, in blocks
 *
 * Return: 0, -EINVAL for a size that overflows, or -ENOMEM.
 */
int ehba_target_init(struct ehba_target *t, u32 luns, u64 lun_blocks)
{
	size_t bytes;

	if (check_mul_overflow((size_t)luns * EHBA_BLOCK_SIZE,
			       (size_t)lun_blocks, &bytes))
		return -EINVAL;
	t->store = vzalloc(bytes);
	if (!t->store)
		return -ENOMEM;
	t->luns = luns;
	t->lun_blocks = lun_blocks;
	return 0;
}

/**
 * ehba_target_free() - free the logical units' stores
 * @t: the units
 */
void ehba_target_free(struct ehba_target *t)
{
	vfree(t->store);
	t->store = NULL;
}

static void ehba_check(struct ehba_io *io, u8 key, u8 asc)
{
	io->status = SAM_STAT_CHECK_CONDITION;
	io->sense_len = sizeof(io->sense);
	memset(io->sense, 0, sizeof(io->sense));
	io->sense[0] = 0x70;			/* current error, fixed format */
	io->sense[2] = key;
	io->sense[7] = sizeof(io->sense) - 8;	/* additional length */
	io->sense[12] = asc;
}

/* Hand the host at most @alloc bytes of a response. */
static void ehba_respond(struct ehba_io *io, void *resp, u32 len, u32 alloc)
{
	ehba_io_xfer(io, resp, min3(len, alloc, le32_to_cpu(io->desc->data_len)),
		     true);
}

static u32 ehba_inquiry(struct ehba_target *t, const u8 *cdb, u8 lun, u8 *r)
{
	if (cdb[1] & 1) {			/* EVPD */
		r[1] = cdb[2];
		switch (cdb[2]) {
		case 0x00:			/* supported pages */
			r[3] = 2;
			r[5] = 0x80;
			return 6;
		case 0x80:			/* unit serial number */
			r[3] = snprintf((char *)&r[4], 16, "EHBA%04u", lun);
			return 4 + r[3];
		}
		return 0;
	}
	r[0] = lun < t->luns ? TYPE_DISK : 0x7f;	/* 0x7f: no unit here */
	r[2] = 6;				/* SPC-4 */
	r[3] = 2;				/* response data format */
	r[4] = 36 - 5;
	r[7] = 0x02;				/* command queueing */
	memcpy(&r[8], "DMAVEC  ", 8);
	memcpy(&r[16], "EXAMPLE HBA DISK", 16);
	memcpy(&r[32], "0001", 4);
	return 36;
}

static u32 ehba_mode_pages(u8 page, u8 *p)
{
	u32 n = 0;

	if (page == 0x08 || page == 0x3f) {	/* caching: write cache on */
		p[n] = 0x08;
		p[n + 1] = 0x12;
		p[n + 2] = 0x04;		/* WCE */
		n += 0x14;
	}
	if (page == 0x0a || page == 0x3f) {	/* control */
		p[n] = 0x0a;
		p[n + 1] = 0x0a;
		n += 0x0c;
	}
	return n;
}

/* MODE SENSE(6) or (10): a header, no block descriptor, the pages. */
static void ehba_mode_sense(struct ehba_io *io, const u8 *cdb, u8 *r)
{
	bool ten = cdb[0] == MODE_SENSE_10;
	u32 hdr = ten ? 8 : 4, n;

	n = ehba_mode_pages(cdb[2] & 0x3f, r + hdr);
	if (!n || (cdb[2] & 0xc0) == 0x40) {	/* changeable values: none */
		ehba_check(io, ILLEGAL_REQUEST, ASC_INVALID_FIELD_CDB);
		return;
	}
	n += hdr;
	if (ten)
		put_unaligned_be16(n - 2, r);
	else
		r[0] = n - 1;
	ehba_respond(io, r, n, ten ? get_unaligned_be16(&cdb[7]) : cdb[4]);
}

static u32 ehba_report_luns(struct ehba_target *t, u8 *r)
{
	u32 i;

	put_unaligned_be32(t->luns * 8, r);
	for (i = 0; i < t->luns; i++)
		r[8 + i * 8 + 1] = i;		/* peripheral addressing */
	return 8 + t->luns * 8;
}

static void ehba_rw(struct ehba_target *t, struct ehba_io *io, u8 lun,
		    u64 lba, u32 blocks, bool write)
{
	u32 len = le32_to_cpu(io->desc->data_len);
	u8 *at;

	if (lba > t->lun_blocks || blocks > t->lun_blocks - lba) {
		ehba_check(io, ILLEGAL_REQUEST, ASC_LBA_OUT_OF_RANGE);
		return;
	}
	at = t->store + (lun * t->lun_blocks + lba) * EHBA_BLOCK_SIZE;
	ehba_io_xfer(io, at, min_t(u64, len, (u64)blocks * EHBA_BLOCK_SIZE),
		     !write);
}

/* Commands that answer with a short response built in @r. */
static void ehba_exec_short(struct ehba_target *t, struct ehba_io *io)
{
	u8 *r __free(kfree) = kzalloc(EHBA_RESP_MAX, GFP_KERNEL);
	const u8 *cdb = io->desc->cdb;
	u64 last = t->lun_blocks - 1;
	u32 n;

	if (!r) {
		io->status = SAM_STAT_BUSY;
		return;
	}
	switch (cdb[0]) {
	case INQUIRY:
		n = ehba_inquiry(t, cdb, io->desc->lun, r);
		if (!n)
			break;
		ehba_respond(io, r, n, get_unaligned_be16(&cdb[3]));
		return;
	case READ_CAPACITY:
		put_unaligned_be32(min_t(u64, last, U32_MAX), r);
		put_unaligned_be32(EHBA_BLOCK_SIZE, &r[4]);
		ehba_respond(io, r, 8, 8);
		return;
	case SERVICE_ACTION_IN_16:
		if ((cdb[1] & 0x1f) != SAI_READ_CAPACITY_16)
			break;
		put_unaligned_be64(last, r);
		put_unaligned_be32(EHBA_BLOCK_SIZE, &r[8]);
		ehba_respond(io, r, 32, get_unaligned_be32(&cdb[10]));
		return;
	case REPORT_LUNS:
		n = ehba_report_luns(t, r);
		ehba_respond(io, r, n, get_unaligned_be32(&cdb[6]));
		return;
	case MODE_SENSE:
	case MODE_SENSE_10:
		ehba_mode_sense(io, cdb, r);
		return;
	default:
		ehba_check(io, ILLEGAL_REQUEST, ASC_INVALID_OPCODE);
		return;
	}
	ehba_check(io, ILLEGAL_REQUEST, ASC_INVALID_FIELD_CDB);
}

/**
 * ehba_target_exec() - execute one command on a logical unit
 * @t: the units
 * @io: the command; its status, sense and bytes moved are set
 */
void ehba_target_exec(struct ehba_target *t, struct ehba_io *io)
{
	const u8 *cdb = io->desc->cdb;
	u8 lun = io->desc->lun;

	io->status = SAM_STAT_GOOD;
	if (lun >= t->luns && cdb[0] != INQUIRY && cdb[0] != REPORT_LUNS) {
		ehba_check(io, ILLEGAL_REQUEST, ASC_LUN_NOT_SUPPORTED);
		return;
	}
	switch (cdb[0]) {
	case TEST_UNIT_READY:
	case SYNCHRONIZE_CACHE:
	case SYNCHRONIZE_CACHE_16:
		return;				/* the store is not volatile */
	case READ_10:
	case WRITE_10:
		ehba_rw(t, io, lun, get_unaligned_be32(&cdb[2]),
			get_unaligned_be16(&cdb[7]), cdb[0] == WRITE_10);
		return;
	case READ_16:
	case WRITE_16:
		ehba_rw(t, io, lun, get_unaligned_be64(&cdb[2]),
			get_unaligned_be32(&cdb[10]), cdb[0] == WRITE_16);
		return;
	default:
		ehba_exec_short(t, io);
		return;
	}
}
