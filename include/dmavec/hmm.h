/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A long-lived DMA mapping of pages found by hmm_range_fault(), for a
 * device that faults them in and out over time (RDMA on-demand paging):
 * one IOVA reservation for the whole range when the device sits behind a
 * DMA IOMMU domain, entry i at a fixed offset in it; a DMA address per
 * entry otherwise. Which entries are mapped, and whether for write, is
 * kept in the PFN array itself (HMM_PFN_DMA_MAPPED, HMM_PFN_WRITE): with
 * IOVA that is all the per-page state, one word.
 *
 * The owner serialises every call on a map (its invalidation lock), faults
 * with hmm_range_fault() into a PFN array of its own, and hands the result
 * to dmavec_hmm_link(): the map's array is written only here, under that
 * lock, so a fault racing an invalidation cannot resurrect an entry.
 */
#ifndef _DMAVEC_HMM_H
#define _DMAVEC_HMM_H

#include <linux/dma-mapping.h>
#include <linux/hmm.h>

/**
 * struct dmavec_hmm_map - the DMA mapping of a range of user pages
 * @state: the IOVA reservation of the whole range, if dma_use_iova()
 * @pfns: one word per page of the range: its PFN, HMM_PFN_VALID and
 *	HMM_PFN_WRITE as granted, HMM_PFN_DMA_MAPPED while mapped
 * @addrs: without IOVA, the DMA address of each entry
 * @nr: entries
 * @order: an entry is PAGE_SIZE << @order bytes, @pfns has 1 << @order
 *	words per entry
 */
struct dmavec_hmm_map {
	struct dma_iova_state state;
	unsigned long *pfns;
	dma_addr_t *addrs;
	unsigned long nr;
	unsigned int order;
};

int dmavec_hmm_map_init(struct device *dev, struct dmavec_hmm_map *map,
			unsigned long nr, unsigned int order);
void dmavec_hmm_map_free(struct device *dev, struct dmavec_hmm_map *map);
int dmavec_hmm_link(struct device *dev, struct dmavec_hmm_map *map,
		    unsigned long idx, const unsigned long *pfns,
		    unsigned long n);
void dmavec_hmm_unlink(struct device *dev, struct dmavec_hmm_map *map,
		       unsigned long idx, unsigned long n);

/* The first PFN word of entry @idx. */
static inline unsigned long dmavec_hmm_pfn(const struct dmavec_hmm_map *map,
					   unsigned long idx)
{
	return map->pfns[idx << map->order];
}

static inline bool dmavec_hmm_mapped(const struct dmavec_hmm_map *map,
				     unsigned long idx)
{
	return dmavec_hmm_pfn(map, idx) & HMM_PFN_DMA_MAPPED;
}

static inline bool dmavec_hmm_writable(const struct dmavec_hmm_map *map,
				       unsigned long idx)
{
	return dmavec_hmm_pfn(map, idx) & HMM_PFN_WRITE;
}

/* The DMA address of entry @idx; meaningful while it is mapped. */
static inline dma_addr_t dmavec_hmm_addr(const struct dmavec_hmm_map *map,
					 unsigned long idx)
{
	if (dma_use_iova(&map->state))
		return map->state.addr + (idx << (map->order + PAGE_SHIFT));
	return map->addrs[idx];
}

#endif /* _DMAVEC_HMM_H */
