/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The example HBA's firmware: the device side of ehba_hw.h, run by worker
 * threads in the kernel because QEMU's edu device has no HBA of its own.
 *
 * It sees only what the hardware would: descriptor addresses posted to its
 * doorbell, and the descriptors, SGLs and data it reaches by DMA address,
 * translated as the device's DMA is (<dmavec/edu.h>: through the IOMMU
 * domain, or as direct mapping does). So a wrong address, a mapping torn
 * down too early or an element past the HBA's limits fails the command,
 * as it would on real hardware. ehba_fw.c is the DMA engine and command
 * processor, ehba_target.c the SCSI logical units behind it.
 */
#ifndef _EHBA_FW_H
#define _EHBA_FW_H

#include <linux/types.h>
#include "ehba_hw.h"

struct device;
struct edu_dev;
struct ehba_fw;

/**
 * struct ehba_fw_config - how the HBA is built and set up
 * @dev: the PCI device whose DMA the HBA does
 * @edu: the device's edu DMA engine, to carry a sample of the transfers
 *	and so prove that the device reaches what the translation says; or
 *	NULL
 * @sample_every: with @edu, one command in @sample_every is a candidate
 * @max_seg: the longest data element the HBA accepts
 * @boundary: a data element may not cross a multiple of @boundary + 1
 * @luns: logical units
 * @lun_blocks: capacity of each, in 512-byte blocks
 * @slots: commands the HBA holds at once (the queue depth)
 * @irq: the interrupt: the command with @tag completed, with @host_status
 * @irq_arg: first argument of @irq
 */
struct ehba_fw_config {
	struct device *dev;
	struct edu_dev *edu;
	unsigned int sample_every;
	u32 max_seg;
	unsigned long boundary;
	u32 luns;
	u64 lun_blocks;
	unsigned int slots;
	void (*irq)(void *irq_arg, u16 tag, u8 host_status);
	void *irq_arg;
};

struct ehba_fw *ehba_fw_start(const struct ehba_fw_config *cfg);
void ehba_fw_post(struct ehba_fw *fw, u16 tag, dma_addr_t desc);
bool ehba_fw_abort(struct ehba_fw *fw, u16 tag);
void ehba_fw_stall(struct ehba_fw *fw, unsigned int n);
void ehba_fw_flush(struct ehba_fw *fw);
void ehba_fw_stop(struct ehba_fw *fw);
int ehba_fw_show_stats(struct ehba_fw *fw, char *buf, int at);

/* ---- between the command processor and the logical units -------------- */

#define EHBA_BLOCK_SIZE		512

/**
 * struct ehba_io - a command as the logical unit executes it
 * @fw: the firmware
 * @desc: the firmware's copy of the descriptor
 * @cursor: where in the SGL the next byte moves (ehba_fw.c's)
 * @sample: let the edu engine carry the next piece
 * @moved: bytes moved so far
 * @host_status: &enum ehba_host_status, when a transfer failed
 * @status: SAM status
 * @sense_len: bytes of @sense
 * @sense: fixed-format sense data
 */
struct ehba_io {
	struct ehba_fw *fw;
	const struct ehba_desc *desc;
	void *cursor;
	bool sample;
	u32 moved;
	u8 host_status;
	u8 status;
	u8 sense_len;
	u8 sense[18];
};

int ehba_io_xfer(struct ehba_io *io, void *buf, u32 len, bool to_host);

/**
 * struct ehba_target - the logical units: one RAM store each
 * @store: @luns * @lun_blocks blocks
 * @luns: logical units
 * @lun_blocks: blocks per logical unit
 */
struct ehba_target {
	u8 *store;
	u32 luns;
	u64 lun_blocks;
};

int ehba_target_init(struct ehba_target *t, u32 luns, u64 lun_blocks);
void ehba_target_free(struct ehba_target *t);
void ehba_target_exec(struct ehba_target *t, struct ehba_io *io);

#endif /* _EHBA_FW_H */
