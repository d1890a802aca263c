/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The example HBA driver: a SCSI low-level driver whose hardware SGLs come
 * from one dmavec SGL mapper (ehba_map.c) instead of a scatterlist.
 */
#ifndef _EHBA_H
#define _EHBA_H

#include <linux/atomic.h>
#include <dmavec/edu.h>
#include <dmavec/dmavec.h>
#include "ehba_hw.h"

struct ehba_fw;
struct scsi_cmnd;
struct Scsi_Host;

/*
 * Each command owns EHBA_CHAIN_BLOCKS chain blocks: with the descriptor's
 * elements, room for the block layer's EHBA_SG_TABLESIZE segments and more
 * (a request linked into one IOVA range and split by the segment limits
 * again may need one element more than it had segments).
 */
#define EHBA_SG_TABLESIZE	256
#define EHBA_CHAIN_BLOCKS	9
/* Data elements: in the descriptor, per chain block, per command. */
#define EHBA_FIRST_SGES		(EHBA_DESC_SGES - 1)
#define EHBA_CHAIN_SGES		(EHBA_BLOCK_SGES - 1)
#define EHBA_MAX_ELEMENTS	(EHBA_FIRST_SGES + EHBA_CHAIN_BLOCKS * EHBA_CHAIN_SGES)
#define EHBA_BLOCK_BYTES	(EHBA_BLOCK_SGES * sizeof(struct ehba_sge))
#define EHBA_CHAIN_BYTES	(EHBA_CHAIN_BLOCKS * EHBA_BLOCK_BYTES)
#define EHBA_CMD_DMA_BYTES	(sizeof(struct ehba_desc) + EHBA_CHAIN_BYTES)

/**
 * struct ehba_cmd - the driver's part of a SCSI command
 * @map: the command's data mapping
 * @desc: its descriptor, in coherent memory, with its chain blocks right
 *	after it: a full block chains to the slot after its last
 * @desc_dma: DMA address of @desc
 * @sge: the next element the SGL hooks write
 */
struct ehba_cmd {
	struct dmavec_map map;
	struct ehba_desc *desc;
	dma_addr_t desc_dma;
	struct ehba_sge *sge;
};

/**
 * struct ehba_host - one HBA
 * @shost: its SCSI host
 * @pdev: its PCI device
 * @edu: the device's DMA engine, which carries samples of the transfers
 * @fw: its firmware
 * @iova_cmds: commands whose data the device saw as one IOVA range
 * @aborts: commands taken back from the HBA by the error handler
 */
struct ehba_host {
	struct Scsi_Host *shost;
	struct pci_dev *pdev;
	struct edu_dev edu;
	struct ehba_fw *fw;
	atomic_long_t iova_cmds;
	atomic_long_t aborts;
};

int ehba_map(struct device *dev, struct scsi_cmnd *sc, struct ehba_cmd *c);

#endif /* _EHBA_H */
