/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCSI low-level drivers on dmavec: what scsi_dma_map(), the
 * scsi_for_each_sg() loop copying each entry into the hardware SGL, and
 * scsi_dma_unmap() become, in place. scsi_dmavec_map() maps the command's
 * block request (one IOVA range behind an IOMMU, a range per contiguous
 * run without) and returns the entry count; where the loop was, a
 * generated name_scsi_emit() writes the entries through an entry hook
 * holding the loop's body. The scatterlist the midlayer built is not used.
 *
 *   static void hba_sgl_entry(struct hba_sge *sge, u32 i, dma_addr_t addr,
 *                             u32 len)
 *   {
 *           sge[i].addr = cpu_to_le64(addr);
 *           sge[i].len = cpu_to_le32(len);
 *   }
 *
 *   static void hba_sgl_end(struct hba_sge *sge, u32 last)
 *   {
 *           sge[last].flags |= cpu_to_le32(HBA_SGE_LAST);
 *   }
 *
 *   DEFINE_SCSI_DMAVEC_SGL(hba_sgl, struct hba_sge);
 *
 *   n = scsi_dmavec_map(cmd);               (was scsi_dma_map())
 *   ...
 *   hba_sgl_scsi_emit(cmd, sge);            (was the loop)
 *   ...
 *   scsi_dmavec_unmap(cmd);                 (was scsi_dma_unmap())
 *
 * A one-segment path that read sg_dma_address(scsi_sglist(cmd)) reads
 * scsi_dmavec_first(cmd).addr.
 *
 * The table has room for the host's sg_tablesize entries: a request that
 * would need more fails with -E2BIG, never overruns it. A new driver maps
 * and writes its table in one step, with DEFINE_DMAVEC_MAPPER() and its
 * own geometry and chain hook (see drivers/scsi/example_hba), and records
 * nothing.
 */
#ifndef _SCSI_SCSI_DMAVEC_H
#define _SCSI_SCSI_DMAVEC_H

#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <dmavec/blk.h>

/* A table of at most the host's sg_tablesize entries, no chaining. */
static inline struct dmavec_sgl_geometry
scsi_dmavec_geometry(struct scsi_cmnd *cmd)
{
	u32 max = cmd->device->host->sg_tablesize;

	return (struct dmavec_sgl_geometry){ max, 0, max };
}

/* The geometry is scsi_dmavec_geometry(), at run time. */
DEFINE_DMAVEC_COUNTER(scsi_dmavec_count, rq, struct scsi_cmnd);

/**
 * scsi_dmavec_map() - map a command's data, for its table to be written later
 * @cmd: the command
 *
 * Maps the data of @cmd for the host's DMA device and counts the entries
 * its table will get, without writing any, as scsi_dma_map() did; the
 * generated name_scsi_emit() writes them, where the driver's copy loop
 * was. Without an IOMMU, or with swiotlb, each per-range mapping is
 * recorded for that, in the command or, beyond DMAVEC_INLINE_VECS of them,
 * in an array allocated with GFP_ATOMIC.
 *
 * Return: the number of entries (0 for a command without data), or
 * -ENOMEM with nothing mapped, whatever failed: drivers written for
 * scsi_dma_map() test for that value.
 */
static inline int scsi_dmavec_map(struct scsi_cmnd *cmd)
{
	struct dmavec_sgl_geometry geo = scsi_dmavec_geometry(cmd);
	struct dmavec_rq_src src = { scsi_cmd_to_rq(cmd) };
	int ret;

	if (!scsi_bufflen(cmd))
		return 0;
	dmavec_map_init(&cmd->dmavec, cmd->sc_data_direction, 0, GFP_ATOMIC);
	cmd->dmavec.replay = true;
	ret = scsi_dmavec_count_map_geometry(cmd->device->host->dma_dev,
					     &cmd->dmavec, &src, cmd, &geo);
	/* replay stays set: scsi_dmavec_unmap() of a failed map does nothing */
	return unlikely(ret) ? -ENOMEM : cmd->dmavec.nents;
}

/**
 * DEFINE_SCSI_DMAVEC_SGL() - generate the table writer of a SCSI command
 * @name: prefix of the generated name_scsi_emit()
 * @ctx_type: what the hooks get, often the hardware SGL element type
 *
 * Needs name_entry(ctx, i, addr, len) and name_end(ctx, last), defined
 * before it. Generates name_scsi_emit(cmd, ctx), which writes through the
 * hooks the entries of a command scsi_dmavec_map() mapped and returns how
 * many it wrote (the count scsi_dmavec_map() returned; 0 for a command
 * without data, whose hooks are not called), the error of an entry hook
 * returning int that refused an entry (the command stays mapped), or
 * -EINVAL (with a warning) for a command scsi_dmavec_map() did not map.
 */
#define DEFINE_SCSI_DMAVEC_SGL(name, ctx_type)				\
DEFINE_DMAVEC_FLAT_SGL(name, rq, ctx_type)				\
static inline int name##_scsi_emit(struct scsi_cmnd *cmd,		\
				   typeof(ctx_type) *ctx)		\
{									\
	struct dmavec_sgl_geometry geo = scsi_dmavec_geometry(cmd);	\
	int ret;							\
									\
	if (!scsi_bufflen(cmd))						\
		return 0;						\
	ret = name##_replay_geometry(cmd->device->host->dma_dev,	\
				     &cmd->dmavec, ctx, &geo);		\
	return ret ?: cmd->dmavec.nents;				\
}

/* Keeps the first entry a replay writes. */
static inline void scsi_dmavec_head_entry(struct dma_vec *head, u32 i,
					  dma_addr_t addr, u32 len)
{
	if (!i)
		*head = (struct dma_vec){ addr, len };
}

static inline void scsi_dmavec_head_end(struct dma_vec *head, u32 last)
{
}

DEFINE_SCSI_DMAVEC_SGL(scsi_dmavec_head, struct dma_vec);

/**
 * scsi_dmavec_first() - the first entry of a mapped command
 * @cmd: a command scsi_dmavec_map() mapped
 *
 * What sg_dma_address() and sg_dma_len() of scsi_sglist(@cmd) gave after
 * scsi_dma_map(): the one-segment paths of a driver (a command whose data
 * the hardware takes as a single address, no table) read it here. It
 * replays the whole mapping, so it is meant for commands of one entry or
 * a few.
 *
 * Return: the first entry's DMA address and length; for a command without
 * data, or one scsi_dmavec_map() did not map (with a warning),
 * %DMA_MAPPING_ERROR and 0.
 */
static inline struct dma_vec scsi_dmavec_first(struct scsi_cmnd *cmd)
{
	struct dma_vec head = { DMA_MAPPING_ERROR, 0 };

	if (scsi_dmavec_head_scsi_emit(cmd, &head) < 0)
		head = (struct dma_vec){ DMA_MAPPING_ERROR, 0 };
	return head;
}

/**
 * scsi_dmavec_unmap() - unmap a command's data
 * @cmd: the command
 *
 * Undoes scsi_dmavec_map(), or scsi_dma_map() for a command that was
 * mapped with it: a driver converted in part, whose other paths still map
 * with scsi_dma_map(), unmaps every command with this, once per mapping,
 * as with scsi_dma_unmap(). A command mapped by scsi_dmavec_map() is one
 * whose map has replay set; the flag is cleared here, so that the same
 * command mapped again by scsi_dma_map() on another path (a retry) is
 * unmapped as such. Does nothing for a command without data.
 */
static inline void scsi_dmavec_unmap(struct scsi_cmnd *cmd)
{
	if (cmd->dmavec.replay) {
		dmavec_unmap(cmd->device->host->dma_dev, &cmd->dmavec);
		cmd->dmavec.replay = false;
	} else {
		scsi_dma_unmap(cmd);
	}
}

#endif /* _SCSI_SCSI_DMAVEC_H */
