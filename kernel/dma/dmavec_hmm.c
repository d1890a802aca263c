// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmavec for pages found by hmm_range_fault(): a long-lived mapping whose
 * per-page state is the PFN array (<dmavec/hmm.h>).
 */
#include <linux/dma-map-ops.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/swiotlb.h>
#include <dmavec/hmm.h>

#define DMAVEC_HMM_FLAGS (HMM_PFN_VALID | HMM_PFN_WRITE | HMM_PFN_DMA_MAPPED)

static size_t dmavec_hmm_size(const struct dmavec_hmm_map *map)
{
	return PAGE_SIZE << map->order;
}

/*
 * A mapping that lives as long as its owner cannot go through bounce
 * buffers: the device would see the bounce page, not the user's.
 */
static bool dmavec_hmm_may_bounce(struct device *dev)
{
	return is_swiotlb_force_bounce(dev) || dma_addressing_limited(dev) ||
	       !dev_is_dma_coherent(dev);
}

/**
 * dmavec_hmm_map_init() - prepare the mapping of a range of user pages
 * @dev: the device
 * @map: the map
 * @nr: entries in the range
 * @order: an entry is PAGE_SIZE << @order bytes
 *
 * Allocates the PFN array (every entry unmapped) and, behind a DMA IOMMU
 * domain, reserves IOVA space for the whole range; otherwise an array of
 * DMA addresses, one per entry.
 *
 * Return: 0; -EINVAL (with a warning) for an empty or too large range;
 * -EOPNOTSUPP (with a warning) for a device that may need bounce buffers;
 * -ENOMEM.
 */
int dmavec_hmm_map_init(struct device *dev, struct dmavec_hmm_map *map,
			unsigned long nr, unsigned int order)
{
	memset(map, 0, sizeof(*map));
	if (!nr || order >= BITS_PER_LONG - PAGE_SHIFT ||
	    nr > (SIZE_MAX >> (order + PAGE_SHIFT))) {
		dev_warn_once(dev, "dmavec: %lu entries of order %u cannot be mapped\n",
			      nr, order);
		return -EINVAL;
	}
	if (dmavec_hmm_may_bounce(dev)) {
		dev_warn_once(dev, "dmavec: a long-lived mapping needs a device without bounce buffers\n");
		return -EOPNOTSUPP;
	}
	map->nr = nr;
	map->order = order;
	map->pfns = kvcalloc(nr << order, sizeof(*map->pfns), GFP_KERNEL);
	if (!map->pfns)
		return -ENOMEM;
	if (dma_alloc_iova(dev, &map->state, 0, nr << (order + PAGE_SHIFT)))
		return 0;
	map->addrs = kvcalloc(nr, sizeof(*map->addrs), GFP_KERNEL);
	if (!map->addrs) {
		kvfree(map->pfns);
		map->pfns = NULL;
		return -ENOMEM;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(dmavec_hmm_map_init);

/* Map entry @idx, physically contiguous at @phys. */
static int dmavec_hmm_map_one(struct device *dev, struct dmavec_hmm_map *map,
			      unsigned long idx, phys_addr_t phys)
{
	size_t size = dmavec_hmm_size(map);
	dma_addr_t addr;
	int err;

	if (dma_use_iova(&map->state)) {
		addr = dma_link_range(dev, &map->state, phys, idx * size, size,
				      DMA_BIDIRECTIONAL, 0);
		if (addr != DMA_MAPPING_ERROR)
			return 0;
		/* the state's error is for one request; this map lives on */
		err = map->state.error ?: -EIO;
		map->state.error = 0;
		return err;
	}
	addr = dma_map_phys(dev, phys, size, DMA_BIDIRECTIONAL, 0);
	if (dma_mapping_error(dev, addr))
		return -EIO;
	map->addrs[idx] = addr;
	return 0;
}

/* Set the words of entry @idx to @pfns' with @flags, keeping nothing. */
static void dmavec_hmm_store(struct dmavec_hmm_map *map, unsigned long idx,
			     const unsigned long *pfns, unsigned long flags)
{
	unsigned long j, *p = &map->pfns[idx << map->order];

	for (j = 0; j < 1UL << map->order; j++)
		p[j] = (pfns[j] & ~HMM_PFN_FLAGS) | flags;
}

/**
 * dmavec_hmm_link() - map entries hmm_range_fault() found
 * @dev: the device
 * @map: the map
 * @idx: first entry
 * @pfns: hmm_range_fault()'s output for entries @idx.. (1 << order words
 *	each), the owner's own array, not @map's
 * @n: entries
 *
 * Maps each entry of @pfns that is valid and not mapped yet (its pages
 * must be one CPU mapping of at least the map's order), and records
 * it in @map's PFN array with its access (HMM_PFN_WRITE). An entry
 * already mapped to the same page keeps its mapping and gains write
 * access if @pfns grants it (access is never taken away here: unmap the
 * entry for that); one mapped to another page (the owner missed an
 * invalidation) is remapped, with a warning. Entries of @pfns that are
 * not valid are left as they are. Behind an IOMMU every new link is
 * synced with one IOTLB sync. The owner holds its invalidation lock.
 *
 * Return: 0, or the first error, with the entries before it mapped.
 */
int dmavec_hmm_link(struct device *dev, struct dmavec_hmm_map *map,
		    unsigned long idx, const unsigned long *pfns,
		    unsigned long n)
{
	unsigned long k, first = ULONG_MAX, last = 0;
	size_t size = dmavec_hmm_size(map);
	int err = 0;

	if (idx > map->nr || n > map->nr - idx) {
		dev_warn_once(dev, "dmavec: link of entries %lu..+%lu of %lu\n",
			      idx, n, map->nr);
		return -EINVAL;
	}
	for (k = 0; k < n; k++) {
		const unsigned long *in = &pfns[k << map->order];
		unsigned long cur = dmavec_hmm_pfn(map, idx + k);
		unsigned long grant = *in & (HMM_PFN_VALID | HMM_PFN_WRITE);

		if (!(*in & HMM_PFN_VALID) || (*in & HMM_PFN_ERROR))
			continue;
		if (hmm_pfn_to_map_order(*in) < map->order) {
			/* the entry's pages would not be contiguous */
			dev_warn_once(dev, "dmavec: entry %lu: a CPU mapping of order %u, not %u\n",
				      idx + k, hmm_pfn_to_map_order(*in), map->order);
			err = -EINVAL;
			break;
		}
		if (cur & HMM_PFN_DMA_MAPPED) {
			if ((cur & ~HMM_PFN_FLAGS) == (*in & ~HMM_PFN_FLAGS)) {
				dmavec_hmm_store(map, idx + k, in,
						 (cur & DMAVEC_HMM_FLAGS) | grant);
				continue;
			}
			dev_warn_once(dev, "dmavec: entry %lu mapped to another page: remapped\n",
				      idx + k);
			dmavec_hmm_unlink(dev, map, idx + k, 1);
		}
		err = dmavec_hmm_map_one(dev, map, idx + k,
					 page_to_phys(hmm_pfn_to_page(*in)));
		if (err)
			break;
		dmavec_hmm_store(map, idx + k, in, grant | HMM_PFN_DMA_MAPPED);
		first = min(first, idx + k);
		last = idx + k;
	}
	if (dma_use_iova(&map->state) && first != ULONG_MAX) {
		int ret = dma_iova_sync(dev, &map->state, first * size,
					(last + 1 - first) * size);

		err = err ?: ret;
	}
	return err;
}
EXPORT_SYMBOL_GPL(dmavec_hmm_link);

/**
 * dmavec_hmm_unlink() - unmap entries
 * @dev: the device
 * @map: the map
 * @idx: first entry
 * @n: entries
 *
 * Unmaps the mapped entries of [@idx, @idx + @n) (behind an IOMMU, each
 * run of them with one flush) and clears their flags; the PFNs stay. The
 * owner marks written pages dirty first if it must.
 */
void dmavec_hmm_unlink(struct device *dev, struct dmavec_hmm_map *map,
		       unsigned long idx, unsigned long n)
{
	size_t size = dmavec_hmm_size(map);
	unsigned long k, j, run = 0;

	if (idx > map->nr || n > map->nr - idx) {
		dev_warn_once(dev, "dmavec: unlink of entries %lu..+%lu of %lu\n",
			      idx, n, map->nr);
		return;
	}
	for (k = idx; k <= idx + n; k++) {
		bool mapped = k < idx + n && dmavec_hmm_mapped(map, k);

		if (mapped) {
			if (!dma_use_iova(&map->state))
				dma_unmap_phys(dev, map->addrs[k], size,
					       DMA_BIDIRECTIONAL, 0);
			for (j = 0; j < 1UL << map->order; j++)
				map->pfns[(k << map->order) + j] &= ~DMAVEC_HMM_FLAGS;
			run++;
			continue;
		}
		if (run && dma_use_iova(&map->state))
			dma_unlink_range(dev, &map->state, (k - run) * size,
					 run * size, DMA_BIDIRECTIONAL, 0);
		run = 0;
	}
}
EXPORT_SYMBOL_GPL(dmavec_hmm_unlink);

/**
 * dmavec_hmm_map_free() - unmap everything and free the map
 * @dev: the device
 * @map: the map dmavec_hmm_map_init() prepared
 */
void dmavec_hmm_map_free(struct device *dev, struct dmavec_hmm_map *map)
{
	if (!map->pfns)
		return;
	dmavec_hmm_unlink(dev, map, 0, map->nr);
	if (dma_use_iova(&map->state))
		dma_free_iova(dev, &map->state);
	kvfree(map->addrs);
	kvfree(map->pfns);
	map->addrs = NULL;
	map->pfns = NULL;
}
EXPORT_SYMBOL_GPL(dmavec_hmm_map_free);
