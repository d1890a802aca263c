/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SCSI low-level drivers on dmavec: what scsi_dma_map(), the
 * scsi_for_each_sg() loop copying each entry into the hardware SGL, and
 * scsi_dma_unmap() become. The loop body moves into an entry hook, the
 * marking of the last entry into an end hook, and one generated mapper
 * maps the command's block request (one IOVA range behind an IOMMU, a
 * range per contiguous run without) and calls them. The scatterlist the
 * midlayer built is not used.
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
 *   n = hba_sgl_scsi_map(cmd, sge);         (was scsi_dma_map() + loop)
 *   ...
 *   scsi_dmavec_unmap(cmd);                 (was scsi_dma_unmap())
 *
 * The table has room for the host's sg_tablesize entries: a request that
 * would need more fails with -E2BIG, never overruns it. Drivers whose SGL
 * chains into further blocks use DEFINE_DMAVEC_MAPPER() with their own
 * geometry and chain hook (see drivers/scsi/example_hba).
 */
#ifndef _SCSI_SCSI_DMAVEC_H
#define _SCSI_SCSI_DMAVEC_H

#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <dmavec/blk.h>

/**
 * DEFINE_SCSI_DMAVEC_SGL() - generate a SCSI command mapper for an SGL
 * @name: prefix of the generated name_scsi_map()
 * @ctx_type: what the hooks get, often the hardware SGL element type
 *
 * Needs name_entry(ctx, i, addr, len) and name_end(ctx, last), defined
 * before it. Generates name_scsi_map(cmd, ctx), which maps the data of
 * @cmd, writes its entries through the hooks and returns how many it wrote
 * (0 for a command without data, whose hooks are not called), or a
 * negative errno with nothing mapped, as scsi_dma_map() does.
 * scsi_dmavec_unmap() undoes it.
 */
#define DEFINE_SCSI_DMAVEC_SGL(name, ctx_type)				\
static inline int name##_chain(typeof(ctx_type) *ctx, u32 i)		\
{									\
	return -E2BIG;							\
}									\
static const struct dmavec_sgl_geometry name##_geometry = {		\
	U32_MAX, 0, U32_MAX						\
};									\
DEFINE_DMAVEC_MAPPER(name, rq, sgl, ctx_type)				\
static inline int name##_scsi_map(struct scsi_cmnd *cmd,		\
				  typeof(ctx_type) *ctx)		\
{									\
	u32 max = cmd->device->host->sg_tablesize;			\
	struct dmavec_sgl_geometry geo = { max, 0, max };		\
	struct dmavec_rq_src src = { scsi_cmd_to_rq(cmd) };		\
	int ret;							\
									\
	if (!scsi_bufflen(cmd))						\
		return 0;						\
	dmavec_map_init(&cmd->dmavec, cmd->sc_data_direction, 0,	\
			GFP_ATOMIC);					\
	ret = name##_map_geometry(cmd->device->host->dma_dev,		\
				  &cmd->dmavec, &src, ctx, &geo);	\
	return ret ?: cmd->dmavec.nents;				\
}

/**
 * scsi_dmavec_unmap() - unmap what a DEFINE_SCSI_DMAVEC_SGL() mapper mapped
 * @cmd: the command
 *
 * Does nothing for a command without data or already unmapped, as
 * scsi_dma_unmap() is called from completion and error paths alike.
 */
static inline void scsi_dmavec_unmap(struct scsi_cmnd *cmd)
{
	dmavec_unmap(cmd->device->host->dma_dev, &cmd->dmavec);
}

#endif /* _SCSI_SCSI_DMAVEC_H */
