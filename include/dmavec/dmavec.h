/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmavec: map a multi-range I/O for a device without a scatterlist.
 *
 * One struct dmavec_map per request holds all a later unmap needs: the
 * IOVA reservation when the two-step API served the request, or the
 * (addr, len) tuples of the per-range mappings when it did not, in a few
 * inline slots or a spill array. Drivers instantiate mappers from
 * <dmavec/iter_template.h>; see Documentation/core-api/dmavec.rst.
 */
#ifndef _DMAVEC_DMAVEC_H
#define _DMAVEC_DMAVEC_H

#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <dmavec/emit.h>

/* Per-range mappings a map records without allocating. */
#define DMAVEC_INLINE_VECS	4

/**
 * struct dmavec_map - one request's DMA mapping
 * @state: the IOVA reservation, when dma_use_iova(&@state)
 * @dir: direction of the transfer
 * @attrs: DMA_ATTR_* flags for every range
 * @gfp: allocation flags for a spill array
 * @kind: &enum dma_range_kind of every range of the request
 * @bus_off: with %DMA_RANGE_P2P_BUS, physical to bus address offset
 * @size: bytes mapped (the request's length once mapped)
 * @nents: entries the emitter wrote (SGL elements, PRP entries or vectors),
 *	once mapped
 * @nr_vecs: per-range mappings recorded in @vecs
 * @max_vecs: capacity of @vecs
 * @split: with -EXDEV from a mapper, index of the first range whose kind
 *	differs from the first range's: split the I/O there
 * @replay: record every per-range mapping, even one whose unmap does
 *	nothing, so that the entries can be emitted again (name_replay())
 * @vecs: @inline_vecs or a spill array
 * @inline_vecs: room for small requests
 */
struct dmavec_map {
	struct dma_iova_state state;
	enum dma_data_direction dir;
	unsigned long attrs;
	gfp_t gfp;
	int kind;
	u64 bus_off;
	size_t size;
	u32 nents;
	u32 nr_vecs;
	u32 max_vecs;
	u32 split;
	bool replay;
	struct dma_vec *vecs;
	struct dma_vec inline_vecs[DMAVEC_INLINE_VECS];
};

/**
 * dmavec_map_init() - prepare a map for one request
 * @map: the map, typically in the driver's per-request data
 * @dir: direction of the transfer
 * @attrs: DMA_ATTR_* flags for every range
 * @gfp: allocation flags should a spill array be needed
 */
static inline void dmavec_map_init(struct dmavec_map *map,
				   enum dma_data_direction dir,
				   unsigned long attrs, gfp_t gfp)
{
	map->state.flags = 0;
	map->dir = dir;
	map->attrs = attrs;
	map->gfp = gfp;
	map->kind = DMA_RANGE_RAM;
	map->replay = false;
	map->size = 0;
	map->nents = 0;
	map->nr_vecs = 0;
	map->max_vecs = DMAVEC_INLINE_VECS;
	map->vecs = map->inline_vecs;
}

/**
 * dmavec_mapped_iova() - did the request go through one IOVA reservation?
 * @map: a mapped map
 *
 * Return: true if the device sees the request as one contiguous range at
 * map->state.addr. For statistics and tests: the mappers emit the same
 * hardware format either way.
 */
static inline bool dmavec_mapped_iova(const struct dmavec_map *map)
{
	return dma_use_iova(&map->state);
}

/* The attributes every range of the map is mapped and unmapped with. */
static inline unsigned long dmavec_attrs(const struct dmavec_map *map)
{
	return map->attrs |
		(map->kind == DMA_RANGE_P2P_HOST ? DMA_ATTR_MMIO : 0);
}

int dmavec_grow(struct dmavec_map *map, u32 need);
/* a fault attribute for KUnit: make the spill allocation fail */
extern struct fault_attr fail_dmavec_grow;
void dmavec_unmap(struct device *dev, struct dmavec_map *map);
bool dmavec_unmap_needed(struct device *dev);

/* Record a per-range mapping so that dmavec_unmap() can undo it. */
static __always_inline int dmavec_record(struct dmavec_map *map,
					 dma_addr_t addr, u32 len)
{
	if (unlikely(map->nr_vecs == map->max_vecs) &&
	    dmavec_grow(map, map->nr_vecs + 1))
		return -ENOMEM;
	map->vecs[map->nr_vecs].addr = addr;
	map->vecs[map->nr_vecs++].len = len;
	return 0;
}

#endif /* _DMAVEC_DMAVEC_H */
