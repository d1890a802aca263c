// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavec runtime: what the inlined mappers of <dmavec/iter_template.h> call
 * out of line because it is rare (errors, spill arrays) or does not depend
 * on the source or the hardware format (unmap).
 */
#include <linux/dma-map-ops.h>
#include <linux/export.h>
#include <linux/fault-inject.h>
#include <linux/iommu-dma.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <kunit/visibility.h>
#include <dmavec/dmavec.h>
#include <dmavec/iter_template.h>

#ifdef CONFIG_FAULT_INJECTION
/* Makes dmavec_grow() fail, so tests can check the unwind of a mapper. */
struct fault_attr fail_dmavec_grow = FAULT_ATTR_INITIALIZER;
EXPORT_SYMBOL_IF_KUNIT(fail_dmavec_grow);

static bool dmavec_grow_should_fail(u32 need)
{
	return should_fail(&fail_dmavec_grow, need);
}
#else
static bool dmavec_grow_should_fail(u32 need)
{
	return false;
}
#endif

/**
 * dmavec_grow() - make room for more per-range mappings
 * @map: the map
 * @need: how many tuples it must hold
 *
 * Moves the recorded tuples from the inline slots (or a smaller spill
 * array) to a spill array allocated with the map's gfp flags.
 *
 * Return: 0, or -ENOMEM with the map unchanged.
 */
int dmavec_grow(struct dmavec_map *map, u32 need)
{
	u32 max = max(need, 2 * map->max_vecs);
	struct dma_vec *v;

	if (dmavec_grow_should_fail(need))
		return -ENOMEM;
	v = kmalloc_array(max, sizeof(*v), map->gfp);
	if (!v)
		return -ENOMEM;
	memcpy(v, map->vecs, map->nr_vecs * sizeof(*v));
	if (map->vecs != map->inline_vecs)
		kfree(map->vecs);
	map->vecs = v;
	map->max_vecs = max;
	return 0;
}
EXPORT_SYMBOL_GPL(dmavec_grow);

/**
 * dmavec_unmap_needed() - whether unmapping a per-range mapping does anything
 * @dev: the device
 *
 * A direct mapping for a coherent device that has never been bounced
 * through swiotlb (swiotlb clears dma_skip_sync when it bounces) is the
 * physical address plus an offset: unmapping it does nothing, so a mapper
 * need not record it, as dma_map_sg()'s direct path effectively does.
 * dma-debug and KMSAN track every unmap, so they still get them. Checked
 * once per request; a mapper also records from the first range swiotlb
 * bounces (dma_dev_need_sync() turns true then).
 *
 * Return: true if per-range mappings must be recorded and unmapped.
 */
bool dmavec_unmap_needed(struct device *dev)
{
	return IS_ENABLED(CONFIG_DMA_API_DEBUG) || IS_ENABLED(CONFIG_KMSAN) ||
	       use_dma_iommu(dev) || get_dma_ops(dev) ||
	       dma_dev_need_sync(dev);
}
EXPORT_SYMBOL_GPL(dmavec_unmap_needed);

/**
 * dmavec_unmap() - undo what a dmavec mapper mapped
 * @dev: the device the request was mapped for
 * @map: the map the mapper filled
 *
 * Destroys the IOVA reservation, or unmaps each recorded per-range
 * mapping; a P2P request addressed by bus address has nothing to undo.
 * Frees a spill array. The map can then serve another request after
 * dmavec_map_init().
 */
void dmavec_unmap(struct device *dev, struct dmavec_map *map)
{
	unsigned long attrs = dmavec_attrs(map);
	u32 i;

	if (dma_use_iova(&map->state))
		dma_iova_destroy(dev, &map->state, map->size, map->dir, attrs);
	/* bus addresses are recorded only for a replay: nothing to unmap */
	for (i = 0; map->kind != DMA_RANGE_P2P_BUS && i < map->nr_vecs; i++)
		dma_unmap_phys(dev, map->vecs[i].addr, map->vecs[i].len,
			       map->dir, attrs);
	if (map->vecs != map->inline_vecs)
		kfree(map->vecs);
	map->vecs = map->inline_vecs;
	map->max_vecs = DMAVEC_INLINE_VECS;
	map->nr_vecs = 0;
	map->size = 0;
}
EXPORT_SYMBOL_GPL(dmavec_unmap);

/**
 * dmavec_fail() - unwind a mapper that failed part way
 * @dev: the device
 * @map: the map, holding what was mapped so far
 * @err: the error to return
 *
 * Return: @err, or -EIO should it be 0.
 */
int dmavec_fail(struct device *dev, struct dmavec_map *map, int err)
{
	dmavec_unmap(dev, map);
	return err ?: -EIO;
}
EXPORT_SYMBOL_GPL(dmavec_fail);

/**
 * dmavec_bad_range() - report a range that cannot be mapped
 * @map: the map
 * @i: index of the range in its source
 *
 * Return: -EINVAL.
 */
int dmavec_bad_range(struct dmavec_map *map, unsigned long i)
{
	pr_warn_once("dmavec: range %lu is empty or not mappable (dir %d)\n",
		     i, map->dir);
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(dmavec_bad_range);
