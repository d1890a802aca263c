// SPDX-License-Identifier: GPL-2.0-only
/*
 * The example HBA's data mapping: all of it. One dmavec SGL mapper walks
 * the command's block request, maps it (one IOVA range behind an IOMMU,
 * else a range per contiguous run) and splits it by the device's segment
 * limits; three hooks write the HBA's elements, its chain elements and its
 * END flag. No scatterlist, no copy loop, no second path without an IOMMU.
 */
#include <scsi/scsi_cmnd.h>
#include <dmavec/blk.h>

#include "ehba.h"

static const struct dmavec_sgl_geometry ehba_sgl_geometry = {
	.first = EHBA_DESC_SGES - 1,		/* the last slot chains */
	.per_block = EHBA_BLOCK_SGES - 1,
	.max_entries = EHBA_DESC_SGES - 1 +
		       EHBA_CHAIN_BLOCKS * (EHBA_BLOCK_SGES - 1),
};

static void ehba_sgl_entry(struct ehba_cmd *c, u32 i, dma_addr_t addr, u32 len)
{
	*c->sge++ = (struct ehba_sge){ cpu_to_le64(addr), cpu_to_le32(len) };
}

static int ehba_sgl_chain(struct ehba_cmd *c, u32 i)
{
	dma_addr_t next = c->chain_dma + c->blocks * EHBA_BLOCK_BYTES;

	*c->sge = (struct ehba_sge){ cpu_to_le64(next),
		cpu_to_le32(EHBA_BLOCK_BYTES), cpu_to_le32(EHBA_SGE_CHAIN) };
	c->sge = c->chain + c->blocks++ * EHBA_BLOCK_SGES;
	return 0;
}

static void ehba_sgl_end(struct ehba_cmd *c, u32 last)
{
	c->sge[-1].flags = cpu_to_le32(EHBA_SGE_END);
}

DEFINE_DMAVEC_MAPPER(ehba_sgl, rq, sgl, struct ehba_cmd);

/**
 * ehba_map() - map a command's data and write its SGL
 * @dev: the HBA's device
 * @sc: the command, with data
 * @c: its driver part, whose descriptor gets the SGL
 *
 * Return: 0, or an errno from ehba_sgl_map() (DEFINE_DMAVEC_MAPPER()).
 */
int ehba_map(struct device *dev, struct scsi_cmnd *sc, struct ehba_cmd *c)
{
	struct dmavec_rq_src src = { scsi_cmd_to_rq(sc) };

	c->sge = c->desc->sgl;
	c->blocks = 0;
	dmavec_map_init(&c->map, sc->sc_data_direction, 0, GFP_ATOMIC);
	return ehba_sgl_map(dev, &c->map, &src, c);
}

/**
 * ehba_unmap() - unmap a command's data
 * @dev: the HBA's device
 * @c: the command's driver part, mapped by ehba_map()
 */
void ehba_unmap(struct device *dev, struct ehba_cmd *c)
{
	ehba_sgl_unmap(dev, &c->map);
}
