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
	EHBA_FIRST_SGES, EHBA_CHAIN_SGES, EHBA_MAX_ELEMENTS
};

/* Element 0 starts in the descriptor; the rest follow, chain slots aside. */
static void ehba_sgl_entry(struct ehba_cmd *c, u32 i, dma_addr_t addr, u32 len)
{
	c->sge = (i ? c->sge : c->desc->sgl) + 1;
	c->sge[-1] = (struct ehba_sge){ cpu_to_le64(addr), cpu_to_le32(len) };
}

/* The block chained to starts right after the chain slot (ehba.h). */
static int ehba_sgl_chain(struct ehba_cmd *c, u32 i)
{
	ehba_sgl_entry(c, i, c->desc_dma + ((u8 *)&c->sge[1] - (u8 *)c->desc), EHBA_BLOCK_BYTES);
	c->sge[-1].flags = cpu_to_le32(EHBA_SGE_CHAIN);
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
 * dmavec_unmap(@dev, &@c->map) undoes it.
 *
 * Return: 0, or an errno from ehba_sgl_map() (DEFINE_DMAVEC_MAPPER()).
 */
int ehba_map(struct device *dev, struct scsi_cmnd *sc, struct ehba_cmd *c)
{
	struct dmavec_rq_src src = { scsi_cmd_to_rq(sc) };

	dmavec_map_init(&c->map, sc->sc_data_direction, 0, GFP_ATOMIC);
	return ehba_sgl_map(dev, &c->map, &src, c);
}
