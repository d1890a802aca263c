/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The example HBA's host interface, as its data sheet would give it.
 *
 * The driver builds a command descriptor in DMA-coherent memory and posts
 * its DMA address to the HBA. The descriptor holds the CDB and the first
 * EHBA_DESC_SGES elements of the data's scatter/gather list; an element
 * flagged CHAIN points to a block of up to EHBA_BLOCK_SGES more, whose
 * last may chain again. The last data element is flagged END. The HBA
 * reads all of it by DMA, moves the data, writes the SCSI status, sense
 * and residual back into the descriptor and raises an interrupt with the
 * command's tag.
 */
#ifndef _EHBA_HW_H
#define _EHBA_HW_H

#include <linux/bits.h>
#include <linux/types.h>

/**
 * struct ehba_sge - one scatter/gather element
 * @addr: DMA address of the data, or of the next block for a chain element
 * @len: bytes of data, or bytes of the next block for a chain element
 * @flags: %EHBA_SGE_END, %EHBA_SGE_CHAIN
 */
struct ehba_sge {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

#define EHBA_SGE_END		BIT(0)	/* last data element of the command */
#define EHBA_SGE_CHAIN		BIT(1)	/* @addr, @len: the next block */

#define EHBA_DESC_SGES		4	/* elements in a command descriptor */
#define EHBA_BLOCK_SGES		32	/* elements in a chain block, at most */
#define EHBA_MAX_SGES		512	/* data elements per command */

/* Direction of the data, seen from the host. */
enum ehba_dir {
	EHBA_DIR_NONE,
	EHBA_DIR_TO_DEV,
	EHBA_DIR_FROM_DEV,
};

/* What the HBA reports beside the SCSI status. */
enum ehba_host_status {
	EHBA_HS_OK,		/* the command ran; see @status */
	EHBA_HS_BAD_SGL,	/* malformed SGL, or one past the HBA's limits */
	EHBA_HS_DMA_FAULT,	/* an address the HBA could not reach */
	EHBA_HS_ABORTED,	/* the host aborted the command */
};

#define EHBA_CDB_LEN		16
#define EHBA_SENSE_LEN		96

/**
 * struct ehba_desc - a command descriptor
 * @tag: the command's tag, returned with its interrupt
 * @lun: logical unit
 * @dir: &enum ehba_dir
 * @data_len: bytes of data the SGL describes
 * @cdb: the SCSI command
 * @status: written by the HBA: SAM status of the command
 * @host_status: written by the HBA: &enum ehba_host_status
 * @sense_len: written by the HBA: valid bytes of @sense
 * @rsvd2: zero
 * @residual: written by the HBA: @data_len less the bytes moved
 * @sense: written by the HBA: sense data, with CHECK CONDITION
 * @sgl: the first elements of the SGL. They end the descriptor, so that a
 *	driver may keep chain blocks right after it.
 */
struct ehba_desc {
	__le16 tag;
	u8 lun;
	u8 dir;
	__le32 data_len;
	u8 cdb[EHBA_CDB_LEN];
	u8 status;
	u8 host_status;
	u8 sense_len;
	u8 rsvd2;
	__le32 residual;
	u8 sense[EHBA_SENSE_LEN];
	struct ehba_sge sgl[EHBA_DESC_SGES];
};

#endif /* _EHBA_HW_H */
