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
 * A driver that needs the entry count before it can write its table maps
 * and writes in two steps, where scsi_dma_map() and the loop were:
 *
 *   n = scsi_dmavec_map(cmd);               (was scsi_dma_map())
 *   ...
 *   hba_sgl_scsi_emit(cmd, sge);            (was the loop)
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

/* A table of at most the host's sg_tablesize entries, no chaining. */
static inline struct dmavec_sgl_geometry
scsi_dmavec_geometry(struct scsi_cmnd *cmd)
{
	u32 max = cmd->device->host->sg_tablesize;

	return (struct dmavec_sgl_geometry){ max, 0, max };
}

/* The hooks' geometry is replaced by scsi_dmavec_geometry() at run time. */
#define __SCSI_DMAVEC_SGL(name, ctx_type)				\
static inline int name##_chain(typeof(ctx_type) *ctx, u32 i)		\
{									\
	return -E2BIG;							\
}									\
static const struct dmavec_sgl_geometry name##_geometry = {		\
	U32_MAX, 0, U32_MAX						\
};									\
DEFINE_DMAVEC_MAPPER(name, rq, sgl, ctx_type)

/* Prepare the command's map; false for a command without data. */
static inline bool scsi_dmavec_start(struct scsi_cmnd *cmd, bool replay)
{
	if (!scsi_bufflen(cmd))
		return false;
	dmavec_map_init(&cmd->dmavec, cmd->sc_data_direction, 0, GFP_ATOMIC);
	cmd->dmavec.replay = replay;
	return true;
}

/* fn(cmd, ctx): map the command's data with mapper name, then its count. */
#define __SCSI_DMAVEC_MAP(name, ctx_type, fn, replay)			\
static inline int fn(struct scsi_cmnd *cmd, typeof(ctx_type) *ctx)	\
{									\
	struct dmavec_sgl_geometry geo = scsi_dmavec_geometry(cmd);	\
	struct dmavec_rq_src src = { scsi_cmd_to_rq(cmd) };		\
	int ret;							\
									\
	if (!scsi_dmavec_start(cmd, replay))				\
		return 0;						\
	ret = name##_map_geometry(cmd->device->host->dma_dev,		\
				  &cmd->dmavec, &src, ctx, &geo);	\
	return ret ?: cmd->dmavec.nents;				\
}

static inline void scsi_dmavec_count_entry(struct scsi_cmnd *cmd, u32 i,
					   dma_addr_t addr, u32 len)
{
}

static inline void scsi_dmavec_count_end(struct scsi_cmnd *cmd, u32 last)
{
}

__SCSI_DMAVEC_SGL(scsi_dmavec_count, struct scsi_cmnd);
__SCSI_DMAVEC_MAP(scsi_dmavec_count, struct scsi_cmnd, __scsi_dmavec_map, true)

/**
 * scsi_dmavec_map() - map a command's data now, write its table later
 * @cmd: the command
 *
 * The first half of the two-step form of DEFINE_SCSI_DMAVEC_SGL(): maps
 * the data of @cmd as name_scsi_map() does, without calling any hook, and
 * records what name_scsi_emit() needs to write the entries afterwards. For
 * drivers that need the entry count (to size or place their table) before
 * they write it, as scsi_dma_map() and a later scsi_for_each_sg() loop
 * allowed. Without an IOMMU, or with swiotlb, every per-range mapping is
 * recorded, in the command or, beyond DMAVEC_INLINE_VECS of them, in an
 * array allocated with GFP_ATOMIC; the one-step name_scsi_map() needs none.
 *
 * Return: the number of entries name_scsi_emit() will write (0 for a
 * command without data), or a negative errno with nothing mapped.
 */
static inline int scsi_dmavec_map(struct scsi_cmnd *cmd)
{
	return __scsi_dmavec_map(cmd, cmd);
}

/**
 * DEFINE_SCSI_DMAVEC_SGL() - generate a SCSI command mapper for an SGL
 * @name: prefix of the generated name_scsi_map() and name_scsi_emit()
 * @ctx_type: what the hooks get, often the hardware SGL element type
 *
 * Needs name_entry(ctx, i, addr, len) and name_end(ctx, last), defined
 * before it. Generates:
 *
 * name_scsi_map(cmd, ctx), which maps the data of @cmd, writes its entries
 * through the hooks and returns how many it wrote (0 for a command without
 * data, whose hooks are not called), or a negative errno with nothing
 * mapped, as scsi_dma_map() does.
 *
 * name_scsi_emit(cmd, ctx), which writes through the hooks the entries of
 * a command scsi_dmavec_map() mapped, and returns how many it wrote (the
 * count scsi_dmavec_map() returned), or -EINVAL (with a warning) for a
 * command that scsi_dmavec_map() did not map.
 *
 * scsi_dmavec_unmap() undoes either.
 */
#define DEFINE_SCSI_DMAVEC_SGL(name, ctx_type)				\
__SCSI_DMAVEC_SGL(name, ctx_type)					\
__SCSI_DMAVEC_MAP(name, ctx_type, name##_scsi_map, false)		\
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
