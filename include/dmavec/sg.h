/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmavec for a scatterlist built by its user: the pages, offsets and
 * lengths of the entries are the source, their DMA fields are not used.
 * What dma_map_sg(), a loop copying each mapped entry into a hardware
 * table, and dma_unmap_sg() in the same function become, in place
 * (coccinelle/scsi_dma_map_sgl.cocci converts them):
 *
 *   struct dmavec_sg dmavec;                (a local of the function)
 *
 *   n = dmavec_sg_map(&dmavec, dev, sgl, nents, dir);  (was dma_map_sg())
 *   ...
 *   hw_sgl_sg_emit(&dmavec, table);         (was the loop)
 *   ...
 *   dmavec_sg_unmap(&dmavec);               (was dma_unmap_sg())
 *
 * with hw_sgl_entry(ctx, i, addr, len) and hw_sgl_end(ctx, last) holding
 * the loop's body, and DEFINE_DMAVEC_SG_SGL(hw_sgl, type). Behind an
 * IOMMU the whole list is one IOVA range, linked once; without one, each
 * physically contiguous run is mapped on its own and recorded for the
 * table to be written, as with <scsi/scsi_dmavec.h>.
 */
#ifndef _DMAVEC_SG_H
#define _DMAVEC_SG_H

#include <linux/scatterlist.h>
#include <dmavec/iter_template.h>

/**
 * struct dmavec_sg_src - the CPU side of a scatterlist
 * @sgl: the first entry
 * @nents: entries to walk (sg_next() from @sgl)
 */
struct dmavec_sg_src {
	struct scatterlist *sgl;
	unsigned int nents;
};

static __always_inline bool dmavec_sg_next(const void *src,
					   struct dmavec_iter *it,
					   phys_addr_t *phys, u32 *len)
{
	const struct dmavec_sg_src *s = src;
	struct scatterlist *sg;

	if (it->i >= s->nents)
		return false;
	sg = it->i++ ? sg_next((struct scatterlist *)it->pos) : s->sgl;
	it->pos = sg;
	*phys = sg_phys(sg);
	*len = sg->length;
	return true;
}

/**
 * struct dmavec_sg - one mapping of a scatterlist, a local of its user
 * @dev: the device mapped for
 * @map: what dmavec_sg_unmap() undoes
 */
struct dmavec_sg {
	struct device *dev;
	struct dmavec_map map;
};

/*
 * A table of at most as many entries as the list has, no chaining:
 * dma_map_sg() never returned more.
 */
DEFINE_DMAVEC_COUNTER(dmavec_sg_count, sg, struct dmavec_sg);

/**
 * dmavec_sg_map() - map a scatterlist's buffers, for a table written later
 * @sg: the mapping, in the caller's frame
 * @dev: the device
 * @sgl: the scatterlist; its pages, offsets and lengths are read
 * @nents: its entries
 * @dir: direction of the transfer
 *
 * Maps what dma_map_sg() mapped and counts the entries the table gets
 * (contiguous runs behind no IOMMU, one IOVA range split by the device's
 * segment limits behind one), without writing any, and records each
 * per-range mapping for the generated name_sg_emit(). The scatterlist's
 * DMA fields are left alone.
 *
 * Return: the number of entries, or 0 with nothing mapped, as
 * dma_map_sg(): on a mapping failure, or if the entries would be more
 * than @nents.
 */
static inline int dmavec_sg_map(struct dmavec_sg *sg, struct device *dev,
				struct scatterlist *sgl, int nents,
				enum dma_data_direction dir)
{
	struct dmavec_sgl_geometry geo = { nents, 0, nents };
	struct dmavec_sg_src src = { sgl, nents };

	sg->dev = dev;
	dmavec_map_init(&sg->map, dir, 0, GFP_ATOMIC);
	sg->map.replay = true;
	if (nents <= 0 ||
	    dmavec_sg_count_map_geometry(dev, &sg->map, &src, sg, &geo))
		return 0;
	return sg->map.nents;
}

/**
 * DEFINE_DMAVEC_SG_SGL() - generate the table writer of a mapped scatterlist
 * @name: prefix of the generated name_sg_emit()
 * @ctx_type: what the hooks get, often the hardware SGL element type
 *
 * Needs name_entry(ctx, i, addr, len) and name_end(ctx, last), defined
 * before it. Generates name_sg_emit(sg, ctx), which writes through the
 * hooks the entries dmavec_sg_map() mapped into @sg, and returns how many
 * it wrote (what dmavec_sg_map() returned), or -EINVAL (with a warning)
 * for a mapping dmavec_sg_map() did not make.
 */
#define DEFINE_DMAVEC_SG_SGL(name, ctx_type)				\
DEFINE_DMAVEC_FLAT_SGL(name, sg, ctx_type)				\
static inline int name##_sg_emit(struct dmavec_sg *sg,			\
				 typeof(ctx_type) *ctx)			\
{									\
	struct dmavec_sgl_geometry geo = {				\
		sg->map.nents, 0, sg->map.nents				\
	};								\
	int ret;							\
									\
	ret = name##_replay_geometry(sg->dev, &sg->map, ctx, &geo);	\
	return ret ?: sg->map.nents;					\
}

/**
 * dmavec_sg_unmap() - undo dmavec_sg_map()
 * @sg: the mapping
 */
static inline void dmavec_sg_unmap(struct dmavec_sg *sg)
{
	dmavec_unmap(sg->dev, &sg->map);
}

#endif /* _DMAVEC_SG_H */
